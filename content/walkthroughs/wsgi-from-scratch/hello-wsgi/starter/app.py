def application(environ, start_response):
    # A WSGI app calls start_response(status, headers) once
    # and returns an iterable of bytes. This one does neither yet.
    return "Hello, WSGI!\n"
