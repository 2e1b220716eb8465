import os
import sqlite3
from contextlib import closing

url = os.environ["DATABASE_URL"]
prefix = "sqlite:///"
if not url.startswith(prefix):
    raise SystemExit("DATABASE_URL must look like sqlite:///notes.db")

# closing() closes the connection; the inner "db" commits the transaction.
with closing(sqlite3.connect(url[len(prefix):])) as db, db:
    db.execute(
        "CREATE TABLE IF NOT EXISTS notes ("
        " id INTEGER PRIMARY KEY,"
        " text TEXT NOT NULL,"
        " created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
print("schema ready")
