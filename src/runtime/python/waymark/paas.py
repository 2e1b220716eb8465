"""The simulated platform as a service: it reads the requirements file,
``.python-version``, the Procfile and the config vars, prints a build log,
runs the release command and starts the web process's WSGI callable, and it
fails the way a real platform does, explained."""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from typing import Any, Callable

from waymark.errors import LearnerError
from waymark.learner_code import load_callable, purge_modules, run_script
from waymark.messages import build_line, message
from waymark.outcome import Outcome

CONFIG_VARS_FILE = "config-vars.env"
DEFAULT_PYTHON = "3.14"

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


def deploy(spec: dict[str, Any], outcome: Outcome, lang: str, log: Callable[[str], None]) -> Callable | None:
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
