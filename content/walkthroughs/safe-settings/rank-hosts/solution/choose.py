from datetime import date

from hosts import HOSTS

TODAY = date(2026, 12, 3)
REGION = "europe"  # where your users, and their data, must be
BUDGET = 40  # US dollars a month
# How much each criterion matters to you: change these.
WEIGHTS = {"cost": 3, "uptime": 2, "ops": 2, "scaling": 1}


def criteria(host, budget=BUDGET):
    """Each criterion as a number from 0 (poor) to 1 (good)."""
    return {
        "cost": max(0.0, 1 - host["monthly_usd"] / budget),
        "uptime": 0.0 if host["sla"] is None else min(1.0, max(0.0, host["sla"] - 99.0)),
        "ops": max(0.0, 1 - host["ops_hours"] / 10),
        "scaling": host["scaling"] / 5,
    }


def score(host, weights, budget=BUDGET):
    """The weighted score, from 0 to 10."""
    values = criteria(host, budget)
    total = sum(weights.get(name, 0) for name in values)
    if total <= 0:
        raise ValueError(f"give at least one of {sorted(values)} a weight above 0")
    weighted = sum(weights.get(name, 0) * value for name, value in values.items())
    return round(10 * weighted / total, 1)


def rank(hosts, weights, region=REGION, budget=BUDGET):
    """The hosts that serve the region, best first."""
    nearby = [host for host in hosts if region in host["regions"]]
    return sorted(nearby, key=lambda host: score(host, weights, budget), reverse=True)


def main():
    chosen = ", ".join(f"{name} {weight}" for name, weight in WEIGHTS.items())
    print(f"Region: {REGION}. Budget: ${BUDGET} a month. Weights: {chosen}")
    ranked = rank(HOSTS, WEIGHTS)
    for place, host in enumerate(ranked, start=1):
        print(f"{place:2}. {host['name']:<32} {score(host, WEIGHTS):4.1f}")
    left_out = [host["name"] for host in HOSTS if host not in ranked]
    if left_out:
        print(f"Left out (no data centre in {REGION}):", ", ".join(left_out))
    for host in HOSTS:
        if host["free_until"]:
            ends = date.fromisoformat(host["free_until"])
            print(f"Free tier of {host['name']} ends {ends} (in {(ends - TODAY).days} days),"
                  f" then ${host['monthly_usd']} a month")


if __name__ == "__main__":
    main()
