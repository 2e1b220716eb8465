"""HTTP through wsgiref's handlers on in-memory streams, exactly as a server
would run a WSGI app, with the protocol (PEP 3333) checked on the way and
mistakes explained."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit
from wsgiref.handlers import SimpleHandler

from waymark.errors import learner_traceback, server_traceback
from waymark.messages import message

HOP_BY_HOP = {"connection", "keep-alive", "proxy-authenticate", "proxy-authorization", "te", "trailers", "transfer-encoding", "upgrade"}


@dataclass
class Exchange:
    """One request and the raw response the server wrote."""

    method: str
    path: str
    raw_request: str
    raw_response: str = ""
    status: int | None = None
    reason: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    problem: str = ""
    server_log: str = ""

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": self.method,
            "path": self.path,
            "request": self.raw_request,
            "response": self.raw_response,
            "status": self.status,
            "problem": self.problem,
            "serverLog": self.server_log,
        }


def build_request(spec: dict[str, Any]) -> tuple[dict[str, Any], bytes, str]:
    """A WSGI environ, the body and the raw request text for one request spec:
    ``{"method": "POST", "path": "/notes?x=1", "headers": {...}, "body": "..."}``."""
    method = str(spec.get("method", "GET")).upper()
    target = str(spec.get("path", "/"))
    parts = urlsplit(target)
    body_value = spec.get("body", "")
    body = body_value.encode("utf-8") if isinstance(body_value, str) else bytes(body_value or b"")
    headers = {"Host": "app.example.test"}
    headers.update({str(k): str(v) for k, v in (spec.get("headers") or {}).items()})
    if body and not any(k.lower() == "content-length" for k in headers):
        headers["Content-Length"] = str(len(body))
    environ: dict[str, Any] = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": parts.path or "/",
        "QUERY_STRING": parts.query,
        "SERVER_NAME": "app.example.test",
        "SERVER_PORT": "443",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "203.0.113.7",
        "wsgi.url_scheme": "https",
    }
    for name, value in headers.items():
        key = name.upper().replace("-", "_")
        if key == "CONTENT_TYPE":
            environ["CONTENT_TYPE"] = value
        elif key == "CONTENT_LENGTH":
            environ["CONTENT_LENGTH"] = value
        else:
            environ["HTTP_" + key] = value
    raw = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
    if body:
        raw += body.decode("utf-8", "replace")
    return environ, body, raw


class _Checked:
    """Wraps a WSGI app and its start_response to catch protocol mistakes,
    in the spirit of wsgiref.validate, with explanations a learner can act on."""

    def __init__(self, app: Callable, lang: str):
        self.app = app
        self.lang = lang
        self.problem = ""

    def fail(self, key: str, **values: Any) -> None:
        self.problem = message(self.lang, key, **values)
        raise _ProtocolError(self.problem)

    def __call__(self, environ: dict[str, Any], start_response: Callable) -> Iterable[bytes]:
        started = {"called": False}

        def checked_start_response(status: Any, headers: Any, exc_info: Any = None) -> Callable:
            if started["called"] and exc_info is None:
                self.fail("wsgi.start_twice")
            if not isinstance(status, str):
                self.fail("wsgi.status_type", got=type(status).__name__ + " " + repr(status))
            if not re.fullmatch(r"[1-5]\d\d [^\r\n]+", status):
                self.fail("wsgi.status_format", got=status)
            if not isinstance(headers, list):
                self.fail("wsgi.headers_type", got=type(headers).__name__)
            for item in headers:
                if not (isinstance(item, tuple) and len(item) == 2 and all(isinstance(p, str) for p in item)):
                    self.fail("wsgi.header_item", got=item)
                if item[0].lower() in HOP_BY_HOP:
                    self.fail("wsgi.hop_header", name=item[0])
            started["called"] = True
            return start_response(status, headers, exc_info)

        result = self.app(environ, checked_start_response)
        if result is None:
            self.fail("wsgi.returned_none")
        if isinstance(result, str):
            self.fail("wsgi.returned_str")
        # Collected here so wsgiref sees a list (and sets Content-Length for
        # a single chunk, as servers do) and mistakes surface in this call.
        return list(self._body(result, started))

    def _body(self, result: Iterable, started: dict[str, bool]) -> Iterable[bytes]:
        try:
            for chunk in result:
                if not started["called"]:
                    self.fail("wsgi.no_start_response")
                if isinstance(chunk, str):
                    self.fail("wsgi.yielded_str")
                if not isinstance(chunk, (bytes, bytearray)):
                    self.fail("wsgi.yielded_other", got=type(chunk).__name__)
                yield bytes(chunk)
            if not started["called"]:
                self.fail("wsgi.no_start_response")
        finally:
            close = getattr(result, "close", None)
            if callable(close):
                close()


class _ProtocolError(Exception):
    pass


class _Handler(SimpleHandler):
    """wsgiref's handler, speaking HTTP/1.1, keeping the app's exception
    so the learner sees it rather than a bare 500. The environ holds the
    request only, as a real WSGI server's does, not the process environment."""

    os_environ: dict[str, str] = {}
    http_version = "1.1"
    server_software = "waymark-platform"
    app_error: BaseException | None = None

    def log_exception(self, exc_info: Any) -> None:
        # wsgiref's own would print every frame's source line (see server_traceback).
        self.app_error = exc_info[1]
        stderr = self.get_stderr()
        stderr.write(server_traceback(exc_info[1]))
        stderr.flush()


@dataclass
class Served:
    """What one request through a WSGI app gave: the raw response as
    wsgiref wrote it, its parts (``status`` is ``None`` when the head has no
    status line), the protocol problem ``_Checked`` found, the exception the
    app raised, and what the server logged."""

    raw: bytes
    status: int | None
    reason: str
    headers: list[tuple[str, str]]
    body: bytes
    problem: str
    app_error: BaseException | None
    log: str


def serve_wsgi(app: Callable, environ: dict[str, Any], body: bytes, lang: str) -> Served:
    """One request (``environ`` and its body) through ``app`` with wsgiref's
    handler and the protocol checked on the way."""
    stdout, stderr = io.BytesIO(), io.StringIO()
    checked = _Checked(app, lang)
    handler = _Handler(io.BytesIO(body), stdout, stderr, environ, multithread=False, multiprocess=False)
    handler.run(checked)
    raw = stdout.getvalue()
    head, _, payload = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    match = re.match(r"HTTP/\d\.\d (\d{3}) ?(.*)", lines[0] if lines else "")
    return Served(
        raw=raw,
        status=int(match.group(1)) if match else None,
        reason=match.group(2) if match else "",
        headers=[tuple(line.split(": ", 1)) for line in lines[1:] if ": " in line],  # type: ignore[misc]
        body=payload,
        problem=checked.problem,
        app_error=handler.app_error,
        log=stderr.getvalue(),
    )


def send(app: Callable, request: dict[str, Any], lang: str, workdir: str) -> Exchange:
    environ, body, raw_request = build_request(request)
    exchange = Exchange(method=environ["REQUEST_METHOD"], path=str(request.get("path", "/")), raw_request=raw_request)
    served = serve_wsgi(app, environ, body, lang)
    exchange.raw_response = served.raw.decode("utf-8", "replace")
    exchange.body, exchange.headers = served.body, served.headers
    if served.status is not None:
        exchange.status, exchange.reason = served.status, served.reason
    if served.problem:
        exchange.problem = served.problem
    elif served.app_error is not None:
        error = served.app_error
        exchange.problem = message(lang, "wsgi.exception", error=type(error).__name__) + "\n\n" + learner_traceback(error, workdir)
    exchange.server_log = served.log if not exchange.problem else ""
    return exchange
