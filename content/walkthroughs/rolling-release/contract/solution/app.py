"""Release 4: uses only the column title."""

import html
import os
import sqlite3
from contextlib import closing
from urllib.parse import parse_qs

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///tasks.db")


def connect():
    """A new connection to the database in DATABASE_URL; the caller closes it."""
    prefix = "sqlite:///"
    if not DATABASE_URL.startswith(prefix):
        raise RuntimeError("DATABASE_URL must look like sqlite:///tasks.db")
    return sqlite3.connect(DATABASE_URL[len(prefix):])


def read_title(environ):
    try:
        size = int(environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        size = 0
    form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
    return form.get("title", [""])[0].strip()


def respond(start_response, status, body, content_type="text/html; charset=utf-8", headers=()):
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data))), *headers])
    return [data]


def page(titles):
    items = "".join(f"<li>{html.escape(title)}</li>\n" for title in titles)
    return (
        "<!doctype html>\n<title>Tasks</title>\n<h1>Tasks</h1>\n"
        f"<ul>\n{items}</ul>\n"
        '<form method="post" action="/tasks"><input name="title" required> <button>Add</button></form>\n'
    )


def application(environ, start_response):
    method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "/")
    if method == "POST" and path == "/tasks":
        title = read_title(environ)
        if not title:
            return respond(start_response, "400 Bad Request", "A task needs a title.\n", "text/plain; charset=utf-8")
        with closing(connect()) as db, db:  # commit, then close
            db.execute("INSERT INTO tasks (title) VALUES (?)", (title,))
        return respond(start_response, "303 See Other", "", "text/plain; charset=utf-8", [("Location", "/")])
    if method == "GET" and path == "/":
        with closing(connect()) as db:
            titles = [row[0] for row in db.execute('SELECT title FROM tasks ORDER BY id')]
        return respond(start_response, "200 OK", page(titles))
    return respond(start_response, "404 Not Found", "Not found\n", "text/plain; charset=utf-8")
