"""An ASGI app started as an ASGI server starts one: imported, its lifespan
startup run once before the first request, then kept beside the requests
until shutdown. A step's Run (``run.run_asgi``) sends the step's requests
and shuts down; a release for the app frame (``app_server``) answers the
page's requests one at a time, each its own ``http`` scope with the body
in ``http.request`` messages (``asgi_server.run_http``), and shuts down
when the next release replaces it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from waymark.asgi_lifespan import Lifespan
from waymark.asgi_server import REASONS, http_scope, run_http
from waymark.errors import LearnerError
from waymark.learner_code import load_callable
from waymark.messages import build_line, message
from waymark.outcome import Outcome


@dataclass
class AsgiApp:
    """A started ASGI app and its lifespan scope."""

    app: Callable
    lifespan: Lifespan

    @property
    def state(self) -> dict[str, Any] | None:
        """What lifespan startup left for the requests, when the app speaks lifespan."""
        return self.lifespan.state if self.lifespan.result == "complete" else None


def start_asgi(spec: dict[str, Any], outcome: Outcome, lang: str) -> AsgiApp:
    """Imports the step's ASGI app and runs its lifespan startup, logged as
    an ASGI server logs it. An app that fails its startup is not served."""
    log = outcome.log.append
    entry = str(spec.get("entry", "app:app"))
    app = load_callable(entry, lang, outcome.workdir)
    log(build_line(lang, "asgi_start", entry=entry))
    lifespan = Lifespan(app, lang)
    lifespan.startup()
    outcome.lifespan, outcome.lifespan_detail = lifespan.result, lifespan.detail
    log(build_line(lang, f"asgi_lifespan_{lifespan.result}", detail=lifespan.detail))
    if lifespan.result == "failed":
        raise LearnerError("lifespan-failed", message(lang, "asgi.lifespan_failed", detail=lifespan.detail))
    outcome.deployed = True
    return AsgiApp(app, lifespan)


def shut_down(started: AsgiApp, lang: str) -> str:
    """Runs lifespan shutdown; returns the line an ASGI server logs for it."""
    problem = started.lifespan.shutdown()
    return build_line(lang, "asgi_shutdown") if not problem else build_line(lang, "asgi_shutdown_problem", detail=problem)


def answer_asgi(started: AsgiApp, workdir: str, request: dict[str, Any], body: bytes, lang: str) -> dict[str, Any]:
    """The app's response to one request from the page (``{"method", "host",
    "target", "headers": [[k, v]]}``, as for a WSGI release), on the
    release's https origin."""
    method = str(request.get("method", "GET")).upper()
    host = str(request.get("host", "app.test"))
    # The Host header first, as on the wire; Content-Length as the body has it.
    headers = [("Host", host)]
    headers += [(str(k), str(v)) for k, v in request.get("headers") or [] if str(k).lower() not in {"host", "content-length"}]
    if body or method in {"POST", "PUT", "PATCH"}:
        headers.append(("Content-Length", str(len(body))))
    scope = http_scope(method, str(request.get("target", "/")), headers, server=(host, 443))
    state = started.state
    if state is not None:
        scope["state"] = dict(state)  # the spec: a shallow copy per request
    response, problem = run_http(started.app, scope, body, lang, workdir)
    status = response.status or 500
    return {
        "status": status,
        "reason": REASONS.get(status, ""),
        "headers": [[k, v] for k, v in response.headers],
        "body": b"".join(response.chunks),
        "problem": problem,
        "log": "",
    }
