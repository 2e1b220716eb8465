import json
import os
import re
import secrets
import sqlite3
import sys
import time
import traceback
from contextlib import closing

DATABASE_URL = os.environ.get("DATABASE_URL", "sqlite:///notes.db")


def connect():
    """A new connection to the database in DATABASE_URL; the caller closes it."""
    prefix = "sqlite:///"
    if not DATABASE_URL.startswith(prefix):
        raise RuntimeError("DATABASE_URL must look like sqlite:///notes.db")
    return sqlite3.connect(DATABASE_URL[len(prefix):])


def respond(start_response, status, text):
    body = text.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]


def notes_app(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/health":
        # Asks the database on every probe: slow, and a database hiccup restarts every instance.
        with closing(connect()) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            count = db.execute("SELECT COUNT(*) FROM notes").fetchone()[0]
        return respond(start_response, "200 OK", f"ok, {count} notes\n")
    if path == "/":
        with closing(connect()) as db, db:  # commit, then close
            db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            rows = db.execute("SELECT text FROM notes ORDER BY id").fetchall()
        return respond(start_response, "200 OK", "".join(f"- {text}\n" for (text,) in rows) or "No notes yet.\n")
    if path == "/stats":
        with closing(connect()) as db, db:
            db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")
            lengths = [len(text) for (text,) in db.execute("SELECT text FROM notes")]
        # A bug left in on purpose: with no notes yet, this divides by zero.
        average = sum(lengths) // len(lengths)
        return respond(start_response, "200 OK", f"{len(lengths)} notes, {average} characters on average\n")
    return respond(start_response, "404 Not Found", "Not found\n")


VALID_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,128}")


def request_id_from(environ):
    """The router's X-Request-ID when it looks like one, else a new random id."""
    incoming = environ.get("HTTP_X_REQUEST_ID", "")
    if VALID_REQUEST_ID.fullmatch(incoming):
        return incoming
    return secrets.token_hex(16)


class RequestLog:
    """WSGI middleware: gives each request an id and returns it in X-Request-ID."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request_id = request_id_from(environ)
        environ["notes.request_id"] = request_id  # for the app's own log lines

        def start_with_id(status, headers, exc_info=None):
            headers = [(name, value) for name, value in headers if name.lower() != "x-request-id"]
            headers.append(("X-Request-ID", request_id))
            return start_response(status, headers, exc_info)

        # TODO (next step): write one JSON access-log line for each request.
        return self.app(environ, start_with_id)


application = RequestLog(notes_app)
