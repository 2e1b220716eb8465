import sqlite3
from contextlib import closing

from migrate import current_version, migrate

with closing(sqlite3.connect("notes.db")) as conn:
    print("applied:", migrate(conn))
    print("applied on re-run:", migrate(conn))
    print("schema version:", current_version(conn))
    for version, applied_at in conn.execute(
        "SELECT version, applied_at FROM schema_version ORDER BY version"
    ):
        print(f"  {version}  {applied_at}")
