import sqlite3

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
    cur = conn.execute(
        "INSERT INTO notes (title, body) VALUES (?, ?)", (title, body)
    )
    conn.commit()
    for tag in tags:
        conn.execute(
            "INSERT INTO tags (note_id, name) VALUES (?, ?)", (cur.lastrowid, tag)
        )
        conn.commit()
    return cur.lastrowid
