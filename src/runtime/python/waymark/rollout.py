"""A rolling release on the simulated platform: several instances run the
previous release on one SQLite database; the new release is built once, its
release command (the migration) runs while the old instances keep serving,
then the instances are replaced one at a time while requests keep arriving,
routed round-robin. Optionally a one-off command runs once every instance is
replaced, and the platform rolls back to the previous release the same way.

The order of events lives here; how an instance starts and answers is the
``Fleet``'s business, so the same roll runs in the page (WSGI callables in
one interpreter) and under CPython with one Gunicorn per instance."""

from __future__ import annotations

import contextlib
import hashlib
import os
import shlex
import sqlite3
from dataclasses import dataclass
from typing import Any, Callable, Protocol

from waymark.errors import LearnerError
from waymark.messages import build_line, message
from waymark.outcome import Outcome
from waymark.paas import parse_procfile, parse_web_command
from waymark.wsgi_server import Exchange


class Fleet(Protocol):
    """Starts instances, sends them requests and runs one-off commands."""

    def start(self, app_spec: str) -> Any: ...

    def stop(self, instance: Any) -> None: ...

    def send(self, instance: Any, request: dict[str, Any]) -> Exchange: ...

    def run(self, command: str) -> int: ...


@dataclass
class Plan:
    """What a rollout step asks of the platform (``rollout`` in the step)."""

    instances: int
    previous: str  # module:callable of the release running now
    number: int  # the running release's number; the new one is number + 1
    database: str  # the file holding the database as it is now (SQL)
    after: str | None  # a one-off command once every instance runs the new release
    rollback: bool  # then roll back to the previous release

    @classmethod
    def from_spec(cls, spec: dict[str, Any]) -> Plan:
        plan = spec.get("rollout") or {}
        return cls(
            instances=max(1, int(plan.get("instances", 3))),
            previous=str(plan.get("previous", "previous_app:application")),
            number=int(plan.get("release", 1)),
            database=str(plan.get("database", "database.sql")),
            after=plan.get("after"),
            rollback=bool(plan.get("rollback", False)),
        )


def artifact_id(files: dict[str, str], names: list[str]) -> str:
    """A digest of the files a release is built from: the same bytes give
    the same id, so the log shows one artifact going to every instance."""
    digest = hashlib.sha256()
    for name in sorted(names):
        digest.update(name.encode() + b"\0" + files.get(name, "").encode() + b"\0")
    return "sha256:" + digest.hexdigest()[:12]


def load_database(sql: str, path: str, lang: str) -> None:
    """Creates the database the instances share, from its SQL dump."""
    try:
        with contextlib.closing(sqlite3.connect(path)) as db:
            db.executescript(sql)
    except sqlite3.Error as error:
        raise LearnerError("database", message(lang, "rollout.bad_database", error=str(error))) from None


def failure_detail(exchange: Exchange) -> str:
    """The last line of what went wrong in a failed request, if known."""
    text = exchange.problem or exchange.server_log
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else ""


class Roll:
    """One rolling release, logged line by line in the learner's language."""

    def __init__(self, plan: Plan, fleet: Fleet, outcome: Outcome, lang: str, log: Callable[[str], None]):
        self.plan, self.fleet, self.outcome, self.lang, self.log = plan, fleet, outcome, lang, log
        self.slots: list[tuple[Any, int]] = []  # (instance, release number)
        self.sent = 0

    def line(self, key: str, **values: Any) -> None:
        self.log(build_line(self.lang, key, **values))

    def traffic(self, requests: list[dict[str, Any]]) -> None:
        """Sends one round of requests, each to the next instance in turn."""
        for request in requests:
            slot = self.sent % len(self.slots)
            instance, release = self.slots[slot]
            exchange = self.fleet.send(instance, request)
            self.sent += 1
            self.outcome.exchanges.append(exchange)
            self.outcome.served.append((slot + 1, release))
            status = f"{exchange.status} {exchange.reason}".strip() if exchange.status is not None else "—"
            detail = failure_detail(exchange) if exchange.status is None or exchange.status >= 500 else ""
            key = "roll_request_failed" if detail or exchange.status is None or exchange.status >= 500 else "roll_request"
            self.line(key, number=self.sent, method=exchange.method, path=exchange.path, instance=slot + 1, release=release, status=status, detail=detail)

    def replace(self, slot: int, app_spec: str, release: int, artifact: str) -> None:
        old, old_release = self.slots[slot]
        try:
            instance = self.fleet.start(app_spec)
        except LearnerError:
            self.line("roll_instance_crashed", instance=slot + 1, release=release, kept=old_release)
            raise
        self.fleet.stop(old)
        self.slots[slot] = (instance, release)
        self.line("roll_replaced", instance=slot + 1, old=old_release, new=release, artifact=artifact)

    def run(self, spec: dict[str, Any]) -> None:
        plan, files, requests = self.plan, self.outcome.files, list(spec.get("requests", []))
        old, new = plan.number, plan.number + 1
        if "Procfile" not in files:
            raise LearnerError("no-procfile", message(self.lang, "deploy.no_procfile"))
        processes = parse_procfile(files["Procfile"], self.lang)
        self.outcome.processes = processes
        if "web" not in processes:
            raise LearnerError("no-web", message(self.lang, "deploy.no_web"))
        web = parse_web_command(processes["web"], self.lang)
        previous_file = plan.previous.partition(":")[0] + ".py"
        artifact = artifact_id(files, [n for n in files if n not in {plan.database, previous_file}])
        previous_artifact = artifact_id(files, [previous_file])
        self.line("roll_built", release=new, artifact=artifact)

        url = (spec.get("env") or {}).get("DATABASE_URL", "sqlite:///tasks.db")
        self.outcome.database = os.path.join(self.outcome.workdir, url.removeprefix("sqlite:///"))
        load_database(files.get(plan.database, ""), self.outcome.database, self.lang)
        self.slots = [(self.fleet.start(plan.previous), old) for _ in range(plan.instances)]
        self.line("roll_start", count=plan.instances, release=old)
        self.traffic(requests)

        release = processes.get("release")
        if release:
            self.line("release", command=release)
            code = self.fleet.run(release)
            if code != 0:
                self.outcome.release = "failed"
                self.line("roll_release_failed", code=code, release=old)
                return
            self.outcome.release = "ok"
            self.line("release_ok")

        for slot in range(plan.instances):
            self.replace(slot, web.app_spec, new, artifact)
            self.traffic(requests)
        self.outcome.deployed = True
        self.line("roll_done", release=new)

        if plan.after:
            self.line("roll_after", command=plan.after)
            code = self.fleet.run(plan.after)
            self.outcome.after = "ok" if code == 0 else "failed"
            self.line("roll_after_ok" if code == 0 else "roll_after_failed", code=code)
            self.traffic(requests)

        if plan.rollback:
            self.line("roll_back", release=old)
            for slot in range(plan.instances):
                self.replace(slot, plan.previous, old, previous_artifact)
                self.traffic(requests)
            self.outcome.rolled_back = True
            self.line("roll_back_done", release=old)
        self.outcome.finished = self.outcome.after != "failed"

    def stop_all(self) -> None:
        for instance, _ in self.slots:
            self.fleet.stop(instance)
        self.slots = []


def rollout(spec: dict[str, Any], outcome: Outcome, lang: str, log: Callable[[str], None], fleet: Fleet) -> None:
    """Runs the step's rolling release with the given fleet."""
    roll = Roll(Plan.from_spec(spec), fleet, outcome, lang, log)
    try:
        roll.run(spec)
    finally:
        roll.stop_all()


def command_words(command: str, lang: str) -> list[str]:
    """A release or one-off command the simulated platform can run:
    ``python file.py [args]``."""
    words = shlex.split(command)
    if len(words) < 2 or words[0] not in {"python", "python3"} or not words[1].endswith(".py"):
        raise LearnerError("release-unsupported", message(lang, "deploy.release_unsupported", command=command))
    return words
