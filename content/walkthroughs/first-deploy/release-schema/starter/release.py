import os
import sqlite3
from contextlib import closing

# TODO: connect to the database named by DATABASE_URL, create the notes table,
# commit, and close the connection again.
