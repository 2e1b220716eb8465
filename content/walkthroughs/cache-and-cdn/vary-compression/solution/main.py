from wsgiref.util import setup_testing_defaults

from compress import gzip_middleware
from edge import EdgeCache

CSS = "".join(f".card-{n} {{ margin: {n}px; padding: 1rem; }}\n" for n in range(40)).encode()


def site(environ, start_response):
    start_response("200 OK", [
        ("Content-Type", "text/css; charset=utf-8"),
        ("Content-Length", str(len(CSS))),
        ("Cache-Control", "public, max-age=31536000, immutable"),
    ])
    return [CSS]


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


clock = FakeClock()
edge = EdgeCache(gzip_middleware(site), clock)


def get(path, accept_encoding=None):
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    if accept_encoding:
        environ["HTTP_ACCEPT_ENCODING"] = accept_encoding
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(headers)

    # Read the whole answer and close it, as a server would.
    result = edge(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    encoding = seen.get("Content-Encoding", "identity")
    print(f"GET {path} (Accept-Encoding: {accept_encoding or '-'}) -> "
          f"X-Cache: {seen['X-Cache']}, {encoding}, {len(body)} bytes")


CSS_URL = "/static/app.283b74b1.css"
get(CSS_URL, "gzip, br")
get(CSS_URL)
get(CSS_URL, "gzip, deflate, br, zstd")
get(CSS_URL)
