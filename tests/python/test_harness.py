"""Unit tests for the walkthrough harness, run under CPython:
    python3 -m unittest discover -s tests/python
The same module runs in the browser under Pyodide."""

import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src", "runtime", "python"))

import waymark_harness as h  # noqa: E402

HELLO = """\
def application(environ, start_response):
    body = ("path=" + environ["PATH_INFO"] + " q=" + environ["QUERY_STRING"]).encode()
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [body]
"""

DEPLOY_FILES = {
    "app.py": HELLO,
    "requirements.txt": "gunicorn==27.0.1\n",
    "Procfile": "web: gunicorn app:application\n",
    ".python-version": "3.14\n",
}

NOT_404 = {"not-404": {"en": "expected a 404, got {got}", "zh-cn": "应返回 404，实际是 {got}"}}


def wsgi(app_source, requests=None, checks=None, lang="en", entry="app:application"):
    return h.run_step({"kind": "wsgi", "entry": entry, "requests": requests or [{"path": "/"}], "checks": checks or []}, {"app.py": app_source}, lang)


def deploy(files, requests=None, checks=None, lang="en"):
    return h.run_step({"kind": "deploy", "requests": requests or [{"path": "/"}], "checks": checks or []}, files, lang)


class Pbkdf2Test(unittest.TestCase):
    def test_the_fallback_matches_openssl(self):
        import hashlib
        for name, password, salt, rounds, length in [("sha256", b"pw", b"salt", 1000, None), ("sha1", b"x" * 100, b"s", 3, 50), ("sha512", b"", b"salt", 10, 20)]:
            with self.subTest(name):
                self.assertEqual(h._pbkdf2_hmac(name, password, salt, rounds, length), hashlib.pbkdf2_hmac(name, password, salt, rounds, length))


class BuildRequestTest(unittest.TestCase):
    def test_environ_holds_method_path_query_headers_and_body(self):
        environ, body, raw = h.build_request({"method": "post", "path": "/notes?tag=a&x=1", "headers": {"Content-Type": "application/json", "X-Trace": "7"}, "body": '{"a": 1}'})
        self.assertEqual(environ["REQUEST_METHOD"], "POST")
        self.assertEqual(environ["PATH_INFO"], "/notes")
        self.assertEqual(environ["QUERY_STRING"], "tag=a&x=1")
        self.assertEqual(environ["CONTENT_TYPE"], "application/json")
        self.assertEqual(environ["CONTENT_LENGTH"], "8")
        self.assertEqual(environ["HTTP_X_TRACE"], "7")
        self.assertEqual(body, b'{"a": 1}')
        self.assertTrue(raw.startswith("POST /notes?tag=a&x=1 HTTP/1.1\r\nHost: app.example.test\r\n"))
        self.assertTrue(raw.endswith('\r\n\r\n{"a": 1}'))


class WsgiTest(unittest.TestCase):
    def test_a_good_app_answers_with_a_raw_http_response(self):
        result = wsgi(HELLO, [{"path": "/a?b=c"}], [{"id": "ok", "name": {"en": "responds 200", "zh-cn": "返回 200"}, "type": "status", "expect": 200}])
        exchange = result["exchanges"][0]
        self.assertTrue(exchange["response"].startswith("HTTP/1.1 200 OK\r\n"))
        self.assertIn("Content-Length: 13", exchange["response"])
        self.assertTrue(exchange["response"].endswith("path=/a q=b=c"))
        self.assertEqual(result["checks"], [{"id": "ok", "name": "responds 200", "passed": True, "reason": ""}])
        self.assertTrue(result["ok"])

    def test_the_app_reads_the_request_body(self):
        app = "def application(e, s):\n    n = int(e.get('CONTENT_LENGTH') or 0)\n    data = e['wsgi.input'].read(n)\n    s('200 OK', [])\n    return [data.upper()]\n"
        result = wsgi(app, [{"method": "POST", "path": "/", "body": "hi"}])
        self.assertTrue(result["exchanges"][0]["response"].endswith("HI"))

    PROTOCOL_MISTAKES = [
        ("no start_response", "def application(e, s):\n    return [b'x']\n", "without calling start_response"),
        ("status as a number", "def application(e, s):\n    s(200, [])\n    return [b'x']\n", "must be a string such as '200 OK', not int 200"),
        ("malformed status", "def application(e, s):\n    s('OK', [])\n    return [b'x']\n", "is malformed"),
        ("headers as a dict", "def application(e, s):\n    s('200 OK', {'A': 'b'})\n    return [b'x']\n", "must be a list of (name, value) tuples"),
        ("a header that is not a pair", "def application(e, s):\n    s('200 OK', [('A',)])\n    return [b'x']\n", "is not a (name, value) pair"),
        ("a str body", "def application(e, s):\n    s('200 OK', [])\n    return 'hello'\n", "returned a str"),
        ("a str item", "def application(e, s):\n    s('200 OK', [])\n    return ['hello']\n", "body contained a str item"),
        ("None", "def application(e, s):\n    s('200 OK', [])\n", "returned None"),
        ("a hop-by-hop header", "def application(e, s):\n    s('200 OK', [('Connection', 'close')])\n    return [b'x']\n", "hop-by-hop header 'Connection'"),
    ]

    def test_protocol_mistakes_are_explained_and_answered_with_500(self):
        for name, source, explanation in self.PROTOCOL_MISTAKES:
            with self.subTest(name):
                exchange = wsgi(source)["exchanges"][0]
                self.assertEqual(exchange["status"], 500)
                self.assertIn(explanation, exchange["problem"])

    def test_explanations_follow_the_page_language(self):
        exchange = wsgi("def application(e, s):\n    s('200 OK', [])\n    return 'hello'\n", lang="zh-cn")["exchanges"][0]
        self.assertIn("应用返回了 str", exchange["problem"])

    def test_an_exception_points_at_the_learners_file_and_line(self):
        app = "def helper():\n    return 1 / 0\n\n\ndef application(e, s):\n    helper()\n"
        problem = wsgi(app)["exchanges"][0]["problem"]
        self.assertIn("raised ZeroDivisionError", problem)
        self.assertIn('File "app.py", line 6, in application', problem)
        self.assertIn('File "app.py", line 2, in helper', problem)
        self.assertNotIn("waymark_harness", problem)
        self.assertNotIn("wsgiref", problem)
        self.assertNotIn("wm-run-", problem)

    def test_a_syntax_error_names_the_file_and_line(self):
        result = wsgi("def application(e, s):\n    return [b'x'\n")
        self.assertEqual(result["error"]["kind"], "syntax")
        self.assertIn('File "app.py", line 2', result["error"]["traceback"])
        self.assertNotIn("wm-run-", result["error"]["traceback"])

    def test_a_missing_callable_is_named(self):
        result = wsgi(HELLO, entry="app:app")
        self.assertEqual(result["error"]["kind"], "callable-missing")
        self.assertIn("app.py has no attribute 'app'", result["error"]["message"])

    def test_prints_are_captured(self):
        result = wsgi("print('loading')\n" + HELLO)
        self.assertEqual(result["stdout"], "loading\n")


class IsolationTest(unittest.TestCase):
    def test_module_state_and_files_do_not_leak_between_runs(self):
        app = (
            "import os\nCOUNT = [0]\n"
            "def application(e, s):\n"
            "    COUNT[0] += 1\n"
            "    existed = os.path.exists('left-behind.txt')\n"
            "    open('left-behind.txt', 'w').write('x')\n"
            "    s('200 OK', [])\n"
            "    return [f'{COUNT[0]} {existed}'.encode()]\n"
        )
        for _ in range(2):
            body = wsgi(app)["exchanges"][0]["response"].split("\r\n\r\n", 1)[1]
            self.assertEqual(body, "1 False")
        self.assertNotIn("app", sys.modules)

    def test_environment_and_working_directory_are_restored(self):
        cwd, path = os.getcwd(), list(sys.path)
        deploy(dict(DEPLOY_FILES, **{"config-vars.env": "SECRET_KEY=s3cret\n"}))
        self.assertNotIn("SECRET_KEY", os.environ)
        self.assertEqual(os.getcwd(), cwd)
        self.assertEqual(sys.path, path)

    def test_an_interrupt_stops_the_run_and_is_reported(self):
        result = h.run_step({"kind": "script", "entry": "main.py", "checks": [{"type": "stdout-contains", "text": "x", "name": "n"}]}, {"main.py": "raise KeyboardInterrupt\n"})
        self.assertEqual(result["error"]["kind"], "interrupted")
        self.assertFalse(result["checks"][0]["passed"])
        self.assertFalse(result["ok"])


class ScriptTest(unittest.TestCase):
    def test_runs_as_main_and_reports_the_exit_status(self):
        result = h.run_step({"kind": "script", "entry": "main.py"}, {"main.py": "import sys\nif __name__ == '__main__':\n    print('hi')\n    sys.exit(3)\n"})
        self.assertEqual(result["stdout"], "hi\n")
        self.assertEqual(result["error"]["kind"], "exit")

    def test_an_exception_prints_a_learner_traceback(self):
        result = h.run_step({"kind": "script", "entry": "main.py"}, {"main.py": "x = 1\nraise ValueError('bad')\n"})
        self.assertIn('File "main.py", line 2, in <module>', result["stderr"])
        self.assertIn("ValueError: bad", result["stderr"])


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
                web = h.parse_web_command(command, "en")
                self.assertEqual((web.package, web.app_spec, h.bind_is_public(web.bind)), (package, spec, public))

    def test_checks_report_reasons(self):
        result = deploy(DEPLOY_FILES, requests=[{"path": "/missing"}], checks=[
            {"type": "status", "expect": 404, "name": "404"},
            {"type": "header", "header": "Content-Type", "contains": "text/html", "name": "html"},
            {"type": "body-contains", "text": "Nothing", "name": "body"},
            {"type": "python", "code": "assert responses[0]['status'] == 404, msg('not-404', got=responses[0]['status'])", "name": "py", "messages": NOT_404},
            {"type": "python", "code": "raise ValueError('oops')", "name": "broken"},
        ])
        reasons = [c["reason"] for c in result["checks"]]
        self.assertEqual(reasons[0], "got 200 OK, expected 404")
        self.assertEqual(reasons[1], "Content-Type is 'text/plain; charset=utf-8', expected it to contain 'text/html'")
        self.assertEqual(reasons[2], "the response body does not contain 'Nothing'")
        self.assertEqual(reasons[3], "expected a 404, got 200")
        self.assertEqual(reasons[4], "the check itself failed: ValueError: oops")

    def test_a_python_check_fails_in_the_learners_language(self):
        check = {"type": "python", "code": "assert False, msg('not-404', got=200)", "name": {"en": "py", "zh-cn": "py"}, "messages": NOT_404}
        for lang, expected in (("en", "expected a 404, got 200"), ("zh-CN", "应返回 404，实际是 200")):
            with self.subTest(lang):
                result = deploy(DEPLOY_FILES, checks=[check], lang=lang)
                self.assertEqual(result["checks"][0]["reason"], expected)

    def test_an_undeclared_or_plain_failure_message_is_reported_not_shown(self):
        for code in ("assert False, 'plain English'", "assert False, msg('nowhere')", "assert False"):
            with self.subTest(code):
                result = deploy(DEPLOY_FILES, checks=[{"type": "python", "code": code, "name": "py", "messages": NOT_404}], lang="zh-cn")
                check = result["checks"][0]
                self.assertFalse(check["passed"])
                self.assertIn("不在它声明的 messages 里", check["reason"])
                self.assertNotIn("plain English", check["reason"].replace("'plain English'", ""))

    def test_message_problems_reads_every_assert_of_a_check(self):
        good = {"code": "x = 1\nassert x, msg('not-404', got=x)\n", "messages": NOT_404}
        self.assertEqual(h.message_problems(good), [])
        for code in ("assert x, 'plain'", "assert x, f'{x}'", "assert x", "assert x, msg('other')", "assert x, msg(key)", "assert x, print('not-404')"):
            with self.subTest(code):
                self.assertEqual(len(h.message_problems({"code": code, "messages": NOT_404})), 1)
        half = {"code": "assert x, msg('m')", "messages": {"m": {"en": "only English"}}}
        self.assertEqual(h.message_problems(half), ["message 'm' has no text in zh-cn"])

    def test_a_message_with_a_missing_placeholder_value_reports_the_check_as_broken(self):
        result = deploy(DEPLOY_FILES, checks=[{"type": "python", "code": "assert False, msg('not-404')", "name": "py", "messages": NOT_404}])
        self.assertFalse(result["checks"][0]["passed"])
        self.assertIn("the check itself failed: KeyError", result["checks"][0]["reason"])

    def test_python_checks_see_the_files_the_release_wrote(self):
        files = dict(DEPLOY_FILES, **{
            "Procfile": "web: gunicorn app:application\nrelease: python release.py\n",
            "release.py": "import sqlite3\nc = sqlite3.connect('app.db')\nc.execute('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)')\nc.commit()\n",
        })
        code = "import contextlib, sqlite3\nwith contextlib.closing(sqlite3.connect('app.db')) as db:\n    names = [r[0] for r in db.execute(\"SELECT name FROM sqlite_master\")]\nassert 'notes' in names, msg('no-table')\n"
        result = deploy(files, checks=[{"type": "python", "code": code, "name": "schema", "messages": {"no-table": {"en": "no notes table", "zh-cn": "没有 notes 表"}}}])
        self.assertTrue(result["checks"][0]["passed"], result["checks"])


if __name__ == "__main__":
    unittest.main()
