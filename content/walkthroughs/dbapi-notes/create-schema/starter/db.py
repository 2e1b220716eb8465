import sqlite3

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS notes (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL
    )""",
    # TODO: give notes a body column, and add a tags table
    # whose rows point at a note (note_id) and hold a name.
]


def connect(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")  # SQLite leaves them off by default
    return conn


def create_schema(conn):
    for statement in SCHEMA:
        conn.execute(statement)
    conn.commit()
