"""Release 3's migration: the platform runs it once, before the roll.
Release 3 reads title, so every row needs one: copy it from name where
release 1 left it empty. Safe to run twice."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    db.execute("UPDATE tasks SET title = name WHERE title IS NULL")
