"""The platform's worker process: run until it sleeps (idle), exits or
crashes, in its own module namespace, with state only in files."""

import os
import subprocess
import sys
import tempfile
import unittest

from support import DEPLOY_FILES, run_step

QUEUE = '''
import contextlib, sqlite3

def connect():
    conn = sqlite3.connect("q.db")
    conn.execute("CREATE TABLE IF NOT EXISTS q (id INTEGER PRIMARY KEY, done INTEGER NOT NULL DEFAULT 0)")
    return conn

def application(environ, start_response):
    with contextlib.closing(connect()) as conn:
        with conn:
            if environ["REQUEST_METHOD"] == "POST":
                conn.execute("INSERT INTO q DEFAULT VALUES")
        done = conn.execute("SELECT COUNT(*) FROM q WHERE done = 1").fetchone()[0]
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [f"done={done}".encode()]
'''

WORKER = '''
import contextlib, time
from app import connect

while True:
    with contextlib.closing(connect()) as conn:
        with conn:
            row = conn.execute("SELECT id FROM q WHERE done = 0 LIMIT 1").fetchone()
            if row:
                conn.execute("UPDATE q SET done = 1 WHERE id = ?", row)
    if row is None:
        time.sleep(1)
'''

REQUESTS = [{"method": "POST", "path": "/"}, {"method": "POST", "path": "/"}, {"path": "/", "afterWorker": True}]
CHECKS = [{"id": "idle", "name": "idle", "type": "worker-idle"}, {"id": "body", "name": "body", "type": "body-contains", "request": 2, "text": "done=2"}]


def project(worker=WORKER, procfile="web: gunicorn app:application\nworker: python worker.py\n"):
    return {**DEPLOY_FILES, "app.py": QUEUE, "worker.py": worker, "Procfile": procfile}


class RunUntilIdle(unittest.TestCase):
    def test_the_worker_drains_the_queue_before_the_marked_request(self):
        result = run_step({"kind": "deploy", "requests": REQUESTS, "checks": CHECKS}, project())
        self.assertTrue(result["ok"], result["checks"])
        self.assertTrue(any("worker.1" in line and "idle" in line for line in result["log"]))

    def test_no_worker_line_means_the_jobs_wait(self):
        result = run_step({"kind": "deploy", "requests": REQUESTS, "checks": CHECKS}, project(procfile="web: gunicorn app:application\n"))
        failed = {c["id"]: c["reason"] for c in result["checks"] if not c["passed"]}
        self.assertIn("worker: line", failed["idle"])
        self.assertIn("body", failed)

    def test_a_crash_and_an_exit_are_reported_in_the_learners_language(self):
        for source, word in (("raise ValueError('bad job')\n", "崩溃"), ("print('done')\n", "退出")):
            with self.subTest(word):
                result = run_step({"kind": "deploy", "requests": REQUESTS, "checks": CHECKS}, project(worker=source), "zh-cn")
                self.assertIn(word, next(c["reason"] for c in result["checks"] if c["id"] == "idle"))

    def test_only_python_files_run_as_workers(self):
        result = run_step({"kind": "deploy", "requests": REQUESTS, "checks": CHECKS}, project(procfile="web: gunicorn app:application\nworker: celery -A app worker\n"))
        self.assertEqual(result["error"]["kind"], "worker-unsupported")


class RealProcess(unittest.TestCase):
    def test_the_cpython_entry_point_notes_each_sleep(self):
        with tempfile.TemporaryDirectory() as workdir:
            with open(os.path.join(workdir, "worker.py"), "w") as handle:
                handle.write("import time\nfor _ in range(3):\n    time.sleep(0)\n")
            idle = os.path.join(workdir, "idle")
            harness = os.path.join(os.path.dirname(__file__), "..", "..", "src", "runtime", "python")
            subprocess.run([sys.executable, "-m", "waymark.worker_process", "worker.py", idle], cwd=workdir, env={**os.environ, "PYTHONPATH": harness}, check=True, timeout=30)
            with open(idle, "rb") as handle:
                self.assertEqual(handle.read(), b"...")


if __name__ == "__main__":
    unittest.main()
