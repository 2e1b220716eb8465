import html
import os
from contextlib import closing
from urllib.parse import parse_qs

from db import add_note, connect_url, create_schema, find_notes

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip()
if not DATABASE_URL:
    raise RuntimeError("DATABASE_URL is not set; try sqlite:///notes.db")

# A bad URL stops the app here, at start-up, not on some later request.
# Creating the schema here is for this sandbox only: a real deploy
# runs migrations once, in the release phase (next step).
with connect_url(DATABASE_URL) as conn:
    create_schema(conn)


def respond(start_response, status, text, headers=(), content_type="text/plain"):
    body = text.encode("utf-8")
    start_response(status, [
        ("Content-Type", f"{content_type}; charset=utf-8"),
        ("Content-Length", str(len(body))),
        *headers,
    ])
    return [body]


def notes_page(notes, word):
    # html.escape: a title is text, never markup, whatever the learner types.
    items = "".join(f"<li>{html.escape(title, quote=False)}</li>\n" for _, title in notes)
    return f"""<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Notes</title></head>
<body>
<h1>Notes</h1>
<form method="post" action="/notes">
  <label>New note <input name="title" required></label>
  <button>Add note</button>
</form>
<form method="get" action="/notes">
  <label>Search <input name="q" value="{html.escape(word)}"></label>
  <button>Search</button>
</form>
<ul id="notes">
{items or "<li>No notes yet.</li>"}
</ul>
</body>
</html>
"""


def application(environ, start_response):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        return respond(start_response, "303 See Other", "", [("Location", "/notes")])
    if path != "/notes":
        return respond(start_response, "404 Not Found", "not found\n")
    if method not in ("GET", "HEAD", "POST"):
        return respond(start_response, "405 Method Not Allowed", "use GET or POST\n",
                       [("Allow", "GET, HEAD, POST")])
    with connect_url(DATABASE_URL) as conn:  # one connection per request
        if method == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
            title = form.get("title", [""])[0].strip()
            if not title:
                return respond(start_response, "400 Bad Request", "a note needs a title\n")
            add_note(conn, title)
            return respond(start_response, "303 See Other", "", [("Location", "/notes")])
        word = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
        page = notes_page(find_notes(conn, word), word)
        return respond(start_response, "200 OK", page, content_type="text/html")
