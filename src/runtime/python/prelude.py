# Run once per interpreter, before any step: puts the harness on the path,
# imports it (and with it every stdlib module it uses) and defines the one
# function the worker calls. The build runs it before taking the memory
# snapshot (scripts/make-python-snapshot.mjs); a normal start runs it in the
# worker (src/runtime/python-runtime.ts).
import json
import sys

sys.path.insert(0, "/opt/waymark")

from waymark.run import run_step  # noqa: E402


def _waymark_run(spec, files, lang):
    return json.dumps(run_step(json.loads(spec), json.loads(files), lang))
