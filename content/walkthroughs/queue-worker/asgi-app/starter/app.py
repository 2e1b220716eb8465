"""An ASGI application with no framework. It answers HTTP, but two things
are missing: it does not speak the lifespan protocol, and it reads only the
first piece of a request body."""

import json


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


async def app(scope, receive, send):
    assert scope["type"] == "http"

    if scope["method"] == "GET" and scope["path"] == "/":
        await respond(send, 200, "Hello from ASGI\n".encode("utf-8"))
    elif scope["method"] == "POST" and scope["path"] == "/echo":
        message = await receive()
        body = message.get("body", b"")
        reply = json.dumps({"received": body.decode("utf-8", "replace"), "bytes": len(body)})
        await respond(send, 200, reply.encode("utf-8"), b"application/json")
    else:
        await respond(send, 404, b"Not Found\n")
