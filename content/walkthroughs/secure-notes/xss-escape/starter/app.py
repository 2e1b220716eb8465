import html
import sqlite3
from contextlib import closing
from urllib.parse import parse_qs

DB = "notes.db"

# closing() closes the connection; "with db" only commits (or rolls back).
with closing(sqlite3.connect(DB)) as db:
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def page(start_response, status, content):
    body = f"<!doctype html><title>Secure notes</title><h1>Notes</h1>{content}".encode("utf-8")
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    if method == "POST" and path == "/notes":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        text = parse_qs(environ["wsgi.input"].read(size).decode("utf-8")).get("text", [""])[0]
        with closing(sqlite3.connect(DB)) as db:
            with db:
                db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        start_response("303 See Other", [("Location", "/"), ("Content-Length", "0")])
        return [b""]
    q = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
    with closing(sqlite3.connect(DB)) as db:
        rows = db.execute("SELECT text FROM notes WHERE text LIKE ? ORDER BY id", (f"%{q}%",)).fetchall()
    search = f'<form><input name="q" value="{q}"><button>Search</button></form>'
    items = "".join(f"<li>{text}</li>" for (text,) in rows)
    return page(start_response, "200 OK", search + (f"<ul>{items}</ul>" if items else "<p>No notes match.</p>"))
