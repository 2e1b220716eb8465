import sqlite3
from urllib.parse import urlsplit

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS notes (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL CHECK (title <> ''),
        body TEXT NOT NULL DEFAULT ''
    )""",
    """CREATE TABLE IF NOT EXISTS tags (
        note_id INTEGER NOT NULL REFERENCES notes (id),
        name TEXT NOT NULL,
        PRIMARY KEY (note_id, name)
    )""",
]


def connect(path):
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA foreign_keys = ON")  # SQLite leaves them off by default
    return conn


def create_schema(conn):
    for statement in SCHEMA:
        conn.execute(statement)
    conn.commit()


def add_note(conn, title, body=""):
    cur = conn.execute(
        "INSERT INTO notes (title, body) VALUES (?, ?)", (title, body)
    )
    conn.commit()
    return cur.lastrowid


def find_notes(conn, word):
    return conn.execute(
        "SELECT id, title FROM notes WHERE title LIKE '%' || ? || '%' ORDER BY id",
        (word,),
    ).fetchall()


def add_note_with_tags(conn, title, body, tags):
    with conn:  # commits at the end, or rolls back if anything fails
        cur = conn.execute(
            "INSERT INTO notes (title, body) VALUES (?, ?)", (title, body)
        )
        conn.executemany(
            "INSERT INTO tags (note_id, name) VALUES (?, ?)",
            [(cur.lastrowid, tag) for tag in tags],
        )
    return cur.lastrowid


def sqlite_path(url):
    parts = urlsplit(url)
    if parts.scheme != "sqlite":
        # Name the scheme only: the full URL may hold a password.
        raise ValueError(
            f"unsupported DATABASE_URL scheme {parts.scheme!r}: "
            "this app only speaks sqlite:///path/to/file.db"
        )
    path = parts.path[1:]  # sqlite:///notes.db -> notes.db
    if parts.netloc or not path:
        raise ValueError("a SQLite DATABASE_URL looks like sqlite:///notes.db")
    return path


def connect_url(url):
    return connect(sqlite_path(url))
