"""The app frame's server: releases kept running, one request at a time, PEP 3333 environs."""

import json
import unittest

from support import DEPLOY_FILES  # noqa: F401  (puts the harness on the path)
from waymark import app_server

APP = """\
import os, sqlite3
DB = os.path.join(os.getcwd(), "notes.db")
def application(environ, start_response):
    if environ["PATH_INFO"] == "/echo":
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length)
        seen = "|".join([environ["REQUEST_METHOD"], environ["HTTP_HOST"], environ["wsgi.url_scheme"], environ["SCRIPT_NAME"],
                         environ["PATH_INFO"], environ["QUERY_STRING"], environ.get("CONTENT_TYPE", ""), environ.get("HTTP_COOKIE", ""),
                         os.environ.get("GREETING", "")])
        start_response("200 OK", [("Content-Type", "text/plain"), ("Set-Cookie", "a=1; HttpOnly"), ("Set-Cookie", "b=2")])
        return [seen.encode(), b"\\n", body]
    if environ["PATH_INFO"] == "/add":
        with sqlite3.connect(DB) as db:
            db.execute("create table if not exists n (t text)")
            db.execute("insert into n values ('x')")
            count = db.execute("select count(*) from n").fetchone()[0]
        start_response("200 OK", [("Content-Type", "text/plain")])
        return [str(count).encode()]
    if environ["PATH_INFO"] == "/boom":
        raise RuntimeError("boom")
    start_response("303 See Other", [("Location", "/echo")])
    return [b""]
"""

FILES = {
    "app.py": APP,
    "requirements.txt": "gunicorn==26.1.0\n",
    "Procfile": "web: gunicorn app:application\n",
    "config-vars.env": "GREETING=hi\n",
}


def release(number=1, files=None, step="w/s"):
    return {"step": step, "number": number, "spec": {"kind": "deploy"}, "files": files or FILES}


def request(method="GET", target="/", headers=None):
    return {"method": method, "host": "notes-r1.app.test", "target": target, "headers": headers or []}


class ServeTest(unittest.TestCase):
    def tearDown(self):
        for r in list(app_server._releases.values()):
            app_server._shut_down(r)
        app_server._releases.clear()

    def test_the_environ_is_pep_3333_with_the_virtual_host_and_https(self):
        body = b"t=h%C3%A9"
        out = app_server.serve(release(), request("POST", "/echo?x=1", [["Content-Type", "application/x-www-form-urlencoded"], ["Cookie", "a=1"]]), body, "en")
        self.assertEqual(out["status"], 200)
        first, _, echoed = out["body"].partition(b"\n")
        self.assertEqual(first.decode(), "POST|notes-r1.app.test|https||/echo|x=1|application/x-www-form-urlencoded|a=1|hi")
        self.assertEqual(echoed, body)

    def test_every_set_cookie_header_is_kept_in_order(self):
        out = app_server.serve(release(), request(target="/echo"), b"", "en")
        self.assertEqual([v for k, v in out["headers"] if k == "Set-Cookie"], ["a=1; HttpOnly", "b=2"])

    def test_redirects_are_returned_not_followed(self):
        out = app_server.serve(release(), request(target="/"), b"", "en")
        self.assertEqual(out["status"], 303)
        self.assertIn(["Location", "/echo"], out["headers"])

    def test_the_release_keeps_its_files_between_requests(self):
        counts = [app_server.serve(release(), request(target="/add"), b"", "en")["body"] for _ in range(3)]
        self.assertEqual(counts, [b"1", b"2", b"3"])

    def test_a_new_release_replaces_the_old_one_with_a_fresh_directory(self):
        app_server.serve(release(1), request(target="/add"), b"", "en")
        self.assertEqual(app_server.serve(release(2), request(target="/add"), b"", "en")["body"], b"1")

    def test_an_app_exception_is_a_500_with_the_problem_explained(self):
        out = app_server.serve(release(), request(target="/boom"), b"", "en")
        self.assertEqual(out["status"], 500)
        self.assertIn("RuntimeError", out["problem"])

    def test_a_broken_procfile_gets_the_router_error_page_in_the_learner_language(self):
        files = dict(FILES, Procfile="web gunicorn app:application\n")
        for lang, title in (("en", "Application error"), ("zh-CN", "应用出错")):
            with self.subTest(lang):
                out = app_server.serve(release(files=files), request(), b"", lang)
                self.assertEqual(out["status"], 503)
                page = out["body"].decode()
                self.assertIn(title, page)
                self.assertIn("Procfile", page)

    def test_a_container_release_runs_the_images_command_with_its_config_vars_and_port(self):
        from test_container import PROJECT

        spec = {"step": "c/s", "number": 1, "spec": {"kind": "container"}, "files": PROJECT}
        out = app_server.serve(spec, request(), b"", "en")
        self.assertEqual((out["status"], out["body"]), (200, b"path=/ port=8080"))
        # The image leaves .env out; the platform's config var is what the app sees.
        self.assertEqual(app_server._releases["c/s"].env.get("SECRET_KEY"), "from-the-platform")

    def test_a_container_that_the_reviewer_refuses_gets_the_router_error_page(self):
        from test_container import PROJECT

        files = dict(PROJECT, Dockerfile=PROJECT["Dockerfile"].replace("USER app\n", ""))
        out = app_server.serve({"step": "c/s", "number": 1, "spec": {"kind": "container"}, "files": files}, request(), b"", "en")
        self.assertEqual(out["status"], 503)
        self.assertIn("root", out["body"].decode())

    def test_json_entry_round_trips_bodies_in_base64(self):
        out = json.loads(app_server.serve_json(json.dumps(release()), json.dumps(request("POST", "/echo")), "/w==", "en"))
        self.assertEqual(out["status"], 200)
        import base64
        self.assertTrue(base64.b64decode(out["body"]).endswith(b"\xff"))


if __name__ == "__main__":
    unittest.main()
