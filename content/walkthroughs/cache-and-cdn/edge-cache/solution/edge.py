def parse_cache_control(value):
    """'public, max-age=60' -> {'public': True, 'max-age': '60'}"""
    directives = {}
    for part in value.split(","):
        name, _, arg = part.strip().partition("=")
        if name:
            directives[name.lower()] = arg.strip('"') if arg else True
    return directives


def header(headers, name):
    """The value of one response header, whatever its case, or ''."""
    for key, value in headers:
        if key.lower() == name.lower():
            return value
    return ""


def shared_ttl(headers):
    """How many seconds a shared cache (a CDN) may keep this response."""
    cc = parse_cache_control(header(headers, "Cache-Control"))
    # Simplified: a real CDN may keep no-cache answers and revalidate them.
    if "private" in cc or "no-store" in cc or "no-cache" in cc:
        return 0
    for name in ("s-maxage", "max-age"):  # s-maxage wins in shared caches
        if name in cc:
            try:
                return max(int(cc[name]), 0)
            except ValueError:
                return 0
    return 0


def fetch(app, environ):
    """Calls the origin app and returns (status, headers, body).

    PEP 3333: whoever consumes a WSGI iterable must call its close()
    method, even when reading fails. Frameworks clean up there (they
    return database connections, run generators' finally blocks), so a
    middleware that reads the body itself has to do it.
    """
    seen = {}
    chunks = []

    def start_response(status, headers, exc_info=None):
        # Nothing has been sent yet, so a second call with exc_info (an
        # error page) simply replaces the first.
        seen["status"], seen["headers"] = status, list(headers)
        return chunks.append  # the write() callable PEP 3333 asks for

    result = app(environ, start_response)
    try:
        for chunk in result:
            chunks.append(chunk)
    finally:
        if hasattr(result, "close"):
            result.close()
    return seen["status"], seen["headers"], b"".join(chunks)


class EdgeCache:
    """A tiny CDN edge: WSGI middleware that keeps responses in memory."""

    def __init__(self, app, clock):
        self.app = app
        self.clock = clock  # a function returning the time in seconds
        self.store = {}  # key -> (stored_at, ttl, status, headers, body)

    def key(self, environ):
        query = environ.get("QUERY_STRING", "")
        return environ.get("PATH_INFO", "/") + ("?" + query if query else "")

    def purge(self, path):
        """Forgets the stored copy of one path (with or without a query)."""
        for key in list(self.store):
            if key == path or key.startswith(path + "?"):
                del self.store[key]

    def __call__(self, environ, start_response):
        method = environ.get("REQUEST_METHOD", "GET")
        if method not in ("GET", "HEAD"):
            return self.app(environ, start_response)
        key = self.key(environ)
        now = self.clock()
        entry = self.store.get(key)
        if entry is not None:
            stored_at, ttl, status, headers, body = entry
            age = now - stored_at
            if age < ttl:
                start_response(status, headers + [("Age", str(int(age))), ("X-Cache", "HIT")])
                # A HEAD gets the stored GET's headers and no body.
                return [] if method == "HEAD" else [body]
            del self.store[key]  # expired
        status, headers, body = fetch(self.app, environ)
        ttl = shared_ttl(headers)
        # Only a GET answer carries the body. The answer to a HEAD has none,
        # and stored under the same key it would be served to later GETs.
        if method == "GET" and status.startswith("200") and ttl > 0:
            self.store[key] = (now, ttl, status, headers, body)
        start_response(status, headers + [("X-Cache", "MISS")])
        return [body]
