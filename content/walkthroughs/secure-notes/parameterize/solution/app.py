import hmac
import html
import secrets
import sqlite3
from contextlib import closing
from urllib.parse import parse_qs

DB = "users.db"


def setup():
    # closing() closes the connection; "with db" only commits (or rolls back).
    with closing(sqlite3.connect(DB)) as db:
        with db:
            db.execute("CREATE TABLE IF NOT EXISTS users (id INTEGER PRIMARY KEY, username TEXT UNIQUE, password TEXT)")
            # Plain-text passwords are a second bug; a later step fixes it.
            # admin's password is random: nobody knows it, not even you.
            db.executemany(
                "INSERT OR IGNORE INTO users (username, password) VALUES (?, ?)",
                [("admin", secrets.token_urlsafe(16)), ("alice", "wonderland"), ("d'arcy", "pemberley")],
            )


setup()


def find_user(username, password):
    with closing(sqlite3.connect(DB)) as db:
        row = db.execute("SELECT username, password FROM users WHERE username = ?", (username,)).fetchone()
    # The password is checked here, not in the SQL: compare_digest takes the same
    # time however much of it matches, and bytes accept any character.
    if row and hmac.compare_digest(row[1].encode("utf-8"), password.encode("utf-8")):
        return row[0]
    return None


def page(start_response, status, content):
    body = f"<!doctype html><title>Secure notes</title>{content}".encode("utf-8")
    start_response(status, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    if environ.get("REQUEST_METHOD") == "POST" and environ.get("PATH_INFO") == "/login":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        username = form.get("username", [""])[0]
        password = form.get("password", [""])[0]
        user = find_user(username, password)
        if user:
            return page(start_response, "200 OK", f"<h1>Welcome, {html.escape(user)}</h1>")
        return page(start_response, "401 Unauthorized", "<h1>Wrong username or password.</h1>")
    form = '<form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Log in</button></form>'
    return page(start_response, "200 OK", form)
