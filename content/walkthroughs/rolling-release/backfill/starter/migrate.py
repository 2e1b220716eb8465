"""Release 3's migration: the platform runs it once, before the roll.
Release 3 reads the column title, which release 2 added."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    pass  # nothing to change in the schema
