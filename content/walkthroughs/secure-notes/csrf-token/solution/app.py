import hashlib
import hmac
import html
import os
import secrets
import sqlite3
from contextlib import closing
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

DB = "notes.db"
SECRET_KEY = os.environ["SECRET_KEY"].encode("utf-8")

# closing() closes the connection; "with db" only commits (or rolls back).
with closing(sqlite3.connect(DB)) as db:
    with db:
        db.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL)")


def csrf_token(session_id):
    return hmac.new(SECRET_KEY, session_id.encode("utf-8"), hashlib.sha256).hexdigest()


def token_ok(session_id, submitted):
    # Compare bytes: given two str, compare_digest raises TypeError on non-ASCII
    # input, and a forged token must get a 403, not crash the app.
    return bool(session_id) and hmac.compare_digest(csrf_token(session_id).encode("utf-8"), submitted.encode("utf-8"))


def page(start_response, status, content, headers=()):
    body = f"<!doctype html><title>Secure notes</title><h1>Notes</h1>{content}".encode("utf-8")
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))), *headers])
    return [body]


def application(environ, start_response):
    cookies = SimpleCookie(environ.get("HTTP_COOKIE", ""))
    session_id = cookies["session"].value if "session" in cookies else ""
    if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/notes":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        if not token_ok(session_id, form.get("csrf_token", [""])[0]):
            return page(start_response, "403 Forbidden", "<p>Missing or wrong CSRF token.</p>")
        with closing(sqlite3.connect(DB)) as db:
            with db:
                db.execute("INSERT INTO notes (text) VALUES (?)", (form.get("text", [""])[0],))
        start_response("303 See Other", [("Location", "/"), ("Content-Length", "0")])
        return [b""]
    headers = []
    if not session_id:
        session_id = secrets.token_urlsafe(32)
        headers.append(("Set-Cookie", f"session={session_id}; Path=/; Secure; HttpOnly; SameSite=Lax"))
    with closing(sqlite3.connect(DB)) as db:
        rows = db.execute("SELECT text FROM notes ORDER BY id").fetchall()
    items = "".join(f"<li>{html.escape(text)}</li>" for (text,) in rows)
    form = (
        '<form method="post" action="/notes"><input name="text">'
        f'<input type="hidden" name="csrf_token" value="{csrf_token(session_id)}">'
        "<button>Add</button></form>"
    )
    return page(start_response, "200 OK", f"<ul>{items}</ul>{form}", headers)
