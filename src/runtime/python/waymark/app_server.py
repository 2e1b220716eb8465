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

A release that could not start answers every request with the platform
router's error page, which shows the build log and the error, in the
learner's language."""

from __future__ import annotations

import base64
import contextlib
import html
import io
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from typing import Any, Callable
from urllib.parse import unquote

from waymark.container import run_container
from waymark.errors import LearnerError
from waymark.learner_code import load_callable, purge_modules
from waymark.messages import language, message
from waymark.outcome import Outcome
from waymark.paas import deploy
from waymark.wsgi_server import _Checked, _Handler

MAX_BODY = 8 * 1024 * 1024


@dataclass
class Release:
    step: str
    number: int
    workdir: str
    env: dict[str, str] = field(default_factory=dict)
    app: Callable | None = None
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
    shutil.rmtree(release.workdir, ignore_errors=True)


def start_release(step: str, number: int, spec: dict[str, Any], files: dict[str, str], lang: str) -> Release:
    """Deploys ``files`` as release ``number`` of ``step`` (runs the image of
    a ``container`` step, or imports the WSGI app of a ``wsgi`` step),
    replacing the step's earlier release."""
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
                if spec.get("kind") == "deploy":
                    release.app = deploy(spec, outcome, lang, outcome.log.append)
                elif spec.get("kind") == "container":
                    # Build, review, start the image's command, probe its HEALTHCHECK:
                    # the running container is the release.
                    release.app = run_container(spec, outcome, lang, outcome.log.append)
                else:
                    release.app = load_callable(str(spec.get("entry", "app:application")), lang, workdir)
        except LearnerError as error:
            release.error = error
        # The config vars the platform applied stay with the release.
        release.env = {k: v for k, v in os.environ.items() if before.get(k) != v}
    release.log = outcome.log
    release.output = output.getvalue()
    _releases[step] = release
    return release


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
    if release.app is None:
        return router_error_page(release, lang)
    environ = environ_for(request, body[:MAX_BODY])
    stdout, stderr = io.BytesIO(), io.StringIO()
    checked = _Checked(release.app, lang)
    handler = _Handler(io.BytesIO(body[:MAX_BODY]), stdout, stderr, environ, multithread=False, multiprocess=False)
    printed = io.StringIO()
    with _inside(release.workdir, release.env), contextlib.redirect_stdout(printed):
        handler.run(checked)
    head, _, payload = stdout.getvalue().partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status_line = lines[0].split(" ", 2) if lines else []
    status = int(status_line[1]) if len(status_line) > 1 and status_line[1].isdigit() else 502
    headers = [line.split(": ", 1) for line in lines[1:] if ": " in line]
    problem = checked.problem
    if not problem and handler.app_error is not None:
        problem = message(lang, "wsgi.exception", error=type(handler.app_error).__name__)
    return {
        "status": status,
        "reason": status_line[2] if len(status_line) > 2 else "",
        "headers": headers,
        "body": payload,
        "problem": problem,
        "log": printed.getvalue() + stderr.getvalue(),
    }


def serve_json(release_json: str, request_json: str, body_b64: str, lang: str) -> str:
    """The worker's entry: JSON in, JSON out, bodies in base64."""
    import json

    response = serve(json.loads(release_json), json.loads(request_json), base64.b64decode(body_b64), lang)
    response["body"] = base64.b64encode(response["body"]).decode("ascii")
    return json.dumps(response)
