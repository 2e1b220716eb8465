"""Mistakes in the learner's project, explained in plain words, with
tracebacks that show the learner's own files and lines only."""

from __future__ import annotations

import os
import traceback
from typing import Iterable


class LearnerError(Exception):
    """A mistake in the learner's project, explained in plain words."""

    def __init__(self, kind: str, explanation: str, traceback_text: str = ""):
        super().__init__(explanation)
        self.kind = kind
        self.explanation = explanation
        self.traceback_text = traceback_text


def learner_traceback(error: BaseException, workdir: str) -> str:
    """The traceback as the learner should see it: only frames in their own
    files, named relative to the project (``app.py``, line 7)."""
    root = os.path.realpath(workdir) + os.sep

    def mine(path: str | None) -> bool:
        return bool(path) and os.path.realpath(path).startswith(root)

    def short(path: str) -> str:
        return os.path.relpath(os.path.realpath(path), root[:-1])

    # Source lines are read only for the learner's frames (below): looking up
    # every frame's would read the standard library's file, which a restored
    # interpreter fetches only when a program needs it.
    exc = traceback.TracebackException.from_exception(error, lookup_lines=False)
    for te in _chain(exc):
        frames = [f for f in te.stack if mine(f.filename)]
        for frame in frames:
            _ = frame.line  # read the source line while the real path is known
            frame.filename = short(frame.filename)
        te.stack = traceback.StackSummary.from_list(frames)
        if te.exc_type is not None and issubclass(te.exc_type, SyntaxError) and te.filename and mine(te.filename):
            te.filename = short(te.filename)
    return "".join(exc.format())


# Where the standard library's modules live: a folder here, a zip file in Pyodide.
_STDLIB = os.path.dirname(os.__file__) + os.sep


def server_traceback(error: BaseException) -> str:
    """The whole traceback, as a server logs it, with each frame's source
    line except the standard library's: in the browser those would be read
    from the standard library's file, which is fetched only when a program
    needs a module (the frames are still listed, with file and line)."""
    exc = traceback.TracebackException.from_exception(error, lookup_lines=False)
    for te in _chain(exc):
        te.stack = traceback.StackSummary.from_list(
            traceback.FrameSummary(f.filename, f.lineno, f.name, lookup_line=False, line="")
            if f.filename and f.filename.startswith(_STDLIB)
            else f
            for f in te.stack
        )
    return "".join(exc.format())


def _chain(exc: traceback.TracebackException) -> Iterable[traceback.TracebackException]:
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or (None if exc.__suppress_context__ else exc.__context__)
