"""Requests through wsgiref with the protocol checked, and the learner's code loaded and isolated."""

import os
import sys
import unittest

from support import DEPLOY_FILES, HELLO, NOT_404, deploy, run_step, wsgi  # noqa: E402
from waymark.wsgi_server import build_request  # noqa: E402


class BuildRequestTest(unittest.TestCase):
    def test_environ_holds_method_path_query_headers_and_body(self):
        environ, body, raw = build_request({"method": "post", "path": "/notes?tag=a&x=1", "headers": {"Content-Type": "application/json", "X-Trace": "7"}, "body": '{"a": 1}'})
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
        self.assertNotIn(os.sep + "waymark" + os.sep, problem)
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
        result = run_step({"kind": "script", "entry": "main.py", "checks": [{"type": "stdout-contains", "text": "x", "name": "n"}]}, {"main.py": "raise KeyboardInterrupt\n"})
        self.assertEqual(result["error"]["kind"], "interrupted")
        self.assertFalse(result["checks"][0]["passed"])
        self.assertFalse(result["ok"])


class ScriptTest(unittest.TestCase):
    def test_runs_as_main_and_reports_the_exit_status(self):
        result = run_step({"kind": "script", "entry": "main.py"}, {"main.py": "import sys\nif __name__ == '__main__':\n    print('hi')\n    sys.exit(3)\n"})
        self.assertEqual(result["stdout"], "hi\n")
        self.assertEqual(result["error"]["kind"], "exit")

    def test_an_exception_prints_a_learner_traceback(self):
        result = run_step({"kind": "script", "entry": "main.py"}, {"main.py": "x = 1\nraise ValueError('bad')\n"})
        self.assertIn('File "main.py", line 2, in <module>', result["stderr"])
        self.assertIn("ValueError: bad", result["stderr"])


if __name__ == "__main__":
    unittest.main()
