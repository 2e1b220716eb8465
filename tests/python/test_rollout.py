"""The rolling release: its order of events, round-robin routing, the
migration before the roll, the one-off command after it, the rollback, and
the checks that read what happened (served requests, database columns)."""

import contextlib
import os
import sqlite3
import tempfile
import unittest

from support import run_step  # noqa: E402
from waymark.outcome import Outcome  # noqa: E402
from waymark.rollout import Plan, artifact_id, rollout  # noqa: E402
from waymark.wsgi_server import Exchange  # noqa: E402

APP = """\
import os, sqlite3
from contextlib import closing

def application(environ, start_response):
    with closing(sqlite3.connect("tasks.db")) as db:
        rows = db.execute("SELECT {column} FROM tasks").fetchall()
    body = ",".join(str(r[0]) for r in rows).encode()
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(body)))])
    return [body]
"""

MIGRATE = """\
import sqlite3
from contextlib import closing
with closing(sqlite3.connect("tasks.db")) as db, db:
    db.execute("{sql}")
"""


def files(migration="ALTER TABLE tasks ADD COLUMN title TEXT", new_column="name", **extra):
    return {
        "previous_app.py": APP.format(column="name"),
        "app.py": APP.format(column=new_column),
        "migrate.py": MIGRATE.format(sql=migration),
        "Procfile": "web: gunicorn app:application\nrelease: python migrate.py\n",
        "database.sql": "CREATE TABLE tasks (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO tasks (name) VALUES ('a');\n",
        **extra,
    }


def step(checks=(), **plan):
    return {
        "kind": "rollout",
        "rollout": {"instances": 3, "previous": "previous_app:application", "database": "database.sql", **plan},
        "requests": [{"path": "/"}],
        "checks": [{"id": str(i), "name": {"en": "c", "zh-cn": "c"}, **c} for i, c in enumerate(checks)],
    }


class FakeFleet:
    """Records what the roll asked for, in order."""

    def __init__(self, release_code=0):
        self.events, self.release_code = [], release_code

    def start(self, app_spec):
        self.events.append(("start", app_spec))
        return app_spec

    def stop(self, instance):
        self.events.append(("stop", instance))

    def send(self, instance, request):
        self.events.append(("send", instance))
        exchange = Exchange(method="GET", path=request["path"], raw_request="")
        exchange.status, exchange.reason = 200, "OK"
        return exchange

    def run(self, command):
        self.events.append(("run", command))
        return self.release_code


class OrderOfEvents(unittest.TestCase):
    def roll(self, fleet, **plan):
        workdir = tempfile.mkdtemp()
        outcome = Outcome(files=files(), workdir=workdir)
        log = []
        rollout(step(**plan), outcome, "en", log.append, fleet)
        return outcome, log

    def test_migration_runs_after_the_old_instances_serve_and_before_any_replacement(self):
        fleet = FakeFleet()
        outcome, _ = self.roll(fleet)
        kinds = [e for e in fleet.events if e[0] in ("run", "start")]
        self.assertEqual(kinds[:4], [("start", "previous_app:application")] * 3 + [("run", "python migrate.py")])
        self.assertEqual(outcome.served, [(1, 1), (2, 1), (3, 1), (1, 2)])
        self.assertTrue(outcome.finished)

    def test_requests_go_round_robin(self):
        fleet = FakeFleet()
        outcome, _ = self.roll(fleet)
        self.assertEqual([instance for instance, _ in outcome.served], [1, 2, 3, 1])

    def test_a_failed_release_command_cancels_the_roll(self):
        fleet = FakeFleet(release_code=1)
        outcome, log = self.roll(fleet)
        self.assertEqual(outcome.release, "failed")
        self.assertNotIn(("start", "app:application"), fleet.events)
        self.assertFalse(outcome.finished)
        self.assertIn("cancelled", log[-1])

    def test_rollback_replaces_every_instance_with_the_previous_release(self):
        fleet = FakeFleet()
        outcome, _ = self.roll(fleet, rollback=True)
        starts = [e[1] for e in fleet.events if e[0] == "start"]
        self.assertEqual(starts[-3:], ["previous_app:application"] * 3)
        self.assertTrue(outcome.rolled_back)
        self.assertEqual(outcome.served[-1][1], 1)

    def test_every_instance_is_stopped_at_the_end(self):
        fleet = FakeFleet()
        self.roll(fleet, after="python contract.py")
        started = sum(1 for e in fleet.events if e[0] == "start")
        stopped = sum(1 for e in fleet.events if e[0] == "stop")
        self.assertEqual(started, stopped)


class Artifacts(unittest.TestCase):
    def test_same_files_same_artifact(self):
        self.assertEqual(artifact_id({"a": "1", "b": "2"}, ["b", "a"]), artifact_id({"a": "1", "b": "2"}, ["a", "b"]))
        self.assertNotEqual(artifact_id({"a": "1"}, ["a"]), artifact_id({"a": "2"}, ["a"]))

    def test_plan_defaults(self):
        plan = Plan.from_spec({"rollout": {"previous": "p:application", "database": "d.sql"}})
        self.assertEqual((plan.instances, plan.number, plan.rollback, plan.after), (3, 1, False, None))


class InThePage(unittest.TestCase):
    def test_an_expanding_migration_keeps_every_request_answered(self):
        result = run_step(step([{"type": "rollout-served"}, {"type": "rollout-finished"}, {"type": "db-columns", "table": "tasks", "has": "title"}]), files())
        self.assertTrue(result["ok"], result)
        self.assertIn("instance 3 (release 1)", "\n".join(result["log"]))

    def test_a_rename_breaks_the_old_release_mid_roll(self):
        result = run_step(step([{"type": "rollout-served"}, {"type": "db-columns", "table": "tasks", "has": "name"}]), files("ALTER TABLE tasks RENAME COLUMN name TO title", "title"))
        served, column = result["checks"]
        self.assertFalse(served["passed"])
        self.assertIn("running release 1", served["reason"])
        self.assertIn("no such column: name", served["reason"])
        self.assertIn("has no column name", column["reason"])

    def test_failures_are_explained_in_chinese(self):
        result = run_step(step([{"type": "rollout-served"}, {"type": "db-columns", "table": "tasks", "lacks": "name"}]), files("ALTER TABLE tasks RENAME COLUMN name TO title", "title"), "zh-CN")
        self.assertIn("运行版本 1", result["checks"][0]["reason"])
        self.assertTrue(result["checks"][1]["passed"])
        self.assertTrue(any("实例" in line for line in result["log"]))

    def test_the_one_off_command_runs_after_the_roll(self):
        extra = {"contract.py": MIGRATE.format(sql="ALTER TABLE tasks DROP COLUMN name")}
        result = run_step(step([{"type": "rollout-finished"}, {"type": "db-columns", "table": "tasks", "lacks": "name"}], after="python contract.py"), files(new_column="title", **extra))
        self.assertTrue(result["checks"][1]["passed"], result["checks"])
        log = "\n".join(result["log"])
        self.assertLess(log.index("Every instance runs release 2"), log.index("One-off command"))

    def test_a_failing_one_off_command_fails_the_roll(self):
        extra = {"contract.py": "raise SystemExit(3)\n"}
        result = run_step(step([{"type": "rollout-finished"}], after="python contract.py"), files(**extra))
        self.assertFalse(result["checks"][0]["passed"])

    def test_a_bad_database_dump_is_explained(self):
        bad = files(**{"database.sql": "CREATE TABLE (;"})
        result = run_step(step([{"type": "rollout-served"}]), bad)
        self.assertEqual(result["error"]["kind"], "database")

    def test_db_columns_without_a_database(self):
        result = run_step({**step([{"type": "db-columns", "table": "tasks", "has": "x"}]), "rollout": None}, {"Procfile": ""})
        self.assertFalse(result["checks"][0]["passed"])


if __name__ == "__main__":
    unittest.main()
