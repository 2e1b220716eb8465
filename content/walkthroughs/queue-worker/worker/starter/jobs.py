"""A job queue kept in SQLite: the web process adds jobs, the worker
process takes them. One row per job; a job is never deleted, so what
happened to it can always be looked up."""

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


def enqueue(kind, key, payload):
    """Adds a job and returns its id. The insert is committed before this
    returns, so the job exists before the client is told it is accepted."""
    with contextlib.closing(connect()) as conn:
        with conn:
            cursor = conn.execute(
                "INSERT INTO jobs (kind, key, payload, created) VALUES (?, ?, ?, ?)",
                (kind, key, json.dumps(payload), time.time()),
            )
        return cursor.lastrowid


def status(kind, key):
    """The status of the latest job of this kind for this key, or None."""
    with contextlib.closing(connect()) as conn:
        row = conn.execute(
            "SELECT status FROM jobs WHERE kind = ? AND key = ? ORDER BY id DESC LIMIT 1",
            (kind, key),
        ).fetchone()
    return row[0] if row else None


def take():
    """Removes the oldest queued job from the table and returns it, or None."""
    with contextlib.closing(connect()) as conn:
        with conn:
            row = conn.execute(
                "SELECT id, kind, payload FROM jobs WHERE status = 'queued' ORDER BY id LIMIT 1"
            ).fetchone()
            if row is None:
                return None
            conn.execute("DELETE FROM jobs WHERE id = ?", (row[0],))
    return {"id": row[0], "kind": row[1], "payload": json.loads(row[2])}
