from wsgiref.util import setup_testing_defaults

from edge import EdgeCache

RULES = {
    "/": "public, max-age=0, s-maxage=60",
    "/static/app.283b74b1.css": "public, max-age=31536000, immutable",
    "/account": "private, no-store",
}
origin_calls = []


def origin(environ, start_response):
    path = environ["PATH_INFO"]
    origin_calls.append(path)
    body = f"{path} (version {len(origin_calls)})\n".encode()
    start_response("200 OK", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Cache-Control", RULES.get(path, "no-store")),
    ])
    return [body]


class FakeClock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


clock = FakeClock()
edge = EdgeCache(origin, clock)


def get(path):
    environ = {"PATH_INFO": path}
    setup_testing_defaults(environ)
    seen = {}

    def start_response(status, headers, exc_info=None):
        seen.update(headers)

    # Read the whole answer and close it, as a server would.
    result = edge(environ, start_response)
    try:
        b"".join(result)
    finally:
        if hasattr(result, "close"):
            result.close()
    age = f" Age: {seen['Age']}" if "Age" in seen else ""
    print(f"t={clock.now:>4.0f}s GET {path:<26} X-Cache: {seen.get('X-Cache', '?')}{age}")


get("/")
get("/")
clock.now = 30
get("/")
get("/static/app.283b74b1.css")
get("/account")
get("/account")
clock.now = 61
get("/")
get("/static/app.283b74b1.css")
print("deploy: purge /")
edge.purge("/")
get("/")
get("/static/app.283b74b1.css")
print(f"origin calls: {len(origin_calls)}")
