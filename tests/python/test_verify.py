"""The real-Gunicorn verification reports a broken reference solution by
walkthrough, step and check (needs Debian's gunicorn: scripts/ensure-gunicorn.sh)."""

import json
import sys
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

import verify_walkthroughs as v  # noqa: E402

WALKTHROUGH = ROOT / "content" / "walkthroughs" / "first-deploy"


def solution(step):
    return {name: (WALKTHROUGH / step["id"] / "solution" / name).read_text() for name in step["files"]}


class VerifyTest(unittest.TestCase):
    walkthrough = json.loads((WALKTHROUGH / "walkthrough.json").read_text())
    steps = {s["id"]: s for s in walkthrough["steps"]}

    def test_a_good_solution_passes_under_gunicorn(self):
        step = self.steps["deploy-requests"]
        self.assertEqual(v.verify_step(self.walkthrough, step, solution(step)), [])

    def test_a_broken_solution_is_named_by_walkthrough_step_and_check(self):
        step = self.steps["deploy-requests"]
        files = solution(step)
        files["app.py"] = files["app.py"].replace("303 See Other", "302 Found")
        failures = v.verify_step(self.walkthrough, step, files)
        self.assertEqual(failures, ["first-deploy / deploy-requests / post-redirects (POST /notes answers 303 See Other): got 302 Found, expected 303"])

    def test_a_failing_release_stops_the_deploy(self):
        step = self.steps["release-schema"]
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
