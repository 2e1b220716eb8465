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
    (3, [
        "ALTER TABLE notes ADD COLUMN pinned INTEGER NOT NULL DEFAULT 0",
    ]),
]


def current_version(conn):
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY,"
        " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
    row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()
    return row[0]


def migrate(conn):
    done = current_version(conn)
    applied = []
    for version, statements in MIGRATIONS:
        if version <= done:
            continue
        with conn:  # commit at the end, or roll the whole migration back
            conn.execute("BEGIN")  # sqlite3 opens none before DDL by itself
            for statement in statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        applied.append(version)
    return applied
