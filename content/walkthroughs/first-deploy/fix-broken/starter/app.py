import html
import os
import sqlite3
from contextlib import closing
from urllib.parse import parse_qs


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(f"config var {name} is not set; refusing to start")
    return value


SECRET_KEY = required("SECRET_KEY")
GREETING = os.environ.get("GREETING", "Notes")
DATABASE_URL = required("DATABASE_URL")


def connect():
    """A new connection to the database in DATABASE_URL; the caller closes it."""
    prefix = "sqlite:///"
    if not DATABASE_URL.startswith(prefix):
        raise RuntimeError("DATABASE_URL must look like sqlite:///notes.db")
    return sqlite3.connect(DATABASE_URL[len(prefix):])


# Each note is one field, "text", posted to /notes.
FORM = '<form method="post" action="/notes"><label>New note <input name="text"></label> <button>Add note</button></form>'


def render(status, title, content, start_response):
    page = f"<!doctype html><title>{html.escape(title)}</title><h1>{html.escape(title)}</h1>{content}"
    body = page.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]


def application(environ, start_response):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    if path == "/health":
        start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"ok"]
    if path == "/notes" and method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        text = form.get("text", [""])[0].strip()
        if not text:
            return render("400 Bad Request", "Empty note", '<p>Write something first. <a href="/">Back to the notes</a></p>', start_response)
        with closing(connect()) as db, db:  # commit, then close
            db.execute("INSERT INTO notes (text) VALUES (?)", (text,))
        start_response("303 See Other", [("Location", "/"), ("Content-Length", "0")])
        return [b""]
    if path == "/":
        with closing(connect()) as db:
            rows = db.execute("SELECT text FROM notes ORDER BY id").fetchall()
        items = "".join(f"<li>{html.escape(text)}</li>" for (text,) in rows)
        listed = f"<ul>{items}</ul>" if items else "<p>No notes yet.</p>"
        return render("200 OK", GREETING, listed + FORM, start_response)
    return render("404 Not Found", "Not found", "", start_response)
