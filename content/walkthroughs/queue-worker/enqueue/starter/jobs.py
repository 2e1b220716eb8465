"""A job queue kept in SQLite: the web process adds jobs, the worker
process takes them. One row per job."""

import contextlib
import json
import sqlite3
import time

DB = "jobs.db"

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    payload TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'queued',
    attempts INTEGER NOT NULL DEFAULT 0,
    lease_until REAL NOT NULL DEFAULT 0,
    last_error TEXT NOT NULL DEFAULT '',
    created REAL NOT NULL
)
"""


def connect():
    conn = sqlite3.connect(DB, timeout=10)
    conn.execute(SCHEMA)
    return conn


# TODO: enqueue(kind, key, payload): insert a row, commit, close, return its id.
# TODO: status(kind, key): the status of the latest job for that key, or None.
