"""Checks declared as data or as Python, failing in the learner's language."""

import os
import sys
import unittest

from support import DEPLOY_FILES, HELLO, NOT_404, deploy, run_step, wsgi  # noqa: E402
from waymark.checks import CHECK_TYPES, EVALUATORS, message_problems, parameter_problems  # noqa: E402


class ChecksTest(unittest.TestCase):
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
        self.assertEqual(message_problems(good), [])
        for code in ("assert x, 'plain'", "assert x, f'{x}'", "assert x", "assert x, msg('other')", "assert x, msg(key)", "assert x, print('not-404')"):
            with self.subTest(code):
                self.assertEqual(len(message_problems({"code": code, "messages": NOT_404})), 1)
        half = {"code": "assert x, msg('m')", "messages": {"m": {"en": "only English"}}}
        self.assertEqual(message_problems(half), ["message 'm' has no text in zh-cn"])

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

    def test_every_declared_check_type_has_an_evaluator_and_no_other(self):
        self.assertEqual(set(CHECK_TYPES), set(EVALUATORS))

    def test_a_check_that_departs_from_its_declared_parameters_reports_itself(self):
        cases = [
            ({"type": "status"}, ["expect is required"]),
            ({"type": "status", "expect": "200"}, ["expect must be integer"]),
            ({"type": "status", "expect": 200, "request": -1}, ["request must be index"]),
            ({"type": "header", "header": "ETag", "contans": "x"}, ["contans is not a parameter of header"]),
            ({"type": "teapot"}, ["unknown check type 'teapot'"]),
            ({"type": "deployed"}, []),
        ]
        for check, expected in cases:
            with self.subTest(check):
                self.assertEqual(parameter_problems(check), expected)
        result = deploy(DEPLOY_FILES, checks=[{"type": "status", "name": "n"}])
        self.assertFalse(result["checks"][0]["passed"])
        self.assertIn("expect is required", result["checks"][0]["reason"])


if __name__ == "__main__":
    unittest.main()


if __name__ == "__main__":
    unittest.main()
