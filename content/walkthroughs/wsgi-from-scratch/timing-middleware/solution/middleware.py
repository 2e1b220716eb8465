import time


def timed(app):
    """Wrap a WSGI app: time each request, add a Server-Timing header, log a line."""

    def wrapper(environ, start_response):
        started = time.perf_counter()

        def timed_start_response(status, headers, exc_info=None):
            ms = (time.perf_counter() - started) * 1000
            headers = headers + [("Server-Timing", f"app;dur={ms:.2f}")]
            environ["wsgi.errors"].write(
                f"{environ['REQUEST_METHOD']} {environ.get('PATH_INFO', '/')} "
                f"{status.split(' ', 1)[0]} {ms:.2f}ms\n"
            )
            return start_response(status, headers, exc_info)

        # The app's own iterable goes back to the server untouched, so the
        # server calls its close() when the response is done (PEP 3333).
        return app(environ, timed_start_response)

    return wrapper
