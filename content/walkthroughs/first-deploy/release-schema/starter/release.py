import os
import sqlite3

# TODO: connect to the database named by DATABASE_URL and create the notes table.
