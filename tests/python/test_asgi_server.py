"""The in-memory ASGI server: scope, body in parts, lifespan, and the
protocol mistakes it explains."""

import os
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "src", "runtime", "python"))

from waymark import asgi_server  # noqa: E402
from waymark.asgi_lifespan import Lifespan  # noqa: E402
from support import run_step  # noqa: E402

ECHO = '''
async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                scope["state"]["ready"] = "yes"
                await send({"type": "lifespan.startup.complete"})
            else:
                await send({"type": "lifespan.shutdown.complete"})
                return
    body = b""
    while True:
        message = await receive()
        body += message.get("body", b"")
        if not message.get("more_body"):
            break
    text = f"{scope['method']} {scope['path']} q={scope['query_string'].decode()} state={scope.get('state', {}).get('ready')} body={body.decode()}"
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": text.encode()})
'''


def asgi(source, requests, lang="en"):
    return run_step({"kind": "asgi", "entry": "app:app", "requests": requests, "checks": [{"id": "ok", "name": "ok", "type": "status", "expect": 200}]}, {"app.py": source}, lang)


class ScopeAndBody(unittest.TestCase):
    def test_scope_state_and_a_body_in_two_parts(self):
        result = asgi(ECHO, [{"method": "POST", "path": "/a%20b?x=1", "body": "hello world"}])
        response = result["exchanges"][0]["response"]
        self.assertIn("POST /a b q=x=1 state=yes body=hello world", response)
        self.assertIn("transfer-encoding: chunked", response)
        self.assertTrue(result["ok"], result)

    def test_body_messages_split_longer_bodies(self):
        parts = asgi_server.body_messages(b"abcdef")
        self.assertEqual([p["body"] for p in parts], [b"abc", b"def"])
        self.assertEqual([p["more_body"] for p in parts], [True, False])
        self.assertEqual(asgi_server.body_messages(b"")[0]["more_body"], False)

    def test_http_scope_follows_the_spec(self):
        scope = asgi_server.http_scope("get", "/p?q=1", [("Host", "h")])
        self.assertEqual((scope["type"], scope["method"], scope["raw_path"], scope["query_string"]), ("http", "GET", b"/p", b"q=1"))
        self.assertEqual(scope["headers"], [(b"host", b"h")])
        self.assertEqual(scope["asgi"]["version"], "3.0")


class Mistakes(unittest.TestCase):
    CASES = [
        ("body before start", 'await send({"type": "http.response.body", "body": b"x"})', "before http.response.start"),
        ("str body", 'await send({"type": "http.response.start", "status": 200}); await send({"type": "http.response.body", "body": "x"})', "must be bytes"),
        ("status as text", 'await send({"type": "http.response.start", "status": "200 OK"})', "integer status"),
        ("str headers", 'await send({"type": "http.response.start", "status": 200, "headers": [("a", "b")]})', "pair of bytes"),
        ("no response", "return", "without sending http.response.start"),
        ("incomplete", 'await send({"type": "http.response.start", "status": 200}); await send({"type": "http.response.body", "body": b"x", "more_body": True})', "before the response was complete"),
        ("raises", "raise ValueError('boom')", "raised ValueError"),
    ]

    def test_each_mistake_is_explained_and_answered_500(self):
        for name, line, expected in self.CASES:
            with self.subTest(name):
                source = f"async def app(scope, receive, send):\n    if scope['type'] == 'lifespan':\n        raise RuntimeError('no lifespan')\n    {line}\n"
                exchange = asgi(source, [{"path": "/"}])["exchanges"][0]
                self.assertIn(expected, exchange["problem"])
                if name != "str body":
                    self.assertEqual(exchange["status"], 500)

    def test_explanations_follow_the_page_language(self):
        source = "async def app(scope, receive, send):\n    assert scope['type'] == 'http'\n    await send({'type': 'http.response.body', 'body': b'x'})\n"
        exchange = asgi(source, [{"path": "/"}], "zh-cn")["exchanges"][0]
        self.assertIn("之前就发送了", exchange["problem"])


class LifespanProtocol(unittest.TestCase):
    def run_lifespan(self, source):
        with tempfile.TemporaryDirectory() as workdir:
            namespace: dict = {}
            exec(compile(source, "app.py", "exec"), namespace)
            lifespan = Lifespan(namespace["app"], "en")
            lifespan.startup()
            return lifespan

    def test_complete_then_shutdown(self):
        lifespan = self.run_lifespan(ECHO)
        self.assertEqual((lifespan.result, lifespan.state), ("complete", {"ready": "yes"}))
        self.assertEqual(lifespan.shutdown(), "")

    def test_an_app_that_raises_on_lifespan_is_served_without_it(self):
        lifespan = self.run_lifespan("async def app(scope, receive, send):\n    assert scope['type'] == 'http'\n")
        self.assertEqual(lifespan.result, "unsupported")

    def test_startup_failed_stops_the_server(self):
        source = "async def app(scope, receive, send):\n    await receive()\n    await send({'type': 'lifespan.startup.failed', 'message': 'no database'})\n"
        self.assertEqual((self.run_lifespan(source).result, self.run_lifespan(source).detail), ("failed", "no database"))
        result = asgi(source, [{"path": "/"}])
        self.assertEqual(result["error"]["kind"], "lifespan-failed")
        self.assertEqual(result["exchanges"], [])

    def test_an_app_awaiting_a_timer_is_told_why_it_cannot_run_here(self):
        source = "import asyncio\nasync def app(scope, receive, send):\n    await asyncio.sleep(1)\n"
        self.assertIn("cannot run", self.run_lifespan(source).detail)


if __name__ == "__main__":
    unittest.main()


class Loopback(unittest.TestCase):
    """The real-socket server the CI verification runs ASGI steps under."""

    def test_serves_over_a_socket_with_lifespan_and_stops_on_sigterm(self):
        import http.client
        import socket
        import subprocess
        import time

        with tempfile.TemporaryDirectory() as workdir:
            with open(os.path.join(workdir, "app.py"), "w") as handle:
                handle.write(ECHO)
            with socket.socket() as probe:
                probe.bind(("127.0.0.1", 0))
                port = probe.getsockname()[1]
            harness = os.path.join(os.path.dirname(__file__), "..", "..", "src", "runtime", "python")
            server = subprocess.Popen([sys.executable, "-m", "waymark.asgi_loopback", "app:app", str(port)], cwd=workdir, env={**os.environ, "PYTHONPATH": harness}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            try:
                self.assertEqual(server.stdout.readline().strip(), "lifespan: complete")
                for _ in range(100):
                    try:
                        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                        connection.request("POST", "/x?y=1", body=b"abcdef")
                        break
                    except ConnectionRefusedError:
                        time.sleep(0.05)
                response = connection.getresponse()
                self.assertEqual(response.status, 200)
                self.assertEqual(response.read(), b"POST /x q=y=1 state=yes body=abcdef")
                connection.close()
            finally:
                server.terminate()
                output, _ = server.communicate(timeout=10)
            self.assertIn("lifespan: shutdown complete", output)
