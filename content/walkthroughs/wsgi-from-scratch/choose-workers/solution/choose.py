from sim import percentile, simulate, workload

RATE = 20            # requests per second at your busiest
SECONDS = 60
MEAN_MS = 40
TARGET_P95 = 0.2     # seconds
CORES = 2
MB_PER_WORKER = 150  # measure it: resident memory of one worker
MEMORY_MB = 1024     # memory you can give to the workers
DB_CONNECTIONS = 20  # connections the database allows this app; one per worker


def smallest_workers(arrivals, durations, target_p95, max_workers):
    """The fewest workers whose p95 latency meets the target, or None."""
    for workers in range(1, max_workers + 1):
        if percentile(simulate(arrivals, durations, workers), 95) <= target_p95:
            return workers
    return None


if __name__ == "__main__":
    arrivals, durations = workload(RATE, SECONDS, MEAN_MS)
    limit = min(MEMORY_MB // MB_PER_WORKER, DB_CONNECTIONS)
    print(f"Rule of thumb: (2 x {CORES} cores) + 1 = {2 * CORES + 1} workers")
    print(f"Memory and database connections allow at most {limit} workers")
    for workers in range(1, limit + 1):
        p95 = percentile(simulate(arrivals, durations, workers), 95)
        print(f"  workers={workers}  p95={p95:.3f}s  memory={workers * MB_PER_WORKER} MB")
    best = smallest_workers(arrivals, durations, TARGET_P95, limit)
    if best is None:
        print(f"No worker count up to {limit} meets p95 <= {TARGET_P95}s: "
              "make requests faster, add threads for I/O waits, or add instances")
    else:
        print(f"Smallest worker count for p95 <= {TARGET_P95}s: {best}")
