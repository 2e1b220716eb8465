"""The simulated platform: build log, release phase, web process and the errors a real platform gives."""

import os
import sys
import unittest

from support import DEPLOY_FILES, HELLO, NOT_404, deploy, run_step, wsgi  # noqa: E402
from waymark.paas import bind_is_public, parse_web_command  # noqa: E402


class DeployTest(unittest.TestCase):
    def test_a_good_deploy_builds_releases_starts_and_serves(self):
        files = dict(DEPLOY_FILES, **{
            "Procfile": "web: gunicorn --bind 0.0.0.0:$PORT app:application\nrelease: python release.py\n",
            "release.py": "print('schema ready')\n",
            "config-vars.env": "GREETING=hi\n",
        })
        result = deploy(files, checks=[
            {"type": "deployed", "name": "deployed"},
            {"type": "release-ok", "name": "release"},
            {"type": "procfile-process", "process": "web", "name": "web"},
            {"type": "requirement", "package": "gunicorn", "name": "req"},
            {"type": "file-exists", "file": ".python-version", "name": "pin"},
            {"type": "status", "expect": 200, "name": "200"},
        ])
        self.assertIsNone(result["error"])
        self.assertTrue(result["ok"], result["checks"])
        log = "\n".join(result["log"])
        self.assertIn("Using Python 3.14 (from .python-version)", log)
        self.assertIn("Procfile declares types -> release, web", log)
        self.assertIn("Config vars: GREETING", log)
        self.assertIn("State changed from starting to up", log)
        self.assertEqual(result["stdout"], "schema ready\n")

    def test_the_build_log_and_errors_follow_the_page_language(self):
        for lang in ("zh-cn", "zh-CN"):
            with self.subTest(lang):
                result = deploy(dict(DEPLOY_FILES, **{"requirements.txt": "requests\n"}), lang=lang)
                self.assertIn("检测到 Python 应用", "\n".join(result["log"]))
                self.assertIn("requirements.txt 里没有列出 gunicorn", result["error"]["message"])

    FAILURES = [
        ("no requirements file", {"requirements.txt": None}, "no-requirements", "No requirements.txt"),
        ("no Procfile", {"Procfile": None}, "no-procfile", "No Procfile"),
        ("no web process", {"Procfile": "worker: python worker.py\n"}, "no-web", "declares no web process"),
        ("a development server", {"Procfile": "web: python app.py\n"}, "unknown-web", "Development servers"),
        ("the server not installed", {"requirements.txt": "requests\n"}, "server-missing", "gunicorn: command not found"),
        ("a module that does not exist", {"Procfile": "web: gunicorn appp:application\n"}, "module-missing", "no appp.py"),
        ("a callable that does not exist", {"Procfile": "web: gunicorn app:app\n"}, "callable-missing", "has no attribute 'app'"),
        ("localhost binding", {"Procfile": "web: gunicorn --bind 127.0.0.1:8000 app:application\n"}, "bad-bind", "R10"),
        ("a fixed port", {"Procfile": "web: gunicorn -b 0.0.0.0:8000 app:application\n"}, "bad-bind", "listens on 0.0.0.0:8000"),
        ("an app that raises at import", {"app.py": "import nothing_here_at_all\n"}, "crashed", "crashed while starting"),
        ("a missing config var (KeyError)", {"app.py": "import os\nSECRET = os.environ['SECRET_KEY']\n" + HELLO}, "missing-config", "needs the config var SECRET_KEY"),
        ("a missing config var (own check)", {"app.py": "import os\nif not os.environ.get('DATABASE_URL'):\n    raise RuntimeError('DATABASE_URL is not set')\n" + HELLO}, "missing-config", "DATABASE_URL"),
        ("a failing release", {"Procfile": "web: gunicorn app:application\nrelease: python release.py\n", "release.py": "raise SystemExit(2)\n"}, "release-failed", "exit status 2"),
        ("a release file that is missing", {"Procfile": "web: gunicorn app:application\nrelease: python migrate.py\n"}, "release-missing", "migrate.py"),
        ("a release that is not python", {"Procfile": "web: gunicorn app:application\nrelease: alembic upgrade head\n"}, "release-unsupported", "python file.py"),
        ("a broken config line", {"config-vars.env": "just words\n"}, "config", "is not KEY=value"),
        ("a broken Procfile line", {"Procfile": "web gunicorn app:application\n"}, "procfile", "is not 'name: command'"),
    ]

    def test_realistic_failures_say_what_to_fix(self):
        for name, changes, kind, text in self.FAILURES:
            with self.subTest(name):
                files = dict(DEPLOY_FILES)
                for file, content in changes.items():
                    if content is None:
                        files.pop(file)
                    else:
                        files[file] = content
                result = deploy(files, checks=[{"type": "deployed", "name": "up"}])
                self.assertEqual(result["error"]["kind"], kind)
                self.assertIn(text, result["error"]["message"])
                self.assertFalse(result["ok"])

    def test_a_failing_release_shows_its_traceback_and_never_starts_the_app(self):
        files = dict(DEPLOY_FILES, **{"Procfile": "web: gunicorn app:application\nrelease: python release.py\n", "release.py": "import sqlite3\n\nsqlite3.connect('x.db').execute('CREAT TABLE t (a)')\n"})
        result = deploy(files, checks=[{"type": "deployed", "name": "up"}, {"type": "release-ok", "name": "rel"}])
        self.assertIn('File "release.py", line 3', result["stderr"])
        self.assertIn("sqlite3.OperationalError", result["stderr"])
        self.assertEqual([c["passed"] for c in result["checks"]], [False, False])
        self.assertEqual(result["exchanges"], [])

    def test_waitress_and_uwsgi_commands_are_understood(self):
        cases = [
            ("waitress-serve --port=$PORT app:application", "waitress", "app:application", True),
            ("waitress-serve app:application", "waitress", "app:application", False),
            ("waitress-serve --listen=0.0.0.0:$PORT app:application", "waitress", "app:application", True),
            ("uwsgi --http :$PORT --module app:application", "uwsgi", "app:application", True),
            ("uwsgi --http=:$PORT -w app --callable application", "uwsgi", "app:application", True),
            ("gunicorn -w 2 --bind=0.0.0.0:${PORT} app:application", "gunicorn", "app:application", True),
        ]
        for command, package, spec, public in cases:
            with self.subTest(command):
                web = parse_web_command(command, "en")
                self.assertEqual((web.package, web.app_spec, bind_is_public(web.bind)), (package, spec, public))


if __name__ == "__main__":
    unittest.main()
