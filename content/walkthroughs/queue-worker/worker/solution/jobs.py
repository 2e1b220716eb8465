"""A job queue kept in SQLite: the web process adds jobs, the worker
process takes them. One row per job; a job is never deleted, so what
happened to it can always be looked up."""

import contextlib
import json
import sqlite3
import time

DB = "jobs.db"
LEASE_SECONDS = 60  # the visibility timeout: longer than any one job may take
MAX_ATTEMPTS = 5

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


def claim():
    """Leases the oldest job that is waiting: queued, or running with a lease
    that has run out (its worker died mid-job). Returns it as a dict, or None.
    BEGIN IMMEDIATE takes the write lock before the SELECT, so two workers
    never lease the same job."""
    now = time.time()
    with contextlib.closing(connect()) as conn:
        with conn:
            conn.execute("BEGIN IMMEDIATE")
            row = conn.execute(
                "SELECT id, kind, payload FROM jobs"
                " WHERE status = 'queued' OR (status = 'running' AND lease_until < ?)"
                " ORDER BY id LIMIT 1",
                (now,),
            ).fetchone()
            if row is None:
                return None
            conn.execute(
                "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_until = ? WHERE id = ?",
                (now + LEASE_SECONDS, row[0]),
            )
    return {"id": row[0], "kind": row[1], "payload": json.loads(row[2])}


def finish(job_id):
    with contextlib.closing(connect()) as conn:
        with conn:
            conn.execute("UPDATE jobs SET status = 'done', lease_until = 0 WHERE id = ?", (job_id,))


def fail(job_id, error, permanent=False):
    """Puts the job back in the queue for another try, or, when it can never
    succeed or has used up its attempts, marks it failed. It is kept either way."""
    with contextlib.closing(connect()) as conn:
        with conn:
            (attempts,) = conn.execute("SELECT attempts FROM jobs WHERE id = ?", (job_id,)).fetchone()
            state = "failed" if permanent or attempts >= MAX_ATTEMPTS else "queued"
            conn.execute(
                "UPDATE jobs SET status = ?, last_error = ?, lease_until = 0 WHERE id = ?",
                (state, error[:500], job_id),
            )
