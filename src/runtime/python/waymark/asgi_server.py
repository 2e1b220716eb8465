"""An ASGI 3 server for one run, on in-memory messages: one ``http``
connection scope per request, with the ASGI HTTP specification checked on
the way and mistakes explained (the lifespan scope is ``asgi_lifespan``).

Pyodide has no event loop that ``asyncio.run`` can drive from a worker, and
these messages never wait on the network, so the coroutines are stepped by
hand: an app may await ``receive``/``send`` and ``asyncio.sleep(0)``; an app
that awaits anything else (a timer, a thread) is told this server cannot run
it. ``Response`` checks the messages an app sends and is shared with the
real-socket server that verifies the walkthroughs under CPython."""

from __future__ import annotations

from collections import deque
from typing import Any, Callable
from urllib.parse import unquote, urlsplit

from waymark.errors import learner_traceback
from waymark.messages import message
from waymark.wsgi_server import Exchange

ASGI_VERSIONS = {"version": "3.0", "spec_version": "2.0"}
REASONS = {200: "OK", 201: "Created", 202: "Accepted", 204: "No Content", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified", 400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 500: "Internal Server Error", 503: "Service Unavailable"}
CLIENT = ("203.0.113.7", 51724)
SERVER = ("app.example.test", 443)


class ProtocolError(Exception):
    """The app broke the ASGI specification; the text says how, for the learner."""


class _Waiting:
    """What ``receive`` yields while no message has arrived."""


WAITING = _Waiting()


class Inbox:
    """Messages for the app, in order; awaiting an empty inbox suspends."""

    def __init__(self) -> None:
        self.messages: deque[dict[str, Any]] = deque()

    def put(self, item: dict[str, Any]) -> None:
        self.messages.append(item)

    async def receive(self) -> dict[str, Any]:
        return await self

    def __await__(self):
        while not self.messages:
            yield WAITING
        return self.messages.popleft()


def step(coro: Any, lang: str) -> bool:
    """Runs a coroutine until it finishes (True) or waits for a message
    (False). Exceptions from the app propagate."""
    for _ in range(100_000):
        try:
            signal = coro.send(None)
        except StopIteration:
            return True
        except RuntimeError as error:  # asyncio.sleep(1), to_thread(): they look for a running loop
            if "running event loop" not in str(error):
                raise
            raise ProtocolError(message(lang, "asgi.awaited_other", what="asyncio")) from None
        if signal is WAITING:
            return False
        if signal is not None:  # asyncio.sleep(0) yields None; anything else needs a real loop
            coro.close()
            raise ProtocolError(message(lang, "asgi.awaited_other", what=type(signal).__name__))
    raise ProtocolError(message(lang, "asgi.busy"))


def http_scope(method: str, target: str, headers: list[tuple[str, str]], client: tuple[str, int] = CLIENT, server: tuple[str, int] = SERVER, scheme: str = "https") -> dict[str, Any]:
    """The connection scope for one HTTP/1.1 request, as the ASGI HTTP spec defines it."""
    parts = urlsplit(target)
    raw_path = (parts.path or "/").encode("latin-1", "replace")
    return {
        "type": "http",
        "asgi": dict(ASGI_VERSIONS),
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": scheme,
        "path": unquote(parts.path or "/"),
        "raw_path": raw_path,
        "query_string": parts.query.encode("latin-1", "replace"),
        "root_path": "",
        "headers": [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in headers],
        "client": client,
        "server": server,
    }


def body_messages(body: bytes) -> list[dict[str, Any]]:
    """The request body as ``http.request`` messages. A body longer than one
    byte comes in two parts, as it may off a real network, so an app that
    reads only the first message is caught."""
    if len(body) < 2:
        return [{"type": "http.request", "body": body, "more_body": False}]
    half = len(body) // 2
    return [{"type": "http.request", "body": body[:half], "more_body": True}, {"type": "http.request", "body": body[half:], "more_body": False}]


class Response:
    """Checks the messages an app sends for one request and keeps the response."""

    def __init__(self, lang: str):
        self.lang = lang
        self.status: int | None = None
        self.headers: list[tuple[str, str]] = []
        self.chunks: list[bytes] = []
        self.complete = False

    def fail(self, key: str, **values: Any) -> None:
        raise ProtocolError(message(self.lang, key, **values))

    async def send(self, event: Any) -> None:
        if not isinstance(event, dict) or not isinstance(event.get("type"), str):
            self.fail("asgi.not_a_message", got=repr(event)[:80])
        kind = event["type"]
        if self.complete:
            self.fail("asgi.after_complete", type=kind)
        if kind == "http.response.start":
            if self.status is not None:
                self.fail("asgi.start_twice")
            status = event.get("status")
            if not isinstance(status, int) or isinstance(status, bool) or not 100 <= status <= 599:
                self.fail("asgi.status", got=repr(status))
            headers = []
            for item in event.get("headers", []):
                pair = list(item) if isinstance(item, (list, tuple)) else None
                if not pair or len(pair) != 2 or not all(isinstance(p, bytes) for p in pair):
                    self.fail("asgi.header_item", got=repr(item)[:80])
                headers.append((pair[0].decode("latin-1"), pair[1].decode("latin-1")))
            self.status, self.headers = status, headers
        elif kind == "http.response.body":
            if self.status is None:
                self.fail("asgi.body_before_start")
            body = event.get("body", b"")
            if not isinstance(body, (bytes, bytearray)):
                self.fail("asgi.body_type", got=type(body).__name__)
            self.chunks.append(bytes(body))
            self.complete = not event.get("more_body", False)
        else:
            self.fail("asgi.unknown_message", type=kind)

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    def raw(self) -> bytes:
        """The response as the server writes it: chunked when the app gave no length."""
        status = self.status or 500
        lines = [f"HTTP/1.1 {status} {REASONS.get(status, '')}".rstrip()]
        lines += [f"{k}: {v}" for k, v in self.headers]
        body = b"".join(self.chunks)
        if self.header("content-length") is None:
            lines.append("transfer-encoding: chunked")
            body = b"".join(b"%x\r\n%s\r\n" % (len(c), c) for c in self.chunks if c) + b"0\r\n\r\n"
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def run_http(app: Callable, scope: dict[str, Any], body: bytes, lang: str, workdir: str) -> tuple[Response, str]:
    """One ``http`` scope through the app: the body as ``http.request``
    messages, then ``http.disconnect`` once it has been read. Returns the
    response (a 500 when the app failed before completing one) and the
    problem, explained for the learner, or ``""``."""
    inbox = Inbox()
    for item in body_messages(body):
        inbox.put(item)
    response = Response(lang)
    problem = ""

    async def receive() -> dict[str, Any]:
        if not inbox.messages:  # the body has been read: what comes next is the client leaving
            inbox.put({"type": "http.disconnect"})
        return await inbox.receive()

    try:
        finished = step(app(scope, receive, response.send), lang)
        if not finished:
            raise ProtocolError(message(lang, "asgi.waiting"))
        if response.status is None:
            raise ProtocolError(message(lang, "asgi.no_response"))
        if not response.complete:
            raise ProtocolError(message(lang, "asgi.incomplete"))
    except ProtocolError as error:
        problem = str(error)
    except (KeyboardInterrupt, MemoryError):
        raise
    except Exception as error:  # the learner's app raised: a server answers 500 and logs it
        problem = message(lang, "asgi.exception", error=type(error).__name__) + "\n\n" + learner_traceback(error, workdir)
    if problem and not response.complete:
        response = Response(lang)
        response.status, response.headers, response.chunks, response.complete = 500, [("content-type", "text/plain; charset=utf-8"), ("content-length", "21")], [b"Internal Server Error"], True
    return response, problem


def send(app: Callable, request: dict[str, Any], lang: str, workdir: str, state: dict[str, Any] | None = None) -> Exchange:
    """One request through the app; the response (or a 500 with the reason)."""
    method = str(request.get("method", "GET")).upper()
    target = str(request.get("path", "/"))
    body_value = request.get("body", "")
    body = body_value.encode("utf-8") if isinstance(body_value, str) else bytes(body_value or b"")
    headers = [("Host", "app.example.test"), *((str(k), str(v)) for k, v in (request.get("headers") or {}).items())]
    if body and not any(k.lower() == "content-length" for k, _ in headers):
        headers.append(("Content-Length", str(len(body))))
    raw_request = f"{method} {target} HTTP/1.1\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers) + "\r\n" + body.decode("utf-8", "replace")
    exchange = Exchange(method=method, path=target, raw_request=raw_request)
    scope = http_scope(method, target, headers)
    if state is not None:
        scope["state"] = dict(state)
    response, exchange.problem = run_http(app, scope, body, lang, workdir)
    raw = response.raw()
    exchange.raw_response = raw.decode("utf-8", "replace")
    exchange.status, exchange.reason = response.status, REASONS.get(response.status or 500, "")
    exchange.headers = list(response.headers)
    exchange.body = b"".join(response.chunks)
    return exchange
