"""The ASGI lifespan protocol, as a server runs it: the ``lifespan`` scope is
opened once before the first request and kept waiting beside the requests
until shutdown. An app that raises on the scope is served without it (the
specification says so); one that answers ``lifespan.startup.failed`` is not
served at all."""

from __future__ import annotations

from typing import Any, Callable

from waymark.asgi_server import ASGI_VERSIONS, Inbox, ProtocolError, step
from waymark.messages import message


class Lifespan:
    """The lifespan scope, kept running beside the requests until shutdown."""

    def __init__(self, app: Callable, lang: str):
        self.app, self.lang = app, lang
        self.inbox = Inbox()
        self.state: dict[str, Any] = {}
        self.result = "none"  # complete | unsupported | failed
        self.detail = ""
        self.coro: Any = None
        self.sent: list[dict[str, Any]] = []

    async def _send(self, event: Any) -> None:
        if not isinstance(event, dict):
            raise ProtocolError(message(self.lang, "asgi.not_a_message", got=repr(event)[:80]))
        self.sent.append(event)

    def startup(self) -> None:
        scope = {"type": "lifespan", "asgi": dict(ASGI_VERSIONS), "state": self.state}
        self.inbox.put({"type": "lifespan.startup"})
        try:
            self.coro = self.app(scope, self.inbox.receive, self._send)
            finished = step(self.coro, self.lang)
        except ProtocolError as error:
            self.result, self.detail = "failed", str(error)
            return
        except Exception as error:  # the spec: a server continues without lifespan when the app raises
            self.result, self.detail = "unsupported", f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
            self.coro = None
            return
        kinds = [e.get("type") for e in self.sent]
        if "lifespan.startup.complete" in kinds:
            self.result = "complete"
        elif "lifespan.startup.failed" in kinds:
            self.result = "failed"
            self.detail = str(next(e for e in self.sent if e.get("type") == "lifespan.startup.failed").get("message", ""))
        else:
            self.result = "failed"
            self.detail = message(self.lang, "asgi.lifespan_silent" if not finished else "asgi.lifespan_returned")
        if finished:
            self.coro = None

    def shutdown(self) -> str:
        if self.coro is None or self.result != "complete":
            return ""
        self.inbox.put({"type": "lifespan.shutdown"})
        try:
            step(self.coro, self.lang)
        except Exception as error:  # noqa: BLE001 — reported, the process is stopping anyway
            return f"{type(error).__name__}: {error}"
        return "" if any(e.get("type") == "lifespan.shutdown.complete" for e in self.sent) else message(self.lang, "asgi.no_shutdown_complete")
