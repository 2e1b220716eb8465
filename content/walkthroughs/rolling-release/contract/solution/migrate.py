"""Release 4's migration: the platform runs it once, before the roll,
while release 3 (which still writes name) is serving: nothing to do yet."""

import os
import sqlite3
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")
PATH = DATABASE_URL.removeprefix("sqlite:///")

with closing(sqlite3.connect(PATH)) as db, db:  # commit, then close
    pass  # the column name is dropped by contract.py, after the roll
