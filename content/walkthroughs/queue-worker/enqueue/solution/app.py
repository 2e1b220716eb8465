"""Sign-ups. The request only records a job and answers 202 Accepted; the
worker process sends the welcome email later, and GET /signups shows how
far it got."""

from urllib.parse import parse_qs, quote

import jobs

SHOWN = {"queued": "queued", "running": "queued", "done": "sent", "failed": "failed"}


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
        jobs.enqueue("welcome-email", email, {"email": email})
        return reply(
            start_response,
            "202 Accepted",
            f"queued: the welcome email to {email} will be sent shortly\n",
            [("Location", "/signups?email=" + quote(email))],
        )
    if path == "/signups" and method == "GET":
        email = parse_qs(environ.get("QUERY_STRING", "")).get("email", [""])[0]
        state = jobs.status("welcome-email", email)
        if state is None:
            return reply(start_response, "404 Not Found", "no such sign-up\n")
        return reply(start_response, "200 OK", f"welcome email to {email}: {SHOWN[state]}\n")
    return reply(start_response, "404 Not Found", "not found\n")
