"""The container platform's health check: what an image's HEALTHCHECK asks
for, why it cannot work when it cannot (a tool the slim images lack, the
wrong port, no URL to follow), and the verdict after asking the app."""

from __future__ import annotations

import re
import shlex
from typing import TYPE_CHECKING, Callable

from waymark.dockerfile import Instruction
from waymark.messages import build_line, message
from waymark.outcome import Outcome
from waymark.wsgi_server import send

if TYPE_CHECKING:
    from waymark.container import Image

HEALTH_URL = re.compile(r"https?://(?:localhost|127\.0\.0\.1|\[::1\])(?::([^/\s\"']+))?(/[^\s\"')]*)?")


def health_probe(image: Image, port: str) -> tuple[str, str | None]:
    """What the HEALTHCHECK asks of a server listening on ``port``:
    ("request", path), or why it cannot work:
    ("tool", name), ("port", text), ("unknown", None), ("none", None)."""
    ins = image.healthcheck
    if ins is None:
        return "none", None
    rest = re.sub(r"^(?:\s*--\S+)*\s*", "", ins.args)
    if not rest.upper().startswith("CMD"):
        return "none", None  # HEALTHCHECK NONE
    body = rest[3:].strip()
    exec_words = Instruction(ins.line, "CMD", body).exec_form()
    command = exec_words if exec_words is not None else shlex.split(body)
    text = " ".join(command)
    if exec_words is None:  # the shell form runs /bin/sh -c, which expands $PORT
        text = re.sub(r"\$\{?PORT\}?", port, text)
    tool = command[0] if command else ""
    installs = " ".join(i.args for i in image.instructions if i.keyword == "RUN")
    if tool in ("curl", "wget") and "slim" in image.base and not re.search(rf"install[^&;]*\b{tool}\b", installs):
        return "tool", tool
    match = HEALTH_URL.search(text)
    if not match:
        return "unknown", None
    asked = match.group(1) or "80"
    if asked != port:
        return "port", asked
    return "request", match.group(2) or "/"


def probe_health(image: Image, port: str, app: Callable, outcome: Outcome, lang: str, log: Callable[[str], None]) -> None:
    kind, detail = health_probe(image, port)
    if kind == "none":
        outcome.health = "none"
        log(build_line(lang, "container_no_health"))
        return
    if kind == "request":
        exchange = send(app, {"method": "GET", "path": detail}, lang, outcome.workdir)
        healthy = exchange.status is not None and 200 <= exchange.status < 400
        status = f"{exchange.status} {exchange.reason}".strip()
        outcome.health = "healthy" if healthy else "unhealthy"
        outcome.health_detail = "" if healthy else message(lang, "container.health_status", path=detail, status=status)
        log(build_line(lang, "container_healthy" if healthy else "container_unhealthy", path=detail, status=status))
        return
    outcome.health = "unhealthy"
    outcome.health_detail = {
        "tool": lambda: message(lang, "container.health_no_tool", tool=detail),
        "port": lambda: message(lang, "container.health_wrong_port", port=detail, expected=port),
        "unknown": lambda: message(lang, "container.health_unknown"),
    }[kind]()
    log(build_line(lang, "container_health_failed", detail=outcome.health_detail))
