"""What the harness tests share: a small WSGI app, a deployable project and
shortcuts that run one step through ``waymark.run``."""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src", "runtime", "python"))

from waymark.run import run_step  # noqa: E402

HELLO = """\
def application(environ, start_response):
    body = ("path=" + environ["PATH_INFO"] + " q=" + environ["QUERY_STRING"]).encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body]
"""

DEPLOY_FILES = {
    "app.py": HELLO,
    "requirements.txt": "gunicorn==26.1.0\n",
    "Procfile": "web: gunicorn app:application\n",
    ".python-version": "3.14\n",
}

NOT_404 = {"not-404": {"en": "expected a 404, got {got}", "zh-cn": "应返回 404，实际是 {got}"}}


def wsgi(app_source, requests=None, checks=None, lang="en", entry="app:application"):
    return run_step({"kind": "wsgi", "entry": entry, "requests": requests or [{"path": "/"}], "checks": checks or []}, {"app.py": app_source}, lang)


def deploy(files, requests=None, checks=None, lang="en"):
    return run_step({"kind": "deploy", "requests": requests or [{"path": "/"}], "checks": checks or []}, files, lang)
