"""A small real ASGI server for CPython only: asyncio streams on a loopback
port, HTTP/1.1 with one request per connection, the lifespan protocol run
in the same event loop as the requests, and every message checked by the
same ``asgi_server.Response`` the page uses. The walkthrough verification
runs a learner's ASGI app under it, because the Gunicorn that CI installs
from Debian (20.1) has no ASGI worker.

    python -m waymark.asgi_loopback app:app PORT

It prints one line, ``lifespan: complete|unsupported|failed``, before it
listens, and stops (with lifespan shutdown) on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from typing import Any, Callable

from waymark.asgi_server import ASGI_VERSIONS, ProtocolError, Response, body_messages, http_scope
from waymark.learner_code import load_callable


async def lifespan_startup(app: Callable, state: dict[str, Any]) -> tuple[str, asyncio.Queue, asyncio.Task | None]:
    inbox: asyncio.Queue = asyncio.Queue()
    sent: asyncio.Queue = asyncio.Queue()
    await inbox.put({"type": "lifespan.startup"})
    task = asyncio.ensure_future(app({"type": "lifespan", "asgi": dict(ASGI_VERSIONS), "state": state}, inbox.get, sent.put))
    getter = asyncio.ensure_future(sent.get())
    done, _ = await asyncio.wait({task, getter}, return_when=asyncio.FIRST_COMPLETED)
    if getter in done:
        kind = getter.result().get("type")
        return ("complete" if kind == "lifespan.startup.complete" else "failed"), inbox, task
    getter.cancel()
    return ("unsupported" if task.exception() is not None else "failed"), inbox, None


async def handle(app: Callable, state: dict[str, Any] | None, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        headers = [tuple(line.split(":", 1)) for line in lines[1:] if ":" in line]
        headers = [(k.strip(), v.strip()) for k, v in headers]
        length = int(next((v for k, v in headers if k.lower() == "content-length"), "0") or 0)
        body = await reader.readexactly(length) if length else b""
        scope = http_scope(method, target, headers, client=writer.get_extra_info("peername")[:2], server=("127.0.0.1", writer.get_extra_info("sockname")[1]), scheme="http")
        if state is not None:
            scope["state"] = dict(state)
        pending = body_messages(body)
        finished = asyncio.Event()
        response = Response("en")

        async def receive() -> dict[str, Any]:
            if pending:
                return pending.pop(0)
            await finished.wait()
            return {"type": "http.disconnect"}

        try:
            await app(scope, receive, response.send)
            if not response.complete:
                raise ProtocolError("the app returned before its response was complete")
        except Exception as error:  # logged as a server logs it; the client gets a 500
            print(f"error: {type(error).__name__}: {error}", file=sys.stderr, flush=True)
            if response.status is None:
                response = Response("en")
                response.status, response.headers, response.chunks, response.complete = 500, [("content-length", "21")], [b"Internal Server Error"], True
        finished.set()
        writer.write(response.raw().replace(b"\r\n\r\n", b"\r\nconnection: close\r\n\r\n", 1))
        await writer.drain()
    finally:
        writer.close()


async def serve(spec: str, port: int) -> None:
    app = load_callable(spec, "en", os.getcwd())
    state: dict[str, Any] = {}
    result, inbox, task = await lifespan_startup(app, state)
    print(f"lifespan: {result}", flush=True)
    if result == "failed":
        raise SystemExit(3)
    server = await asyncio.start_server(lambda r, w: handle(app, state if result == "complete" else None, r, w), "127.0.0.1", port)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    async with server:
        await stop.wait()
    if task is not None:
        await inbox.put({"type": "lifespan.shutdown"})
        await asyncio.wait_for(task, 5)
        print("lifespan: shutdown complete", flush=True)


if __name__ == "__main__":
    sys.path.insert(0, os.getcwd())
    asyncio.run(serve(sys.argv[1], int(sys.argv[2])))
