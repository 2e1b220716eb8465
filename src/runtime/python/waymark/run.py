"""One run of one walkthrough step: the learner's files in a sandbox, run as
the step's kind says (a script, a WSGI app, a deploy to the simulated
platform, an image built from a Dockerfile and run, a rolling release
across several instances, or an ASGI app), the step's requests
sent, its checks applied, and plain JSON-ready data returned for the page."""

from __future__ import annotations

import contextlib
import io
from typing import Any, Callable

from waymark import asgi_server, hashlib_compat
from waymark.app_asgi import shut_down, start_asgi
from waymark.checks import evaluate
from waymark.container import run_container
from waymark.errors import LearnerError
from waymark.learner_code import load_callable, run_script, sandbox
from waymark.messages import language, localized, message
from waymark.outcome import Outcome
from waymark.fleet import LocalFleet
from waymark.paas import deploy
from waymark.rollout import rollout
from waymark.worker_process import run_until_idle
from waymark.wsgi_server import send

hashlib_compat.install()


def run_asgi(spec: dict[str, Any], outcome: Outcome, lang: str) -> None:
    """An ASGI step: the app's lifespan startup, the requests, then shutdown,
    logged as an ASGI server logs them."""
    started = start_asgi(spec, outcome, lang)
    for request in spec.get("requests", []):
        outcome.exchanges.append(asgi_server.send(started.app, request, lang, outcome.workdir, started.state))
    outcome.log.append(shut_down(started, lang))


def run_step(spec: dict[str, Any], files: dict[str, str], lang: str = "en") -> dict[str, Any]:
    """Runs one step of a walkthrough on the learner's files and applies its
    checks. Returns plain data (JSON-ready) for the page to show. ``lang``
    is a page language such as ``en`` or ``zh-CN``."""
    lang = language(lang)
    kind = spec.get("kind", "script")
    env = {str(k): str(v) for k, v in (spec.get("env") or {}).items()}
    stdout, stderr = io.StringIO(), io.StringIO()
    interrupted = memory = False
    with sandbox(files, env) as workdir:
        outcome = Outcome(files=dict(files), workdir=workdir)
        try:
            with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
                try:
                    app: Callable | None = None
                    if kind == "script":
                        code = run_script(str(spec.get("entry", "main.py")), [str(a) for a in spec.get("args", [])], lang, workdir)
                        if code:
                            outcome.error = LearnerError("exit", message(lang, "run.exit", code=code))
                    elif kind == "wsgi":
                        app = load_callable(str(spec.get("entry", "app:application")), lang, workdir)
                    elif kind == "deploy":
                        app = deploy(spec, outcome, lang, outcome.log.append)
                    elif kind == "container":
                        app = run_container(spec, outcome, lang, outcome.log.append)
                    elif kind == "rollout":
                        rollout(spec, outcome, lang, outcome.log.append, LocalFleet(lang, workdir))
                    elif kind == "asgi":
                        run_asgi(spec, outcome, lang)
                    else:
                        raise ValueError(f"unknown step kind {kind!r}")
                    if app is not None:
                        for request in spec.get("requests", []):
                            if request.get("afterWorker") and kind == "deploy":
                                run_until_idle(outcome, lang, outcome.log.append)
                            outcome.exchanges.append(send(app, request, lang, workdir))
                except LearnerError as error:
                    outcome.error = error
        except KeyboardInterrupt:
            interrupted = True
        except MemoryError:
            memory = True
        outcome.stdout, outcome.stderr = stdout.getvalue(), stderr.getvalue()
        checks = []
        for check in spec.get("checks", []):
            name = localized(check.get("name"), lang)
            if interrupted or memory:
                checks.append({"id": check.get("id"), "name": name, "passed": False, "reason": message(lang, "check.skipped_after_error")})
                continue
            try:
                passed, reason = evaluate(check, outcome, lang)
            except KeyboardInterrupt:
                interrupted = True
                passed, reason = False, message(lang, "run.interrupted")
            checks.append({"id": check.get("id"), "name": name, "passed": passed, "reason": reason})

    error = None
    if interrupted:
        error = {"kind": "interrupted", "message": message(lang, "run.interrupted"), "traceback": ""}
    elif memory:
        error = {"kind": "memory", "message": message(lang, "run.memory"), "traceback": ""}
    elif outcome.error is not None:
        error = {"kind": outcome.error.kind, "message": outcome.error.explanation, "traceback": outcome.error.traceback_text}
    return {
        "ok": bool(checks) and all(c["passed"] for c in checks) and error is None,
        "stdout": outcome.stdout,
        "stderr": outcome.stderr,
        "log": outcome.log,
        "exchanges": [ex.to_dict() for ex in outcome.exchanges],
        "checks": checks,
        "error": error,
    }
