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
        # Liveness only: the process is up and can answer. No database, no network.
        return respond(start_response, "200 OK", "ok\n")
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


def log(**fields):
    """One JSON object per line on stdout, where the platform collects it."""
    print(json.dumps(fields, ensure_ascii=False), flush=True)


class LoggedBody:
    """Wraps the app's response iterable: logs the request when the server
    closes it, and passes close() on to the app as PEP 3333 requires."""

    def __init__(self, body, finished):
        self.body = body
        self.finished = finished

    def __iter__(self):
        return iter(self.body)

    def close(self):
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.finished()


class RequestLog:
    """WSGI middleware: a request id in X-Request-ID and one JSON access-log line per request."""

    def __init__(self, app):
        self.app = app

    def __call__(self, environ, start_response):
        request_id = request_id_from(environ)
        environ["notes.request_id"] = request_id
        started = time.perf_counter()
        response = {"status": 0}

        def start_with_id(status, headers, exc_info=None):
            response["status"] = int(status.split(" ", 1)[0])
            headers = [(name, value) for name, value in headers if name.lower() != "x-request-id"]
            headers.append(("X-Request-ID", request_id))
            return start_response(status, headers, exc_info)

        def finished():
            log(
                level="info",
                event="request",
                method=environ.get("REQUEST_METHOD", "GET"),
                path=environ.get("PATH_INFO", "/"),
                status=response["status"],
                duration_ms=round((time.perf_counter() - started) * 1000, 1),
                request_id=request_id,
            )

        try:
            body = self.app(environ, start_with_id)
        except Exception:
            log(
                level="error",
                event="unhandled exception",
                method=environ.get("REQUEST_METHOD", "GET"),
                path=environ.get("PATH_INFO", "/"),
                request_id=request_id,
                error=traceback.format_exc(),
            )
            body = [b"Internal Server Error\n"]
            start_with_id("500 Internal Server Error", [
                ("Content-Type", "text/plain; charset=utf-8"),
                ("Content-Length", str(len(body[0]))),
            ], sys.exc_info())
        return LoggedBody(body, finished)


application = RequestLog(notes_app)
