"""The real-Gunicorn verification reports a broken reference solution by
walkthrough, step and check (needs Debian's gunicorn: scripts/ensure-gunicorn.sh).
Runs on the fixture course's walkthrough, so rewording the real course's
steps cannot break it."""

import contextlib
import io
import json
import sys
import unittest
import unittest.mock
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import verify_walkthroughs as v  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "small-course"
WALKTHROUGH = FIXTURE / "walkthroughs" / "fixture-deploy"


def solution(step):
    return {name: (WALKTHROUGH / step["id"] / "solution" / name).read_text() for name in step["files"]}


class VerifyTest(unittest.TestCase):
    walkthrough = json.loads((WALKTHROUGH / "walkthrough.json").read_text())
    steps = {s["id"]: s for s in walkthrough["steps"]}

    def test_a_good_solution_passes_under_gunicorn(self):
        step = self.steps["deploy-app"]
        self.assertEqual(v.verify_step(self.walkthrough, step, solution(step)), [])

    def test_every_step_kind_of_the_fixture_passes_with_its_solution(self):
        self.assertEqual({s["kind"] for s in self.walkthrough["steps"]}, {"script", "wsgi", "deploy"})
        out = io.StringIO()
        with contextlib.redirect_stdout(out), unittest.mock.patch.object(sys, "argv", ["verify_walkthroughs.py", str(FIXTURE)]):
            self.assertEqual(v.main(), 0)
        every = sum(len(json.loads(f.read_text())["steps"]) for f in (FIXTURE / "walkthroughs").glob("*/walkthrough.json"))
        self.assertIn(f"walkthroughs: {every} passed, 0 failed", out.getvalue())

    def test_a_broken_solution_is_named_by_walkthrough_step_and_check(self):
        step = self.steps["deploy-app"]
        files = solution(step)
        files["app.py"] = files["app.py"].replace("200 OK", "202 Accepted")
        failures = v.verify_step(self.walkthrough, step, files)
        self.assertEqual(failures, ["fixture-deploy / deploy-app / root-200 (responds 200 on /): got 202 Accepted, expected 200"])

    def test_a_failing_release_stops_the_deploy(self):
        step = self.steps["deploy-app"]
        files = solution(step)
        files["release.py"] = "raise SystemExit(1)\n"
        failures = v.verify_step(self.walkthrough, step, files)
        self.assertTrue(any("release-ok" in f for f in failures))
        self.assertTrue(any("root-200" in f and "no response" in f for f in failures))

    def test_the_web_command_is_bound_to_loopback(self):
        argv = v.gunicorn_argv("gunicorn -w 3 --bind 0.0.0.0:$PORT app:application", 8123)
        self.assertEqual(argv[1:], ["--bind", "127.0.0.1:8123", "--workers", "2", "--timeout", "20", "-w", "3", "app:application"])


if __name__ == "__main__":
    unittest.main()
