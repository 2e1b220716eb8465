def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    # TODO: choose a status and an HTML body for this path,
    # call start_response(status, headers), then return the body as bytes.
    return []
