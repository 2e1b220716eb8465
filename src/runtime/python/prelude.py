# Run once per interpreter, before any step: puts the harness on the path,
# imports it (and with it every stdlib module it uses), imports the stdlib
# modules the walkthroughs' own files use, and defines the one function the
# worker calls. The build runs it before taking the memory
# snapshot (scripts/make-python-snapshot.mjs); a normal start runs it in the
# worker (src/runtime/python-runtime.ts).
import json
import sys

sys.path.insert(0, "/opt/waymark")

from waymark.run import run_step  # noqa: E402
import waymark.app_server  # noqa: E402,F401  (Open the app; imported on its first request otherwise)

# What the harness imports only on first use: runpy.run_path reaches for
# pkgutil when it runs a learner's script.
import pkgutil  # noqa: E402,F401

# What the course's walkthroughs import (content/walkthroughs/*/*/{starter,solution}/
# and their checks): imported here, they are compiled once at build time
# instead of on the learner's first Run (html alone takes half a second),
# and a restored interpreter never needs the standard library's file for
# them (the worker fetches that only when a program imports something else).
WALKTHROUGH_MODULES = (
    "contextlib", "datetime", "gzip", "hashlib", "hmac", "html", "http.cookies", "importlib.util",
    "json", "os", "random", "re", "secrets", "sqlite3", "time", "traceback", "urllib.parse", "wsgiref.util",
)
for _name in WALKTHROUGH_MODULES:
    __import__(_name)
del _name


def _waymark_run(spec, files, lang):
    return json.dumps(run_step(json.loads(spec), json.loads(files), lang))
