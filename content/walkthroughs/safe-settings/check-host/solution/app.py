import settings

ALLOWED = {name.lower() for name in settings.ALLOWED_HOSTS}


def host_name(header):
    """'Example.COM:8443' -> 'example.com'; '[::1]:8000' -> '::1'."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.partition(":")[0]


def respond(start_response, status, text):
    body = text.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
    ])
    return [body]


def application(environ, start_response):
    host = host_name(environ.get("HTTP_HOST", ""))
    if host not in ALLOWED:
        return respond(start_response, "400 Bad Request", "Bad Request: unknown host\n")
    if environ.get("PATH_INFO", "/") != "/":
        return respond(start_response, "404 Not Found", "Not Found\n")
    db = settings.DATABASE
    lines = [
        "Status: OK",
        f"Environment: {settings.APP_ENV}",
        f"Debug: {'on' if settings.DEBUG else 'off'}",
        f"Database: {db['engine']} on {db['host'] or 'a local file'}",
    ]
    return respond(start_response, "200 OK", "\n".join(lines) + "\n")
