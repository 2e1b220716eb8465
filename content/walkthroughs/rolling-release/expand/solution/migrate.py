"""Release 2's migration: the platform runs it once, before the roll,
while release 1 is still serving. It only adds; it can safely run twice."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    columns = {row[1] for row in db.execute("PRAGMA table_info(tasks)")}
    if "title" not in columns:
        db.execute("ALTER TABLE tasks ADD COLUMN title TEXT")
