"""A one-off command the platform runs once every instance runs release 4,
which no longer reads or writes the column name. Safe to run twice."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    columns = {row[1] for row in db.execute("PRAGMA table_info(tasks)")}
    if "name" in columns:
        db.execute("ALTER TABLE tasks DROP COLUMN name")
