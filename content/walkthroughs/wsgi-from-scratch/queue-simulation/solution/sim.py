import random

RATE = 20          # requests per second
SECONDS = 60       # how long the traffic lasts
MEAN_MS = 40       # time a typical request needs
SLOW_SHARE = 0.03  # share of slow requests (a report, a slow API)
SLOW_MS = 600      # time a slow request needs
WORKERS = 1        # like wsgiref's server: one request at a time


def workload(rate, seconds, mean_ms, slow_share=SLOW_SHARE, slow_ms=SLOW_MS, seed=7):
    """Arrival times and service times in seconds; the same seed gives the same traffic."""
    rng = random.Random(seed)
    arrivals, durations = [], []
    t = 0.0
    while True:
        t += rng.random() * 2 / rate  # gaps average 1/rate
        if t >= seconds:
            return arrivals, durations
        arrivals.append(t)
        typical = slow_ms if rng.random() < slow_share else mean_ms
        durations.append(typical * (0.5 + rng.random()) / 1000)


def simulate(arrivals, durations, workers):
    """Latency of each request: time waiting for a free worker plus service time."""
    free_at = [0.0] * workers  # when each worker is next free
    latencies = []
    for arrived, duration in zip(arrivals, durations):
        i = free_at.index(min(free_at))  # the worker that frees up first
        start = max(arrived, free_at[i])
        free_at[i] = start + duration
        latencies.append(free_at[i] - arrived)
    return latencies


def percentile(values, p):
    """Nearest-rank percentile: p% of the values are at or below it."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def report(workers, arrivals, durations):
    latencies = simulate(arrivals, durations, workers)
    busy = sum(durations) / (workers * arrivals[-1])
    print(f"workers={workers}  requests={len(latencies)}  busy={busy:.0%}")
    print("  p50={:.3f}s  p95={:.3f}s  p99={:.3f}s  max={:.3f}s".format(
        percentile(latencies, 50), percentile(latencies, 95),
        percentile(latencies, 99), max(latencies)))


if __name__ == "__main__":
    arrivals, durations = workload(RATE, SECONDS, MEAN_MS)
    mean = sum(durations) / len(durations)
    print(f"{RATE} requests/s for {SECONDS} s, mean service time {mean * 1000:.0f} ms")
    report(WORKERS, arrivals, durations)
