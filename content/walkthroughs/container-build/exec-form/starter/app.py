"""A small WSGI app, shipped as a container image."""
import html
import os

# The platform passes secrets in at run time; the image never holds them.
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise RuntimeError("SECRET_KEY is not set; set it as a config var on the platform")
GREETING = os.environ.get("GREETING", "Hello from a container")


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        status, content_type = "200 OK", "text/html; charset=utf-8"
        body = f"<!doctype html><title>Notes</title><h1>{html.escape(GREETING)}</h1>\n"
    else:
        status, content_type, body = "404 Not Found", "text/plain; charset=utf-8", "Not found\n"
    data = body.encode("utf-8")
    start_response(status, [("Content-Type", content_type), ("Content-Length", str(len(data)))])
    return [data]
