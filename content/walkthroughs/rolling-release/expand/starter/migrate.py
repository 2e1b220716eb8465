"""Release 2's migration: the platform runs it once, before the roll."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    db.execute("ALTER TABLE tasks RENAME COLUMN name TO title")
