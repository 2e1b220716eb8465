import hashlib
import hmac
import os
import secrets


def required(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise RuntimeError(f"config var {name} is not set; refusing to start")
    return value


SECRET_KEY = required("SECRET_KEY")
MAIL_API_KEY = required("MAIL_API_KEY")


def sign(value):
    mac = hmac.new(SECRET_KEY.encode("utf-8"), value.encode("utf-8"), hashlib.sha256).hexdigest()
    return f"{value}.{mac}"


def application(environ, start_response):
    visitor = sign(secrets.token_urlsafe(16))
    mail = "on" if MAIL_API_KEY else "off"
    body = f"Hello! Mail sending is {mail}.\n".encode("utf-8")
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Content-Length", str(len(body))),
        ("Set-Cookie", f"visitor={visitor}; Path=/; Secure; HttpOnly; SameSite=Lax"),
    ])
    return [body]
