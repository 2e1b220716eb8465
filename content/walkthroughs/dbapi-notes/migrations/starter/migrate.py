MIGRATIONS = [
    (1, [
        "CREATE TABLE notes (id INTEGER PRIMARY KEY,"
        " title TEXT NOT NULL CHECK (title <> ''),"
        " body TEXT NOT NULL DEFAULT '')",
    ]),
    (2, [
        "CREATE TABLE tags (note_id INTEGER NOT NULL REFERENCES notes (id),"
        " name TEXT NOT NULL, PRIMARY KEY (note_id, name))",
    ]),
    # TODO: migration 3 adds a pinned column to notes (0 or 1, default 0).
]


def current_version(conn):
    # TODO: create the schema_version table if it is missing,
    # and return the highest version recorded in it (0 if none).
    return 0


def migrate(conn):
    applied = []
    for version, statements in MIGRATIONS:
        for statement in statements:
            conn.execute(statement)
        applied.append(version)
    conn.commit()
    return applied
