"""A one-off command the platform runs once every instance runs release 4."""
