"""Runs a learner's walkthrough step and checks it.

The same module runs in the browser (Pyodide, in a Web Worker) and under
CPython (unit tests, and the real-Gunicorn verification in CI), so it uses
the standard library only.

A step is one of three kinds:

- ``script``: run a file as ``__main__`` and capture what it prints.
- ``wsgi``: import ``module:callable`` and send it HTTP requests through
  wsgiref's handlers on in-memory streams, exactly as a server would.
- ``deploy``: a simulated platform as a service. It reads the requirements
  file, ``.python-version``, the ``Procfile`` and the config vars, prints a
  build log, runs the release command, starts the web process's WSGI
  callable and routes the requests to it.

Each run gets a fresh working directory and fresh learner modules, so
nothing leaks from one run, step or walkthrough into the next.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import json
import os
import re
import runpy
import shlex
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable
from urllib.parse import urlsplit
from wsgiref.handlers import SimpleHandler

def _pbkdf2_hmac(hash_name: str, password: bytes, salt: bytes, iterations: int, dklen: int | None = None) -> bytes:
    """PBKDF2 (RFC 8018) over HMAC, for interpreters whose hashlib was built
    without OpenSSL (Pyodide's): the learner's ``hashlib.pbkdf2_hmac`` call then
    runs unchanged here and under CPython. The keyed inner and outer hashes are
    prepared once and copied per round, which keeps the loop affordable."""
    if iterations < 1:
        raise ValueError("iteration value must be greater than 0.")
    password, salt = bytes(password), bytes(salt)
    inner, outer = hashlib.new(hash_name), hashlib.new(hash_name)
    block = inner.block_size
    if len(password) > block:
        password = hashlib.new(hash_name, password).digest()
    password = password.ljust(block, b"\0")
    inner.update(password.translate(bytes(x ^ 0x36 for x in range(256))))
    outer.update(password.translate(bytes(x ^ 0x5C for x in range(256))))

    def prf(data: bytes) -> bytes:
        i, o = inner.copy(), outer.copy()
        i.update(data)
        o.update(i.digest())
        return o.digest()

    dklen = dklen or outer.digest_size
    key, index = b"", 1
    while len(key) < dklen:
        u = prf(salt + index.to_bytes(4, "big"))
        result = int.from_bytes(u, "big")
        for _ in range(iterations - 1):
            u = prf(u)
            result ^= int.from_bytes(u, "big")
        key += result.to_bytes(len(u), "big")
        index += 1
    return key[:dklen]


if not hasattr(hashlib, "pbkdf2_hmac"):
    hashlib.pbkdf2_hmac = _pbkdf2_hmac  # type: ignore[attr-defined]

CONFIG_VARS_FILE = "config-vars.env"
DEFAULT_PYTHON = "3.14"

# ---------------------------------------------------------------------------
# Messages, in every language a page can be read in: one catalog,
# messages.json beside this file, shared with the page's build (which checks
# it is complete) and, for a check's own failures, the check's "messages".

CATALOG: dict[str, dict[str, dict[str, str]]] = json.loads((Path(__file__).with_name("messages.json")).read_text(encoding="utf-8"))
LANGUAGES: frozenset[str] = frozenset(next(iter(CATALOG["messages"].values())))


def message(lang: str, key: str, **values: Any) -> str:
    return CATALOG["messages"][key][lang].format(**values)


def build_line(lang: str, key: str, **values: Any) -> str:
    return CATALOG["buildLog"][key][lang].format(**values)


def localized(value: Any, lang: str) -> str:
    """A per-language string from step data: a plain string or {lang: text}."""
    if isinstance(value, dict):
        return str(value.get(lang) or value.get("en") or next(iter(value.values()), ""))
    return "" if value is None else str(value)


# ---------------------------------------------------------------------------
# Errors the learner sees, with their own file names and line numbers.


class LearnerError(Exception):
    """A mistake in the learner's project, explained in plain words."""

    def __init__(self, kind: str, explanation: str, traceback_text: str = ""):
        super().__init__(explanation)
        self.kind = kind
        self.explanation = explanation
        self.traceback_text = traceback_text


def learner_traceback(error: BaseException, workdir: str) -> str:
    """The traceback as the learner should see it: only frames in their own
    files, named relative to the project (``app.py``, line 7)."""
    root = os.path.realpath(workdir) + os.sep

    def mine(path: str | None) -> bool:
        return bool(path) and os.path.realpath(path).startswith(root)

    def short(path: str) -> str:
        return os.path.relpath(os.path.realpath(path), root[:-1])

    exc = traceback.TracebackException.from_exception(error)
    for te in _chain(exc):
        frames = [f for f in te.stack if mine(f.filename)]
        for frame in frames:
            _ = frame.line  # read the source line while the real path is known
            frame.filename = short(frame.filename)
        te.stack = traceback.StackSummary.from_list(frames)
        if te.exc_type is not None and issubclass(te.exc_type, SyntaxError) and te.filename and mine(te.filename):
            te.filename = short(te.filename)
    return "".join(exc.format())


def _chain(exc: traceback.TracebackException) -> Iterable[traceback.TracebackException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)


# ---------------------------------------------------------------------------
# HTTP through wsgiref, with the protocol checked on the way.

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
        self.app_error = exc_info[1]
        super().log_exception(exc_info)


def send(app: Callable, request: dict[str, Any], lang: str, workdir: str) -> Exchange:
    environ, body, raw_request = build_request(request)
    exchange = Exchange(method=environ["REQUEST_METHOD"], path=str(request.get("path", "/")), raw_request=raw_request)
    stdout, stderr = io.BytesIO(), io.StringIO()
    checked = _Checked(app, lang)
    handler = _Handler(io.BytesIO(body), stdout, stderr, environ, multithread=False, multiprocess=False)
    handler.run(checked)
    raw = stdout.getvalue()
    exchange.raw_response = raw.decode("utf-8", "replace")
    head, _, exchange.body = raw.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    match = re.match(r"HTTP/\d\.\d (\d{3}) ?(.*)", lines[0] if lines else "")
    if match:
        exchange.status = int(match.group(1))
        exchange.reason = match.group(2)
    exchange.headers = [tuple(line.split(": ", 1)) for line in lines[1:] if ": " in line]  # type: ignore[misc]
    if checked.problem:
        exchange.problem = checked.problem
    elif handler.app_error is not None:
        error = handler.app_error
        exchange.problem = message(lang, "wsgi.exception", error=type(error).__name__) + "\n\n" + learner_traceback(error, workdir)
    exchange.server_log = stderr.getvalue() if not exchange.problem else ""
    return exchange


# ---------------------------------------------------------------------------
# Loading the learner's code.


def purge_modules(workdir: str) -> None:
    """Forget every module loaded from the learner's directory (packages
    included), so the next run imports their files afresh."""
    root = os.path.realpath(workdir) + os.sep

    def inside(path: Any) -> bool:
        return isinstance(path, str) and os.path.realpath(path).startswith(root)

    for name, module in list(sys.modules.items()):
        if inside(getattr(module, "__file__", None)) or any(inside(p) for p in getattr(module, "__path__", None) or []):
            del sys.modules[name]


def load_callable(spec: str, lang: str, workdir: str) -> Callable:
    """Imports ``module:callable`` (callable defaults to ``application``)."""
    module_name, _, attr = spec.partition(":")
    attr = attr or "application"
    module_name = module_name.strip()
    if not os.path.exists(os.path.join(workdir, module_name.replace(".", os.sep) + ".py")) and not os.path.isdir(
        os.path.join(workdir, module_name.replace(".", os.sep))
    ):
        raise LearnerError("module-missing", message(lang, "run.module_missing", module=module_name))
    try:
        module = __import__(module_name, fromlist=["_"])
    except SyntaxError as error:
        raise LearnerError("syntax", message(lang, "run.syntax"), learner_traceback(error, workdir)) from None
    except (KeyboardInterrupt, MemoryError):
        raise
    except BaseException as error:  # the learner's module failed; explain it
        raise LearnerError(
            "import",
            message(lang, "run.import_failed", module=module_name),
            learner_traceback(error, workdir),
        ) from error
    if not hasattr(module, attr):
        raise LearnerError("callable-missing", message(lang, "run.callable_missing", module=module_name, name=attr))
    app = getattr(module, attr)
    if not callable(app):
        raise LearnerError("not-callable", message(lang, "run.not_callable", module=module_name, name=attr))
    return app


def run_script(path: str, args: list[str], lang: str, workdir: str) -> int:
    """Runs a file as __main__ and returns its exit status."""
    if not os.path.exists(os.path.join(workdir, path)):
        raise LearnerError("entry-missing", message(lang, "run.entry_missing", file=path))
    saved_argv = sys.argv
    sys.argv = [path, *args]
    try:
        runpy.run_path(os.path.join(workdir, path), run_name="__main__")
        return 0
    except SystemExit as stop:
        code = stop.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    except SyntaxError as error:
        raise LearnerError("syntax", message(lang, "run.syntax"), learner_traceback(error, workdir)) from None
    except (KeyboardInterrupt, MemoryError):
        raise
    except BaseException as error:
        print(learner_traceback(error, workdir), file=sys.stderr, end="")
        return 1
    finally:
        sys.argv = saved_argv


# ---------------------------------------------------------------------------
# The simulated platform.

WSGI_SERVERS = {"gunicorn": "gunicorn", "waitress-serve": "waitress", "uwsgi": "uwsgi"}


@dataclass
class WebCommand:
    server: str
    package: str
    app_spec: str
    bind: str | None


def parse_procfile(text: str, lang: str) -> dict[str, str]:
    processes: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_-]+):\s*(.+)", stripped)
        if not match:
            raise LearnerError("procfile", message(lang, "deploy.bad_procfile_line", line=number, text=line))
        processes[match.group(1)] = match.group(2).strip()
    return processes


def parse_config_vars(text: str, lang: str) -> dict[str, str]:
    values: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key.strip()):
            raise LearnerError("config", message(lang, "deploy.bad_config_line", line=number, text=line))
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        values[key.strip()] = value
    return values


def parse_requirements(text: str) -> list[str]:
    names = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        match = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", line)
        if match:
            names.append(line)
    return names


def requirement_names(requirements: list[str]) -> set[str]:
    return {re.split(r"[<>=!~;\[ ]", r, maxsplit=1)[0].lower().replace("_", "-") for r in requirements}


def _options(words: list[str], with_value: set[str]) -> tuple[dict[str, str], list[str]]:
    """Splits command-line words into options (``--name value``,
    ``--name=value``, ``-n value``) and positional arguments."""
    options: dict[str, str] = {}
    positional: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.startswith("-"):
            name, eq, value = word.partition("=")
            if not eq and name in with_value and i + 1 < len(words):
                value = words[i + 1]
                i += 1
            options[name] = value
        else:
            positional.append(word)
        i += 1
    return options, positional


def parse_web_command(command: str, lang: str) -> WebCommand:
    """Finds the WSGI app and the listening address in a web command, in the
    forms real platforms run: ``gunicorn [options] module:callable``,
    ``waitress-serve [options] module:callable`` and
    ``uwsgi --http :$PORT --module module:callable``."""
    words = shlex.split(command)
    if not words or words[0] not in WSGI_SERVERS:
        raise LearnerError("unknown-web", message(lang, "deploy.unknown_web", command=command))
    server, rest = words[0], words[1:]
    app_spec: str | None
    if server == "gunicorn":
        options, positional = _options(rest, {"-b", "--bind", "-w", "--workers", "-k", "--worker-class", "-t", "--timeout", "--threads", "--access-logfile", "--error-logfile", "--log-level", "-c", "--config", "--chdir"})
        bind = options.get("-b") or options.get("--bind")  # unset: gunicorn uses 0.0.0.0:$PORT
        app_spec = positional[0] if positional else None
    elif server == "waitress-serve":
        options, positional = _options(rest, {"--port", "--host", "--listen", "--threads", "--url-scheme"})
        bind = options.get("--listen") or f"{options.get('--host', '0.0.0.0')}:{options.get('--port', '8080')}"
        app_spec = positional[0] if positional else None
    else:
        options, positional = _options(rest, {"--http", "--http-socket", "--module", "-w", "--wsgi", "--processes", "-p", "--threads", "--callable", "--master"})
        bind = options.get("--http") or options.get("--http-socket") or "(no --http option)"
        app_spec = options.get("--module") or options.get("-w") or options.get("--wsgi")
        if app_spec and ":" not in app_spec and options.get("--callable"):
            app_spec = f"{app_spec}:{options['--callable']}"
    if not app_spec:
        raise LearnerError("no-app", message(lang, "deploy.no_app_spec", command=command))
    return WebCommand(server=server, package=WSGI_SERVERS[server], app_spec=app_spec, bind=bind)


def bind_is_public(bind: str | None) -> bool:
    if bind is None:
        return True  # gunicorn and waitress listen on 0.0.0.0:$PORT when PORT is set
    host, _, port = bind.rpartition(":")
    host = host.strip("[]")
    return host in {"", "0.0.0.0", "::"} and port in {"$PORT", "${PORT}"}


def missing_config_var(error: BaseException, config: dict[str, str]) -> str | None:
    """The config var an import failed for, if that is what happened."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, KeyError) and seen.args and isinstance(seen.args[0], str):
            name = seen.args[0]
            if re.fullmatch(r"[A-Z][A-Z0-9_]*", name) and name not in config:
                return name
        text = str(seen)
        for name in re.findall(r"\b[A-Z][A-Z0-9_]{2,}\b", text):
            if name not in config and ("not set" in text or "missing" in text.lower() or "缺少" in text):
                return name
        seen = seen.__cause__ or seen.__context__
    return None


# ---------------------------------------------------------------------------
# Checks, declared per step as data.


@dataclass
class Outcome:
    """Everything a run produced, which the checks look at."""

    files: dict[str, str]
    workdir: str
    stdout: str = ""
    stderr: str = ""
    log: list[str] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    deployed: bool = False
    release: str = "none"  # none | ok | failed
    processes: dict[str, str] = field(default_factory=dict)
    error: LearnerError | None = None


class CheckMessage:
    """What a python check's ``assert`` says when it fails: ``msg('key',
    got=x)`` names one of the check's own ``messages``, so the learner reads
    it in their language. Built only when the assertion fails."""

    def __init__(self, key: str, **values: Any):
        self.key = key
        self.values = values

    def __repr__(self) -> str:
        return f"msg({self.key!r})"


def message_problems(check: dict[str, Any]) -> list[str]:
    """What keeps a python check from failing in the learner's language: an
    ``assert`` whose message is not ``msg('declared-key', …)``, or a message
    without a text in some language. Read from the code's syntax tree."""
    import ast

    declared = check.get("messages") or {}
    problems = []
    for node in ast.walk(ast.parse(str(check.get("code", "")), "<check>")):
        if not isinstance(node, ast.Assert):
            continue
        call = node.msg
        ok = (
            isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id == "msg"
            and bool(call.args) and isinstance(call.args[0], ast.Constant) and call.args[0].value in declared
        )
        if not ok:
            problems.append(f"line {node.lineno}: the assert's message is not msg('<a key of \"messages\">', …)")
    for key, texts in declared.items():
        missing = [lang for lang in LANGUAGES if not (isinstance(texts, dict) and texts.get(lang))]
        if missing:
            problems.append(f"message {key!r} has no text in {', '.join(sorted(missing))}")
    return problems


def check_failure(check: dict[str, Any], failed: AssertionError, lang: str) -> str:
    """The failure of a python check in the learner's language. A check
    whose assertion carries no declared message is an authoring mistake, and
    says so rather than showing text in another language."""
    said = failed.args[0] if failed.args else None
    texts = (check.get("messages") or {}).get(said.key) if isinstance(said, CheckMessage) else None
    if not isinstance(texts, dict) or lang not in texts:
        return message(lang, "check.untranslated", check=check.get("id"), said=repr(said))
    try:
        return str(texts[lang]).format(**said.values)
    except (KeyError, IndexError, ValueError) as error:
        return message(lang, "check.check_crashed", error=f"{type(error).__name__}: {error}")


def evaluate(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    kind = check.get("type")
    m = lambda key, **v: message(lang, key, **v)  # noqa: E731

    def exchange() -> Exchange | None:
        index = int(check.get("request", 0))
        return outcome.exchanges[index] if index < len(outcome.exchanges) else None

    if kind == "status":
        ex = exchange()
        if ex is None or ex.status is None:
            return False, m("check.no_response")
        expected = int(check["expect"])
        return (ex.status == expected, "" if ex.status == expected else m("check.status", got=f"{ex.status} {ex.reason}".strip(), expected=expected))
    if kind == "body-contains":
        ex = exchange()
        if ex is None or ex.status is None:
            return False, m("check.no_response")
        text = str(check["text"])
        ok = text in ex.body.decode("utf-8", "replace")
        return ok, "" if ok else m("check.body_missing", text=text)
    if kind == "header":
        ex = exchange()
        if ex is None or ex.status is None:
            return False, m("check.no_response")
        header = str(check["header"])
        value = ex.header(header)
        if value is None:
            return False, m("check.header_missing", header=header)
        expected = str(check.get("contains", ""))
        ok = expected.lower() in value.lower()
        return ok, "" if ok else m("check.header_wrong", header=header, got=value, expected=expected)
    if kind == "procfile-process":
        process = str(check.get("process", "web"))
        if "Procfile" not in outcome.files:
            return False, m("check.no_procfile")
        try:
            ok = process in parse_procfile(outcome.files["Procfile"], lang)
        except LearnerError as error:
            return False, error.explanation
        return ok, "" if ok else m("check.no_process", process=process)
    if kind == "requirement":
        if "requirements.txt" not in outcome.files:
            return False, m("check.no_requirements")
        package = str(check["package"]).lower()
        ok = package in requirement_names(parse_requirements(outcome.files["requirements.txt"]))
        return ok, "" if ok else m("check.no_requirement", package=package)
    if kind == "file-exists":
        ok = str(check["file"]) in outcome.files and bool(outcome.files[str(check["file"])].strip())
        return ok, "" if ok else m("check.no_python_version") if check["file"] == ".python-version" else m("run.entry_missing", file=check["file"])
    if kind == "deployed":
        return outcome.deployed, "" if outcome.deployed else m("check.not_deployed")
    if kind == "release-ok":
        if outcome.release == "ok":
            return True, ""
        return False, m("check.release_failed") if outcome.release == "failed" else m("check.no_release")
    if kind == "stdout-contains":
        text = str(check["text"])
        ok = text in outcome.stdout + "\n".join(outcome.log)
        return ok, "" if ok else m("check.stdout_missing", text=text)
    if kind == "python":
        namespace: dict[str, Any] = {
            "files": dict(outcome.files),
            "responses": [
                {"status": ex.status, "headers": dict(ex.headers), "body": ex.body.decode("utf-8", "replace")} for ex in outcome.exchanges
            ],
            "stdout": outcome.stdout,
            "workdir": outcome.workdir,
        }
        namespace["msg"] = CheckMessage
        try:
            exec(compile(str(check["code"]), "<check>", "exec"), namespace)
        except AssertionError as failed:
            return False, check_failure(check, failed, lang)
        except Exception as error:  # a check that breaks reports itself, it never passes
            return False, m("check.check_crashed", error=f"{type(error).__name__}: {error}")
        return True, ""
    raise ValueError(f"unknown check type {kind!r}")


# ---------------------------------------------------------------------------
# One run of one step.


@contextlib.contextmanager
def sandbox(files: dict[str, str], env: dict[str, str]):
    """A fresh directory holding the learner's files, made the working
    directory and the first import path, with ``env`` applied; everything is
    put back afterwards."""
    workdir = tempfile.mkdtemp(prefix="wm-run-")
    saved_cwd, saved_path, saved_env = os.getcwd(), list(sys.path), dict(os.environ)
    try:
        for name, text in files.items():
            path = os.path.join(workdir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        os.chdir(workdir)
        sys.path.insert(0, workdir)
        os.environ.update(env)
        yield workdir
    finally:
        purge_modules(workdir)
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        os.environ.clear()
        os.environ.update(saved_env)
        shutil.rmtree(workdir, ignore_errors=True)


def _deploy(spec: dict[str, Any], outcome: Outcome, lang: str, log: Callable[[str], None]) -> Callable | None:
    files = outcome.files
    b = lambda key, **v: build_line(lang, key, **v)  # noqa: E731
    log(b("receive"))
    if "requirements.txt" not in files:
        log(b("failed"))
        raise LearnerError("no-requirements", message(lang, "deploy.no_requirements"))
    log(b("detected"))
    version = files.get(".python-version", "").strip()
    log(b("python", version=version or DEFAULT_PYTHON, source=b("python_file") if version else b("python_default")))
    requirements = parse_requirements(files["requirements.txt"])
    log(b("install"))
    for requirement in requirements:
        log(b("installed", package=requirement))
    log(b("simulated"))
    log(b("processes"))
    if "Procfile" not in files:
        log(b("failed"))
        raise LearnerError("no-procfile", message(lang, "deploy.no_procfile"))
    outcome.processes = parse_procfile(files["Procfile"], lang)
    log(b("declares", types=", ".join(sorted(outcome.processes)) or "(none)"))
    if "web" not in outcome.processes:
        raise LearnerError("no-web", message(lang, "deploy.no_web"))
    web = parse_web_command(outcome.processes["web"], lang)
    if web.package not in requirement_names(requirements):
        raise LearnerError("server-missing", f"bash: {web.server}: command not found\n" + message(lang, "deploy.server_not_installed", server=web.package))

    config = parse_config_vars(files.get(CONFIG_VARS_FILE, ""), lang)
    log(b("config", names=", ".join(sorted(config))) if config else b("no_config"))
    os.environ.update(config)
    os.environ["PORT"] = "5000"

    release = outcome.processes.get("release")
    if release:
        log(b("release", command=release))
        words = shlex.split(release)
        if len(words) < 2 or words[0] not in {"python", "python3"} or not words[1].endswith(".py"):
            outcome.release = "failed"
            log(b("aborted"))
            raise LearnerError("release-unsupported", message(lang, "deploy.release_unsupported", command=release))
        if words[1] not in files:
            outcome.release = "failed"
            log(b("aborted"))
            raise LearnerError("release-missing", message(lang, "deploy.release_missing", file=words[1]))
        code = run_script(words[1], words[2:], lang, outcome.workdir)
        purge_modules(outcome.workdir)
        if code != 0:
            outcome.release = "failed"
            log(b("aborted"))
            raise LearnerError("release-failed", message(lang, "deploy.release_failed", code=code))
        outcome.release = "ok"
        log(b("release_ok"))

    log(b("starting", command=outcome.processes["web"]))
    if not bind_is_public(web.bind):
        log(b("crashed"))
        raise LearnerError("bad-bind", f"Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 60 seconds of launch\n" + message(lang, "deploy.bad_bind", address=web.bind))
    try:
        app = load_callable(web.app_spec, lang, outcome.workdir)
    except LearnerError as error:
        log(b("crashed"))
        if error.kind == "import" and error.__cause__ is not None:
            name = missing_config_var(error.__cause__, config)
            if name:
                raise LearnerError("missing-config", message(lang, "deploy.missing_config_var", name=name), error.traceback_text) from None
            raise LearnerError("crashed", message(lang, "deploy.crashed_at_import", module=web.app_spec.partition(":")[0]), error.traceback_text) from None
        raise
    outcome.deployed = True
    log(b("up"))
    return app


def run_step(spec: dict[str, Any], files: dict[str, str], lang: str = "en") -> dict[str, Any]:
    """Runs one step of a walkthrough on the learner's files and applies its
    checks. Returns plain data (JSON-ready) for the page to show. ``lang``
    is a page language such as ``en`` or ``zh-CN``."""
    lang = lang.lower() if lang.lower() in LANGUAGES else "en"
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
                        app = _deploy(spec, outcome, lang, outcome.log.append)
                    else:
                        raise ValueError(f"unknown step kind {kind!r}")
                    if app is not None:
                        for request in spec.get("requests", []):
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
