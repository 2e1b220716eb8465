import hashlib
import hmac
import secrets

SECRET_KEY = "k3Vq9-prod-signing-key-do-not-share"
MAIL_API_KEY = "mk_live_51f0c2e7a9d4b8"


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
