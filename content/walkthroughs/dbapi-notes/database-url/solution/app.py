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
with closing(connect_url(DATABASE_URL)) as conn:
    create_schema(conn)


def respond(start_response, status, text, headers=()):
    body = text.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        *headers,
    ])
    return [body]


def application(environ, start_response):
    method = environ.get("REQUEST_METHOD", "GET")
    path = environ.get("PATH_INFO", "/")
    if path != "/notes":
        return respond(start_response, "404 Not Found", "not found\n")
    if method not in ("GET", "HEAD", "POST"):
        return respond(start_response, "405 Method Not Allowed", "use GET or POST\n",
                       [("Allow", "GET, HEAD, POST")])
    # One connection per request. closing() closes it when the block ends,
    # even if a statement fails; `with conn:` alone would leave it open.
    with closing(connect_url(DATABASE_URL)) as conn:
        if method == "POST":
            size = int(environ.get("CONTENT_LENGTH") or 0)
            form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
            title = form.get("title", [""])[0].strip()
            if not title:
                return respond(start_response, "400 Bad Request", "a note needs a title\n")
            add_note(conn, title)
            return respond(start_response, "303 See Other", "", [("Location", "/notes")])
        word = parse_qs(environ.get("QUERY_STRING", "")).get("q", [""])[0]
        lines = [f"{note_id}. {title}\n" for note_id, title in find_notes(conn, word)]
        return respond(start_response, "200 OK", "".join(lines) or "no notes\n")
