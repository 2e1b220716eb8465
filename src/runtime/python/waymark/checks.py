"""The checks a step declares: data such as ``{"type": "status", "expect":
200}``, or a short Python assertion whose failures name the check's own
translated ``messages``. The types and their parameters are declared once, in
``check_types.json``, which the page's schema reads too."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any, Callable

from waymark.errors import LearnerError
from waymark.messages import LANGUAGES, message
from waymark.outcome import Outcome
from waymark.paas import parse_procfile, parse_requirements, requirement_names
from waymark.wsgi_server import Exchange

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


CHECK_TYPES: dict[str, dict[str, str]] = {
    name: params for name, params in json.loads(Path(__file__).with_name("check_types.json").read_text(encoding="utf-8")).items() if not name.startswith("//")
}


def _exchange(check: dict[str, Any], outcome: Outcome) -> Exchange | None:
    index = int(check.get("request", 0))
    exchange = outcome.exchanges[index] if index < len(outcome.exchanges) else None
    return exchange if exchange is not None and exchange.status is not None else None


def _status(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    ex = _exchange(check, outcome)
    if ex is None:
        return False, message(lang, "check.no_response")
    expected = int(check["expect"])
    ok = ex.status == expected
    return ok, "" if ok else message(lang, "check.status", got=f"{ex.status} {ex.reason}".strip(), expected=expected)


def _body_contains(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    ex = _exchange(check, outcome)
    if ex is None:
        return False, message(lang, "check.no_response")
    text = str(check["text"])
    ok = text in ex.body.decode("utf-8", "replace")
    return ok, "" if ok else message(lang, "check.body_missing", text=text)


def _header(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    ex = _exchange(check, outcome)
    if ex is None:
        return False, message(lang, "check.no_response")
    header = str(check["header"])
    value = ex.header(header)
    if value is None:
        return False, message(lang, "check.header_missing", header=header)
    expected = str(check.get("contains", ""))
    ok = expected.lower() in value.lower()
    return ok, "" if ok else message(lang, "check.header_wrong", header=header, got=value, expected=expected)


def _procfile_process(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    process = str(check.get("process", "web"))
    if "Procfile" not in outcome.files:
        return False, message(lang, "check.no_procfile")
    try:
        ok = process in parse_procfile(outcome.files["Procfile"], lang)
    except LearnerError as error:
        return False, error.explanation
    return ok, "" if ok else message(lang, "check.no_process", process=process)


def _requirement(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if "requirements.txt" not in outcome.files:
        return False, message(lang, "check.no_requirements")
    package = str(check["package"]).lower()
    ok = package in requirement_names(parse_requirements(outcome.files["requirements.txt"]))
    return ok, "" if ok else message(lang, "check.no_requirement", package=package)


def _file_exists(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    name = str(check["file"])
    if name in outcome.files and outcome.files[name].strip():
        return True, ""
    return False, message(lang, "check.no_python_version") if name == ".python-version" else message(lang, "run.entry_missing", file=name)


def _deployed(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    return outcome.deployed, "" if outcome.deployed else message(lang, "check.not_deployed")


def _release_ok(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if outcome.release == "ok":
        return True, ""
    return False, message(lang, "check.release_failed") if outcome.release == "failed" else message(lang, "check.no_release")


def _stdout_contains(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    text = str(check["text"])
    ok = text in outcome.stdout + "\n".join(outcome.log)
    return ok, "" if ok else message(lang, "check.stdout_missing", text=text)


def _image_built(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    return outcome.built, "" if outcome.built else message(lang, "check.image_not_built")


def _layer_cached(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    """Whether editing one file keeps a build step cached: the step's cache
    inputs are everything COPY brought in up to it."""
    wanted, changed = str(check["layer"]), str(check["changed"])
    for number, (instruction, inputs) in enumerate(outcome.layers, start=1):
        if wanted in instruction:
            if changed in inputs:
                return False, message(lang, "check.layer_rebuilt", changed=changed, number=number, instruction=instruction)
            return True, ""
    return False, message(lang, "check.no_layer", layer=wanted)


def _container_healthy(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if outcome.health == "healthy":
        return True, ""
    if outcome.health == "unhealthy":
        return False, message(lang, "check.unhealthy", detail=outcome.health_detail)
    return False, message(lang, "check.no_healthcheck") if outcome.built else message(lang, "check.image_not_built")


def _rollout_served(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    """Every request sent during the roll (and the rollback) was answered
    below 500; the reason names the first that was not, and who served it."""
    from waymark.rollout import failure_detail

    if not outcome.exchanges:
        return False, message(lang, "check.rollout_no_traffic")
    for number, (exchange, (instance, release)) in enumerate(zip(outcome.exchanges, outcome.served), start=1):
        if exchange.status is None or exchange.status >= 500:
            detail = failure_detail(exchange)
            status = f"{exchange.status} {exchange.reason}".strip() if exchange.status is not None else "—"
            key = "check.rollout_failed_request_detail" if detail else "check.rollout_failed_request"
            return False, message(lang, key, number=number, method=exchange.method, path=exchange.path, instance=instance, release=release, status=status, detail=detail)
    return True, ""


def _rollout_finished(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if outcome.release == "failed":
        return False, message(lang, "check.rollout_release_failed")
    if outcome.after == "failed":
        return False, message(lang, "check.rollout_after_failed")
    return outcome.finished, "" if outcome.finished else message(lang, "check.rollout_not_finished")


def _db_columns(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    """The columns of one table in the step's database once the run is over."""
    import contextlib
    import os
    import sqlite3

    if not outcome.database or not os.path.exists(outcome.database):
        return False, message(lang, "check.no_database")
    table = str(check["table"])
    with contextlib.closing(sqlite3.connect(outcome.database)) as db:
        columns = [row[1] for row in db.execute("SELECT * FROM pragma_table_info(?)", (table,))]
    if not columns:
        return False, message(lang, "check.no_table", table=table)
    has, lacks = check.get("has"), check.get("lacks")
    if has and has not in columns:
        return False, message(lang, "check.column_missing", table=table, column=has, columns=", ".join(columns))
    if lacks and lacks in columns:
        return False, message(lang, "check.column_present", table=table, column=lacks)
    return True, ""
def _lifespan_complete(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if outcome.lifespan == "complete":
        return True, ""
    key = {"unsupported": "check.lifespan_unsupported", "failed": "check.lifespan_failed"}.get(outcome.lifespan, "check.not_deployed")
    return False, message(lang, key, detail=outcome.lifespan_detail)


def _worker_idle(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    if outcome.worker == "idle":
        return True, ""
    key = {"none": "check.worker_none", "exited": "check.worker_exited", "crashed": "check.worker_crashed"}[outcome.worker if outcome.worker in ("exited", "crashed") else "none"]
    return False, message(lang, key)


def _python(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    namespace: dict[str, Any] = {
        "files": dict(outcome.files),
        "responses": [{"status": ex.status, "headers": dict(ex.headers), "body": ex.body.decode("utf-8", "replace")} for ex in outcome.exchanges],
        "stdout": outcome.stdout,
        "workdir": outcome.workdir,
        "msg": CheckMessage,
    }
    try:
        exec(compile(str(check["code"]), "<check>", "exec"), namespace)
    except AssertionError as failed:
        return False, check_failure(check, failed, lang)
    except Exception as error:  # a check that breaks reports itself, it never passes
        return False, message(lang, "check.check_crashed", error=f"{type(error).__name__}: {error}")
    return True, ""


EVALUATORS: dict[str, Callable[[dict[str, Any], Outcome, str], tuple[bool, str]]] = {
    "status": _status,
    "body-contains": _body_contains,
    "header": _header,
    "procfile-process": _procfile_process,
    "requirement": _requirement,
    "file-exists": _file_exists,
    "deployed": _deployed,
    "release-ok": _release_ok,
    "stdout-contains": _stdout_contains,
    "image-built": _image_built,
    "layer-cached": _layer_cached,
    "container-healthy": _container_healthy,
    "rollout-served": _rollout_served,
    "rollout-finished": _rollout_finished,
    "db-columns": _db_columns,
    "lifespan-complete": _lifespan_complete,
    "worker-idle": _worker_idle,
    "python": _python,
}

_KINDS: dict[str, Callable[[Any], bool]] = {
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "index": lambda v: isinstance(v, int) and not isinstance(v, bool) and v >= 0,
    "string": lambda v: isinstance(v, str),
    "code": lambda v: isinstance(v, str),
    "messages": lambda v: isinstance(v, dict),
}


def parameter_problems(check: dict[str, Any]) -> list[str]:
    """How a check departs from its type's declared parameters (``check_types.json``)."""
    params = CHECK_TYPES.get(str(check.get("type")))
    if params is None:
        return [f"unknown check type {check.get('type')!r}"]
    problems = []
    for name, kind in params.items():
        optional = kind.endswith("?")
        if name not in check:
            if not optional:
                problems.append(f"{name} is required")
        elif not _KINDS[kind.rstrip("?")](check[name]):
            problems.append(f"{name} must be {kind.rstrip('?')}")
    problems += [f"{name} is not a parameter of {check['type']}" for name in check if name not in params and name not in {"id", "name", "type"}]
    return problems


def evaluate(check: dict[str, Any], outcome: Outcome, lang: str) -> tuple[bool, str]:
    problems = parameter_problems(check)
    if problems:
        return False, message(lang, "check.check_crashed", error="; ".join(problems))
    return EVALUATORS[str(check["type"])](check, outcome, lang)
