def application(environ, start_response):
    lines = [
        f"method: {environ['REQUEST_METHOD']}",
        f"path: {environ.get('PATH_INFO', '/')}",
        # TODO: add "query: ...", "accept-language: ..." (or "(none)"),
        # "scheme: ..." and one "param NAME = VALUE" line per query parameter.
    ]
    body = ("\n".join(lines) + "\n").encode("utf-8")
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]
