"""One request from the app frame through a release's WSGI callable, as a
WSGI server on the release's virtual https origin runs it: a PEP 3333
environ built from the page's request, wsgiref's handler, the protocol
checked on the way (``wsgi_server``). Shared by every kind of release that
ends in a WSGI app: a deploy, a container, a plain WSGI step and each
instance of a rolling release's fleet."""

from __future__ import annotations

from typing import Any, Callable
from urllib.parse import unquote

from waymark.messages import message
from waymark.wsgi_server import serve_wsgi


def environ_for(request: dict[str, Any], body: bytes) -> dict[str, Any]:
    """A PEP 3333 environ for a request the page resolved against the
    release's virtual origin: ``{"method", "host", "target", "headers": [[k, v]]}``
    where ``target`` is the path and query, as on the request line."""
    method = str(request.get("method", "GET")).upper()
    host = str(request.get("host", "app.test"))
    target = str(request.get("target", "/"))
    path, _, query = target.partition("?")
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        # PEP 3333: PATH_INFO is decoded, each byte as one latin-1 character.
        "PATH_INFO": unquote(path or "/", encoding="latin-1"),
        "QUERY_STRING": query,
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "wsgi.url_scheme": "https",
        "HTTPS": "on",  # wsgiref's handler takes the scheme from this
        "HTTP_HOST": host,
    }
    for name, value in request.get("headers") or []:
        key = str(name).upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = str(value)
        elif key == "CONTENT_LENGTH" or key == "HOST":
            continue
        else:
            environ["HTTP_" + key] = str(value) if "HTTP_" + key not in environ else environ["HTTP_" + key] + ", " + str(value)
    if body or method in {"POST", "PUT", "PATCH"}:
        environ["CONTENT_LENGTH"] = str(len(body))
    return environ


def answer_wsgi(app: Callable, request: dict[str, Any], body: bytes, lang: str) -> dict[str, Any]:
    """The app's response to one request: status, reason, the raw header
    list, the body bytes, the protocol problem if any, and what the server
    logged (``log``; what the app printed is the caller's to add)."""
    served = serve_wsgi(app, environ_for(request, body), body, lang)
    problem = served.problem
    if not problem and served.app_error is not None:
        problem = message(lang, "wsgi.exception", error=type(served.app_error).__name__)
    return {
        "status": served.status if served.status is not None else 502,
        "reason": served.reason,
        "headers": [[name, value] for name, value in served.headers],
        "body": served.body,
        "problem": problem,
        "log": served.log,
    }
