import time


def timed(app):
    """Wrap a WSGI app: time each request, add a Server-Timing header, log a line."""

    def wrapper(environ, start_response):
        # TODO: note the start time, then pass the app your own start_response
        # that adds ("Server-Timing", "app;dur=<ms>") to the headers, writes
        # "METHOD PATH STATUS <ms>ms" to environ["wsgi.errors"] and calls the
        # server's start_response. Keep returning what app returns, so the
        # server can still call its close().
        return app(environ, start_response)

    return wrapper
