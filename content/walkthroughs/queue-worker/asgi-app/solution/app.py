"""An ASGI application with no framework: the lifespan protocol, then HTTP.
Any ASGI server (Uvicorn, Hypercorn, Granian, Gunicorn's asgi worker) runs it."""

import json


async def read_body(receive):
    """The whole request body: it may arrive in several http.request messages."""
    chunks = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None  # the client left before sending everything
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def respond(send, status, body, content_type=b"text/plain; charset=utf-8"):
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [
            (b"content-type", content_type),
            (b"content-length", str(len(body)).encode("ascii")),
        ],
    })
    await send({"type": "http.response.body", "body": body})


async def lifespan(receive, send):
    while True:
        message = await receive()
        if message["type"] == "lifespan.startup":
            # Open what every request shares (a connection pool, an HTTP
            # client) here, once per process.
            await send({"type": "lifespan.startup.complete"})
        elif message["type"] == "lifespan.shutdown":
            # Close what startup opened.
            await send({"type": "lifespan.shutdown.complete"})
            return


async def app(scope, receive, send):
    if scope["type"] == "lifespan":
        await lifespan(receive, send)
        return
    if scope["type"] != "http":
        raise RuntimeError(f"this app does not serve {scope['type']} connections")

    if scope["method"] == "GET" and scope["path"] == "/":
        await respond(send, 200, "Hello from ASGI\n".encode("utf-8"))
    elif scope["method"] == "POST" and scope["path"] == "/echo":
        body = await read_body(receive)
        if body is None:
            return  # nobody is left to answer
        reply = json.dumps({"received": body.decode("utf-8", "replace"), "bytes": len(body)})
        await respond(send, 200, reply.encode("utf-8"), b"application/json")
    else:
        await respond(send, 404, b"Not Found\n")
