import gzip
import hashlib
import os

STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")
TYPES = {".css": "text/css; charset=utf-8", ".js": "text/javascript; charset=utf-8"}

ASSET_CACHE = "public, max-age=31536000, immutable"
HTML_CACHE = "no-cache"


def fingerprint_name(name, data):
    stem, ext = os.path.splitext(name)
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:8]}{ext}"


def load_assets(folder):
    """Reads every static file once, at start-up, and gzips it once too, as
    WhiteNoise does: a client that accepts gzip gets the ready-made copy."""
    assets, manifest = {}, {}
    for name in sorted(os.listdir(folder)):
        with open(os.path.join(folder, name), "rb") as f:
            data = f.read()
        hashed = fingerprint_name(name, data)
        manifest[name] = hashed
        assets[hashed] = (data, gzip.compress(data, mtime=0), TYPES.get(os.path.splitext(name)[1], "application/octet-stream"))
    return assets, manifest


ASSETS, MANIFEST = load_assets(STATIC_DIR)


def static_url(name):
    return "/static/" + MANIFEST[name]


def home_page():
    return f"""<!doctype html>
<html lang="en">
<title>Tea shop</title>
<link rel="stylesheet" href="{static_url('app.css')}">
<h1>Tea shop</h1>
<script src="{static_url('app.js')}" defer></script>
</html>
""".encode("utf-8")


def make_etag(data):
    """A strong validator: changes whenever a single byte changes."""
    return '"' + hashlib.sha256(data).hexdigest()[:16] + '"'


def etag_matches(if_none_match, etag):
    if if_none_match.strip() == "*":
        return True
    # If-None-Match compares weakly: W/"x" matches "x".
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return etag in tags


def respond(environ, start_response, status, headers, body):
    if status.startswith("200"):
        etag = make_etag(body)
        headers = headers + [("ETag", etag)]
        if etag_matches(environ.get("HTTP_IF_NONE_MATCH", ""), etag):
            # Same validators and caching headers (Vary among them), no body.
            kept = [(k, v) for k, v in headers if k in ("Cache-Control", "ETag", "Vary")]
            start_response("304 Not Modified", kept)
            return []
    start_response(status, headers + [("Content-Length", str(len(body)))])
    return [body]


def application(environ, start_response):
    path = environ.get("PATH_INFO", "/")
    if path == "/":
        return respond(environ, start_response, "200 OK", [
            ("Content-Type", "text/html; charset=utf-8"),
            ("Cache-Control", HTML_CACHE),
        ], home_page())
    name = path[len("/static/"):] if path.startswith("/static/") else None
    if name in ASSETS:
        data, gzipped, content_type = ASSETS[name]
        # One URL, two variants: Vary tells every cache to keep them apart.
        headers = [("Content-Type", content_type), ("Cache-Control", ASSET_CACHE), ("Vary", "Accept-Encoding")]
        if "gzip" in environ.get("HTTP_ACCEPT_ENCODING", ""):
            # Its ETag is computed from these bytes, so it differs from the plain copy's.
            return respond(environ, start_response, "200 OK", headers + [("Content-Encoding", "gzip")], gzipped)
        return respond(environ, start_response, "200 OK", headers, data)
    # Never let a cache keep a 404: the file may appear with the next deploy.
    return respond(environ, start_response, "404 Not Found", [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Cache-Control", "no-store"),
    ], b"Not found\n")
