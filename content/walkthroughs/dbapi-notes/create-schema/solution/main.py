from contextlib import closing

from db import connect, create_schema

with closing(connect("notes.db")) as conn:  # closed even if a statement fails
    create_schema(conn)
    create_schema(conn)  # running it again must change nothing

    tables = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
    ).fetchall()
    for (table,) in tables:
        print(f"table {table}")
        columns = conn.execute(
            "SELECT name, type, pk FROM pragma_table_info(?)", (table,)
        ).fetchall()
        for name, type_, pk in columns:
            print(f"  {name:8} {type_}{'  (primary key)' if pk else ''}")
