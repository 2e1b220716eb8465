import sqlite3
from contextlib import closing

from db import add_note_with_tags, connect, create_schema

with closing(connect("notes.db")) as conn:
    create_schema(conn)
    add_note_with_tags(conn, "Deploy checklist", "", ["deploy", "ops"])
    try:
        add_note_with_tags(conn, "Half-saved note", "", ["db", "db"])
    except sqlite3.IntegrityError as error:
        print("refused:", error)

    notes = conn.execute("SELECT count(*) FROM notes").fetchone()[0]
    tags = conn.execute("SELECT count(*) FROM tags").fetchone()[0]
    print(f"notes: {notes}, tags: {tags}")
