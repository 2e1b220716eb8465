"""Sign-ups. Each request sends the welcome email itself, through a relay
that is slow and often busy: the visitor waits, and when the relay says
"try again later" the request fails and the email is lost."""

from urllib.parse import parse_qs

import mailer


def reply(start_response, status, text, headers=()):
    body = text.encode("utf-8")
    start_response(status, [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        *headers,
    ])
    return [body]


def application(environ, start_response):
    method = environ["REQUEST_METHOD"]
    path = environ.get("PATH_INFO", "/")
    if path == "/signups" and method == "POST":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        email = form.get("email", [""])[0].strip()
        if "@" not in email:
            return reply(start_response, "400 Bad Request", "an email address is needed\n")
        mailer.send_welcome(email, "signup-" + email)
        return reply(start_response, "200 OK", f"welcome email sent to {email}\n")
    return reply(start_response, "404 Not Found", "not found\n")
