from contextlib import closing

from db import add_note, connect, create_schema, find_notes

with closing(connect("notes.db")) as conn:
    create_schema(conn)
    add_note(conn, "Backups before Friday", "Test a restore, too.")
    add_note(conn, "O'Reilly's SQL tips", "Quotes are data, not code.")

    for word in ["SQL", "O'Reilly", "x' OR 1=1 --"]:
        print(f"search {word!r}: {find_notes(conn, word)}")
