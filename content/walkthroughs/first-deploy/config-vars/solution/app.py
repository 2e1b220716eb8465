import html
import os


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(f"config var {name} is not set; refusing to start")
    return value


SECRET_KEY = required("SECRET_KEY")
GREETING = os.environ.get("GREETING", "Notes")


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    title = html.escape(GREETING)
    if path == "/":
        status = "200 OK"
        page = f"<!doctype html><title>{title}</title><h1>{title}</h1><p>No notes yet.</p>"
    else:
        status = "404 Not Found"
        page = "<!doctype html><title>Not found</title><h1>Not found</h1>"
    body = page.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]
