import settings


def application(environ, start_response):
    # TODO: answer 400 unless the Host header names one of settings.ALLOWED_HOSTS,
    # and 404 for any path other than /
    lines = [
        "Status: OK",
        f"Environment: {settings.APP_ENV}",
        f"Debug: {settings.DEBUG}",
        f"Database: {settings.DATABASE_URL}",  # TODO: never show the password
    ]
    body = ("\n".join(lines) + "\n").encode("utf-8")
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body]
