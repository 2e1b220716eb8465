def application(environ, start_response):
    if environ["REQUEST_METHOD"] != "GET":
        body = b"Only GET is allowed here.\n"
        start_response("405 Method Not Allowed", [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Content-Length", str(len(body))),
            ("Allow", "GET"),
        ])
        return [body]

    body = "Hello, WSGI!\n".encode("utf-8")
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]
