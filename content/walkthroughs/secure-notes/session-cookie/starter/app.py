import secrets
from http.cookies import SimpleCookie
from urllib.parse import parse_qs

from passwords import verify_password

# In a real app these come from the users table.
USERS = {
    "alice": "pbkdf2_sha256$100000$7aee3cadf253b7f7887d660d61adf6e4$b70ff52c684f886c64fe842239852c96be37ce8cb57d948f725c41dbeed759ca",
}
SESSION_SECONDS = 60 * 60 * 8
# The __Host- prefix: browsers accept this cookie only with Secure, Path=/ and
# no Domain, so no other subdomain can set or overwrite it.
COOKIE_NAME = "__Host-session"


def session_cookie(value, max_age):
    # TODO: build the header with http.cookies.SimpleCookie: Path=/, Max-Age,
    # Secure, HttpOnly and SameSite=Lax.
    return ("Set-Cookie", f"{COOKIE_NAME}={value}")


# The sandbox's demo user is alice, password "correct horse battery staple".
LOGIN_PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Log in</title></head>
<body>
<h1>Log in</h1>
<form method="post" action="/login">
  <p><label>Username <input name="username" autocomplete="username"></label></p>
  <p><label>Password <input name="password" type="password" autocomplete="current-password"></label></p>
  <p><button>Log in</button></p>
</form>
<form method="post" action="/logout"><button>Log out</button></form>
</body>
</html>
"""


def respond(start_response, status, text, headers=(), content_type="text/plain"):
    body = text.encode("utf-8")
    start_response(status, [("Content-Type", f"{content_type}; charset=utf-8"), ("Content-Length", str(len(body))), *headers])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if environ.get("REQUEST_METHOD") != "POST":
        return respond(start_response, "200 OK", LOGIN_PAGE, content_type="text/html")
    if path == "/login":
        size = int(environ.get("CONTENT_LENGTH") or 0)
        form = parse_qs(environ["wsgi.input"].read(size).decode("utf-8"))
        stored = USERS.get(form.get("username", [""])[0])
        if not stored or not verify_password(form.get("password", [""])[0], stored):
            return respond(start_response, "401 Unauthorized", "Wrong username or password.\n")
        # TODO: never keep the id the browser arrived with; issue a new one.
        cookies = SimpleCookie(environ.get("HTTP_COOKIE", ""))
        session_id = cookies[COOKIE_NAME].value if COOKIE_NAME in cookies else secrets.token_urlsafe(32)
        return respond(start_response, "303 See Other", "", [("Location", "/"), session_cookie(session_id, SESSION_SECONDS)])
    if path == "/logout":
        return respond(start_response, "303 See Other", "", [("Location", "/"), session_cookie("", 0)])
    return respond(start_response, "404 Not Found", "Not found.\n")
