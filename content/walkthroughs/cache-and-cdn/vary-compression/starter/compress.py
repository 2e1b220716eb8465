import gzip

COMPRESSIBLE = ("text/", "application/json", "image/svg+xml")


def weak(etag):
    """A strong validator describes exact bytes; compressing changes them."""
    return etag if etag.startswith("W/") else "W/" + etag


def gzip_middleware(app, minimum=200):
    """Compresses text responses for clients that accept gzip."""

    def wrapped(environ, start_response):
        seen = {}
        chunks = []

        def capture(status, headers, exc_info=None):
            seen["status"], seen["headers"] = status, list(headers)
            return chunks.append  # the write() callable PEP 3333 asks for

        result = app(environ, capture)
        try:
            for chunk in result:
                chunks.append(chunk)
        finally:
            # PEP 3333: whoever consumes the iterable must close it.
            if hasattr(result, "close"):
                result.close()
        body = b"".join(chunks)
        status, headers = seen["status"], seen["headers"]
        content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
        if content_type.startswith(COMPRESSIBLE):
            # TODO: tell caches that this answer depends on Accept-Encoding,
            # on the compressed and the uncompressed variant alike.
            accepts = environ.get("HTTP_ACCEPT_ENCODING", "")
            if "gzip" in accepts and len(body) >= minimum:  # q-values ignored here
                body = gzip.compress(body, mtime=0)
                headers = [
                    (k, weak(v) if k.lower() == "etag" else v)
                    for k, v in headers
                    if k.lower() != "content-length"
                ]
                headers += [("Content-Encoding", "gzip"), ("Content-Length", str(len(body)))]
        start_response(status, headers)
        return [body]

    return wrapped
