# Invented figures for practice: replace them with real, dated ones
# for the hosts you are considering.
HOSTS = [
    {"name": "Shared hosting, basic plan", "monthly_usd": 5, "free_until": None,
     "regions": ["europe", "north-america"], "scaling": 1, "sla": None, "ops_hours": 1},
    {"name": "PaaS, small paid instance", "monthly_usd": 22, "free_until": None,
     "regions": ["europe", "north-america"], "scaling": 4, "sla": 99.9, "ops_hours": 1},
    {"name": "PaaS with a free trial", "monthly_usd": 35, "free_until": "2027-02-28",
     "regions": ["europe", "north-america", "asia"], "scaling": 4, "sla": 99.95, "ops_hours": 1},
    {"name": "VPS with 2 GB of memory", "monthly_usd": 8, "free_until": None,
     "regions": ["europe", "north-america", "asia"], "scaling": 2, "sla": 99.9, "ops_hours": 6},
    {"name": "IaaS VM and managed database", "monthly_usd": 48, "free_until": None,
     "regions": ["europe", "north-america", "asia"], "scaling": 5, "sla": 99.99, "ops_hours": 5},
    {"name": "Regional cloud, Asia only", "monthly_usd": 10, "free_until": None,
     "regions": ["asia"], "scaling": 3, "sla": 99.95, "ops_hours": 3},
]
