from urllib.parse import parse_qs


def application(environ, start_response):
    query = environ.get("QUERY_STRING", "")
    lines = [
        f"method: {environ['REQUEST_METHOD']}",
        f"path: {environ.get('PATH_INFO', '/')}",
        f"query: {query}",
        f"accept-language: {environ.get('HTTP_ACCEPT_LANGUAGE', '(none)')}",
        f"scheme: {environ['wsgi.url_scheme']}",
    ]
    for name, values in sorted(parse_qs(query).items()):
        lines.append(f"param {name} = {', '.join(values)}")
    body = ("\n".join(lines) + "\n").encode("utf-8")
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]
