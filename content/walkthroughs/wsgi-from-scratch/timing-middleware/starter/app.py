from middleware import timed


def hello(environ, start_response):
    if environ.get("PATH_INFO", "/") != "/":
        start_response("404 Not Found", [("Content-Type", "text/plain; charset=utf-8")])
        return [b"Not found\n"]
    start_response("200 OK", [("Content-Type", "text/plain; charset=utf-8")])
    return [b"Hello from behind the middleware\n"]


application = timed(hello)
