"""The platform's worker process: the Procfile's ``worker:`` command
(``python worker.py``), run beside the web process.

A real worker loops for ever: it takes a job, or sleeps a moment when there
is none. Here the platform runs it until it first sleeps, which is the
moment it has found the queue empty (it is then "idle"), and stops it there;
the next time the step asks for the worker, it starts again from the top,
as a restarted process would, with only the database carried over. A worker
that exits, or crashes, is reported as a platform reports it.

Under CPython, ``python -m waymark.worker_process worker.py IDLE_FILE`` runs
the same file as a real process for the walkthrough verification, appending
a byte to IDLE_FILE each time it goes to sleep, so the verifier can tell
when the queue has been drained."""

from __future__ import annotations

import os
import runpy
import shlex
import sys
import time
from typing import Callable

from waymark.errors import LearnerError, learner_traceback
from waymark.learner_code import purge_modules
from waymark.messages import build_line, message
from waymark.outcome import Outcome


class _Idle(BaseException):
    """Raised from time.sleep to stop the worker where it waits for work.
    A BaseException, so the worker's own ``except Exception`` lets it pass."""


def worker_script(command: str, files: dict[str, str], lang: str) -> tuple[str, list[str]]:
    """The file (and its arguments) a ``worker:`` command runs."""
    words = shlex.split(command)
    if len(words) < 2 or words[0] not in {"python", "python3"} or not words[1].endswith(".py"):
        raise LearnerError("worker-unsupported", message(lang, "worker.unsupported", command=command))
    if words[1] not in files:
        raise LearnerError("worker-missing", message(lang, "worker.missing", file=words[1]))
    return words[1], words[2:]


def run_until_idle(outcome: Outcome, lang: str, log: Callable[[str], None]) -> str:
    """Runs the worker once, until it sleeps, exits or crashes; records and
    returns the state: idle | exited | crashed | none (no worker process)."""
    command = outcome.processes.get("worker")
    if not command:
        log(build_line(lang, "worker_none"))
        outcome.worker = "none"
        return "none"
    path, args = worker_script(command, outcome.files, lang)
    outcome.worker_runs += 1
    log(build_line(lang, "worker_start", number=outcome.worker_runs, command=command))
    # The web process has its own copies of the learner's modules; the worker
    # is another process and must import its own.
    root = os.path.realpath(outcome.workdir) + os.sep
    web_modules = {n: m for n, m in sys.modules.items() if os.path.realpath(str(getattr(m, "__file__", "") or "")).startswith(root)}
    purge_modules(outcome.workdir)
    real_sleep, saved_argv = time.sleep, sys.argv

    def sleep(seconds: float) -> None:
        raise _Idle()

    time.sleep = sleep
    sys.argv = [path, *args]
    try:
        runpy.run_path(os.path.join(outcome.workdir, path), run_name="__main__")
        state = "exited"
    except _Idle:
        state = "idle"
    except SystemExit as stop:
        state = "exited" if stop.code in (None, 0) else "crashed"
    except (KeyboardInterrupt, MemoryError):
        raise
    except BaseException as error:  # the learner's worker crashed; a platform logs it and restarts it later
        print(learner_traceback(error, outcome.workdir), file=sys.stderr, end="")
        state = "crashed"
    finally:
        time.sleep, sys.argv = real_sleep, saved_argv
        purge_modules(outcome.workdir)
        sys.modules.update(web_modules)
    outcome.worker = state
    log(build_line(lang, f"worker_{state}"))
    return state


def main(argv: list[str]) -> int:
    """CPython: run a worker file as the real process, noting each sleep."""
    path, idle_file = argv[0], argv[1]
    real_sleep = time.sleep

    def sleep(seconds: float) -> None:
        with open(idle_file, "ab") as handle:
            handle.write(b".")
        real_sleep(seconds)

    time.sleep = sleep
    sys.path.insert(0, os.getcwd())
    sys.argv = [path]
    runpy.run_path(path, run_name="__main__")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
