def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        status = "200 OK"
        page = "<!doctype html><title>Notes</title><h1>Notes</h1><p>No notes yet.</p>"
    else:
        status = "404 Not Found"
        page = "<!doctype html><title>Not found</title><h1>Not found</h1>"
    body = page.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]
