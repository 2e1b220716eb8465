import os
import sqlite3

url = os.environ["DATABASE_URL"]
prefix = "sqlite:///"
if not url.startswith(prefix):
    raise SystemExit("DATABASE_URL must look like sqlite:///notes.db")

with sqlite3.connect(url[len(prefix):]) as db:
    db.execute(
        "CREATE TABLE IF NOT EXISTS notes ("
        " id INTEGER PRIMARY KEY,"
        " text TEXT NOT NULL,"
        " created TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)"
    )
print("schema ready")
