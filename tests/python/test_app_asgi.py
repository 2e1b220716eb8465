"""An ASGI step's release in the app frame: lifespan startup once, one
``http`` scope per request on the release's https origin, the body in
parts, lifespan shutdown when the release is replaced, and the router's
error page for an app whose startup failed."""

import json
import os
import tempfile
import unittest

from support import DEPLOY_FILES  # noqa: F401  (puts the harness on the path)
from waymark import app_server

APP = """\
import json, os

STARTS = []


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            event = await receive()
            if event["type"] == "lifespan.startup":
                STARTS.append(1)
                scope["state"]["pool"] = "opened"
                await send({"type": "lifespan.startup.complete"})
            elif event["type"] == "lifespan.shutdown":
                with open(os.environ["SHUTDOWN_LOG"], "a") as log:
                    log.write("shutdown\\n")
                await send({"type": "lifespan.shutdown.complete"})
                return
    parts = []
    while True:
        event = await receive()
        parts.append(event.get("body", b""))
        if not event.get("more_body"):
            break
    state = scope["state"]
    seen = {
        "starts": len(STARTS), "pool": state.get("pool"), "leaked": state.get("leaked"),
        "method": scope["method"], "scheme": scope["scheme"], "path": scope["path"], "raw_path": scope["raw_path"].decode(),
        "query": scope["query_string"].decode(), "server": list(scope["server"]), "parts": len(parts),
        "body": b"".join(parts).decode(), "headers": [[k.decode(), v.decode()] for k, v in scope["headers"]],
    }
    state["leaked"] = "yes"  # a shallow copy per request: the next one must not see this
    body = json.dumps(seen).encode()
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json"), (b"set-cookie", b"a=1")]})
    await send({"type": "http.response.body", "body": body})
"""

NO_LIFESPAN = """\
async def app(scope, receive, send):
    assert scope["type"] == "http"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"hello"})
"""

FAILS_STARTUP = """\
async def app(scope, receive, send):
    await receive()
    await send({"type": "lifespan.startup.failed", "message": "no database"})
"""

NEVER_ENDS = """\
async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        raise RuntimeError("no lifespan here")
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": b"half", "more_body": True})
"""


def release(source, number=1, env=None):
    return {"step": "q/asgi-app", "number": number, "spec": {"kind": "asgi", "entry": "app:app", "env": env or {}}, "files": {"app.py": source}}


def request(method="GET", target="/", headers=None):
    return {"method": method, "host": "asgi-app-r1.app.test", "target": target, "headers": headers or []}


class AsgiReleaseTest(unittest.TestCase):
    def setUp(self):
        handle, self.shutdown_log = tempfile.mkstemp()
        os.close(handle)
        self.env = {"SHUTDOWN_LOG": self.shutdown_log}

    def tearDown(self):
        for r in list(app_server._releases.values()):
            app_server._shut_down(r)
        app_server._releases.clear()
        os.remove(self.shutdown_log)

    def serve(self, source, req, body=b"", number=1, lang="en"):
        return app_server.serve(release(source, number, self.env), req, body, lang)

    def test_lifespan_startup_runs_once_and_each_request_gets_a_copy_of_its_state(self):
        outs = [json.loads(self.serve(APP, request(target=f"/n{i}"))["body"]) for i in range(3)]
        self.assertEqual([o["starts"] for o in outs], [1, 1, 1])
        self.assertEqual([o["pool"] for o in outs], ["opened"] * 3)
        self.assertEqual([o["leaked"] for o in outs], [None, None, None])

    def test_the_scope_is_the_releases_https_origin_with_the_host_header_first(self):
        out = self.serve(APP, request("POST", "/a%20b?x=1", [["Content-Type", "text/plain"], ["Cookie", "s=1"], ["Host", "evil.test"]]), b"hello world")
        seen = json.loads(out["body"])
        self.assertEqual((seen["method"], seen["scheme"], seen["path"], seen["raw_path"], seen["query"]), ("POST", "https", "/a b", "/a%20b", "x=1"))
        self.assertEqual(seen["server"], ["asgi-app-r1.app.test", 443])
        self.assertEqual(
            seen["headers"], [["host", "asgi-app-r1.app.test"], ["content-type", "text/plain"], ["cookie", "s=1"], ["content-length", "11"]]
        )

    def test_the_body_arrives_in_two_http_request_messages_and_the_response_keeps_its_headers(self):
        out = self.serve(APP, request("POST", "/echo"), b"email=ada%40example.test")
        seen = json.loads(out["body"])
        self.assertEqual((seen["parts"], seen["body"]), (2, "email=ada%40example.test"))
        self.assertEqual((out["status"], out["reason"]), (200, "OK"))
        self.assertEqual(out["headers"], [["content-type", "application/json"], ["set-cookie", "a=1"]])

    def test_a_new_release_shuts_the_old_one_down_through_lifespan(self):
        self.serve(APP, request())
        with open(self.shutdown_log) as log:
            self.assertEqual(log.read(), "")
        self.serve(APP, request(), number=2)
        with open(self.shutdown_log) as log:
            self.assertEqual(log.read(), "shutdown\n")

    def test_an_app_without_lifespan_is_served_without_it(self):
        out = self.serve(NO_LIFESPAN, request())
        self.assertEqual((out["status"], out["body"]), (200, b"hello"))

    def test_a_failed_startup_gets_the_router_error_page_with_the_apps_message(self):
        for lang, title in (("en", "Application error"), ("zh-CN", "应用出错")):
            with self.subTest(lang):
                out = self.serve(FAILS_STARTUP, request(), lang=lang)
                self.assertEqual(out["status"], 503)
                page = out["body"].decode()
                self.assertIn(title, page)
                self.assertIn("no database", page)

    def test_a_response_left_incomplete_is_a_500_with_the_problem_explained(self):
        out = self.serve(NEVER_ENDS, request())
        self.assertEqual(out["status"], 500)
        self.assertIn("more_body", out["problem"])

    def test_a_step_kind_that_serves_no_app_is_refused_clearly(self):
        with self.assertRaisesRegex(ValueError, "'script' serves no app"):
            app_server.serve({"step": "s/s", "number": 1, "spec": {"kind": "script"}, "files": {}}, request(), b"", "en")


if __name__ == "__main__":
    unittest.main()
