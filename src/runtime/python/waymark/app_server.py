"""Deployed releases kept running in the worker, for the app frame: the page
(the learner's browser, simulated) sends one HTTP request at a time and gets
back the status, the raw header list and the body bytes.

A release is one deploy of one step's files, with its own working
directory (so a SQLite file or what the release command wrote persists
across requests) and its own config vars. The page names a release by the
step it belongs to and a number; when a newer release of the same step
arrives, the older one is shut down, as a platform replaces the running
release. When the worker was restarted (a request ran past the time limit
without cross-origin isolation), the page's next request carries the
release's files, and the release is deployed again from them.

What answers depends on the step's kind: the WSGI app a deploy, a
container or a WSGI step starts (``app_wsgi``), an ASGI app with its
lifespan (``app_asgi``), or the fleet a rolling release leaves running
(``app_fleet``). A release that could not start answers every request with
the platform router's error page, which shows the build log and the error,
in the learner's language."""

from __future__ import annotations

import base64
import contextlib
import functools
import html
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable

from waymark.app_asgi import answer_asgi, shut_down, start_asgi
from waymark.app_fleet import start_fleet
from waymark.app_wsgi import answer_wsgi
from waymark.container import run_container
from waymark.errors import LearnerError
from waymark.learner_code import load_callable, purge_modules
from waymark.messages import language, message
from waymark.outcome import Outcome
from waymark.paas import deploy

MAX_BODY = 8 * 1024 * 1024


@dataclass
class Release:
    step: str
    number: int
    workdir: str
    env: dict[str, str] = field(default_factory=dict)
    # (request, body, lang) -> response; None when the release did not start
    answer: Callable[[dict[str, Any], bytes, str], dict[str, Any]] | None = None
    # what stopping the release runs (an ASGI app's lifespan shutdown)
    close: Callable[[], Any] | None = None
    log: list[str] = field(default_factory=list)
    output: str = ""
    error: LearnerError | None = None


_releases: dict[str, Release] = {}


@contextlib.contextmanager
def _inside(workdir: str, env: dict[str, str]):
    """The release's directory as the working directory and first import
    path, its config vars in the environment; all put back afterwards."""
    saved_cwd, saved_path, saved_env = os.getcwd(), list(sys.path), dict(os.environ)
    os.chdir(workdir)
    sys.path.insert(0, workdir)
    os.environ.update(env)
    try:
        yield
    finally:
        purge_modules(workdir)
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        os.environ.clear()
        os.environ.update(saved_env)


def _shut_down(release: Release) -> None:
    if release.close is not None:
        with _inside(release.workdir, release.env), contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            try:
                release.close()
            except Exception:  # noqa: BLE001 — the release is going away; nobody is left to tell
                pass
    shutil.rmtree(release.workdir, ignore_errors=True)


SERVED_KINDS = ("deploy", "container", "wsgi", "asgi", "rollout")


def _start(release: Release, spec: dict[str, Any], outcome: Outcome, lang: str) -> None:
    """Starts the release as its step's kind says and sets how it answers."""
    kind = spec.get("kind")
    if kind == "asgi":
        started = start_asgi(spec, outcome, lang)
        release.answer = functools.partial(answer_asgi, started, release.workdir)
        release.close = functools.partial(shut_down, started, lang)
    elif kind == "rollout":
        release.answer = start_fleet(spec, outcome, lang).answer
    else:
        if kind == "deploy":
            app = deploy(spec, outcome, lang, outcome.log.append)
        elif kind == "container":
            # Build, review, start the image's command, probe its HEALTHCHECK:
            # the running container is the release.
            app = run_container(spec, outcome, lang, outcome.log.append)
        else:
            app = load_callable(str(spec.get("entry", "app:application")), lang, release.workdir)
        release.answer = functools.partial(answer_wsgi, app)


def start_release(step: str, number: int, spec: dict[str, Any], files: dict[str, str], lang: str) -> Release:
    """Deploys ``files`` as release ``number`` of ``step`` (see ``_start``),
    replacing the step's earlier release."""
    kind = spec.get("kind")
    if kind not in SERVED_KINDS:
        raise ValueError(f"a step of kind {kind!r} serves no app; these do: {', '.join(SERVED_KINDS)}")
    previous = _releases.pop(step, None)
    if previous is not None:
        _shut_down(previous)
    workdir = tempfile.mkdtemp(prefix="wm-release-")
    for name, text in files.items():
        path = os.path.join(workdir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
    release = Release(step=step, number=number, workdir=workdir)
    env = {str(k): str(v) for k, v in (spec.get("env") or {}).items()}
    outcome = Outcome(files=dict(files), workdir=workdir)
    output = io.StringIO()
    before = dict(os.environ)
    with _inside(workdir, env):
        try:
            with contextlib.redirect_stdout(output), contextlib.redirect_stderr(output):
                _start(release, spec, outcome, lang)
        except LearnerError as error:
            release.error = error
        # The config vars the platform applied stay with the release.
        release.env = {k: v for k, v in os.environ.items() if before.get(k) != v}
    release.log = outcome.log
    release.output = output.getvalue()
    _releases[step] = release
    return release


def router_error_page(release: Release, lang: str) -> dict[str, Any]:
    """What a platform's router answers for an app that did not start: a 503
    with the logs that explain it."""
    error = release.error
    logs = "\n".join(release.log)
    if release.output:
        logs += "\n" + release.output
    if error is not None:
        logs += "\n\n" + error.explanation
        if error.traceback_text:
            logs += "\n\n" + error.traceback_text
    title = message(lang, "router.error_title")
    page = (
        f'<!doctype html><html lang="{html.escape(lang)}"><meta charset="utf-8"><title>{html.escape(title)}</title>'
        '<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#1f2328;background:#fff}'
        "pre{background:#f6f8fa;border:1px solid #d0d7de;padding:.75rem;white-space:pre-wrap}</style>"
        f"<h1>{html.escape(title)}</h1><p>{html.escape(message(lang, 'router.error_intro'))}</p>"
        f"<h2>{html.escape(message(lang, 'router.logs'))}</h2><pre>{html.escape(logs.strip())}</pre>"
    ).encode("utf-8")
    return {
        "status": 503,
        "reason": "Service Unavailable",
        "headers": [["Content-Type", "text/html; charset=utf-8"], ["Content-Length", str(len(page))], ["Cache-Control", "no-store"]],
        "body": page,
        "problem": error.explanation if error is not None else "",
        "log": "",
    }


def serve(release_spec: dict[str, Any], request: dict[str, Any], body: bytes, lang: str) -> dict[str, Any]:
    """Answers one request with the step's release, deploying it first when
    this worker does not run it (yet, or any more)."""
    lang = language(lang)
    step = str(release_spec.get("step", ""))
    number = int(release_spec.get("number", 0))
    release = _releases.get(step)
    if release is None or release.number != number:
        release = start_release(step, number, release_spec.get("spec") or {}, release_spec.get("files") or {}, lang)
    if release.answer is None:
        return router_error_page(release, lang)
    printed = io.StringIO()
    with _inside(release.workdir, release.env), contextlib.redirect_stdout(printed):
        response = release.answer(request, body[:MAX_BODY], lang)
    response["log"] = printed.getvalue() + response["log"]
    return response


def serve_json(release_json: str, request_json: str, body_b64: str, lang: str) -> str:
    """The worker's entry: JSON in, JSON out, bodies in base64."""
    import json

    response = serve(json.loads(release_json), json.loads(request_json), base64.b64decode(body_b64), lang)
    response["body"] = base64.b64encode(response["body"]).decode("ascii")
    return json.dumps(response)
