"""The learner's code: their files in a fresh working directory, a WSGI
callable imported from them, or a file run as ``__main__``. Nothing leaks from
one run into the next."""

from __future__ import annotations

import contextlib
import os
import runpy
import shutil
import sys
import tempfile
from typing import Any, Callable

from waymark.errors import LearnerError, learner_traceback
from waymark.messages import message


def purge_modules(workdir: str, before: dict[str, Any] | None = None) -> None:
    """Forget every module loaded from the learner's directory (packages
    included), so the next run imports their files afresh. ``before`` is
    ``sys.modules`` as it was when the directory was made: entries still
    the same cannot come from it, and are not looked at (there are some
    three hundred, and resolving their paths took half of a short run)."""
    root = os.path.realpath(workdir) + os.sep

    def inside(path: Any) -> bool:
        return isinstance(path, str) and os.path.realpath(path).startswith(root)

    for name, module in list(sys.modules.items()):
        if before is not None and before.get(name) is module:
            continue
        if inside(getattr(module, "__file__", None)) or any(inside(p) for p in getattr(module, "__path__", None) or []):
            del sys.modules[name]


def restore_environ(saved: dict[str, str]) -> None:
    """Puts ``os.environ`` back as ``saved``, touching only what changed
    (each change is a call into the C environment)."""
    for key in [k for k in os.environ if k not in saved]:
        del os.environ[key]
    for key, value in saved.items():
        if os.environ.get(key) != value:
            os.environ[key] = value


def load_callable(spec: str, lang: str, workdir: str) -> Callable:
    """Imports ``module:callable`` (callable defaults to ``application``)."""
    module_name, _, attr = spec.partition(":")
    attr = attr or "application"
    module_name = module_name.strip()
    if not os.path.exists(os.path.join(workdir, module_name.replace(".", os.sep) + ".py")) and not os.path.isdir(
        os.path.join(workdir, module_name.replace(".", os.sep))
    ):
        raise LearnerError("module-missing", message(lang, "run.module_missing", module=module_name))
    try:
        module = __import__(module_name, fromlist=["_"])
    except SyntaxError as error:
        raise LearnerError("syntax", message(lang, "run.syntax"), learner_traceback(error, workdir)) from None
    except (KeyboardInterrupt, MemoryError):
        raise
    except BaseException as error:  # the learner's module failed; explain it
        raise LearnerError(
            "import",
            message(lang, "run.import_failed", module=module_name),
            learner_traceback(error, workdir),
        ) from error
    if not hasattr(module, attr):
        raise LearnerError("callable-missing", message(lang, "run.callable_missing", module=module_name, name=attr))
    app = getattr(module, attr)
    if not callable(app):
        raise LearnerError("not-callable", message(lang, "run.not_callable", module=module_name, name=attr))
    return app


def run_script(path: str, args: list[str], lang: str, workdir: str) -> int:
    """Runs a file as __main__ and returns its exit status."""
    if not os.path.exists(os.path.join(workdir, path)):
        raise LearnerError("entry-missing", message(lang, "run.entry_missing", file=path))
    saved_argv = sys.argv
    sys.argv = [path, *args]
    try:
        runpy.run_path(os.path.join(workdir, path), run_name="__main__")
        return 0
    except SystemExit as stop:
        code = stop.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        print(code, file=sys.stderr)
        return 1
    except SyntaxError as error:
        raise LearnerError("syntax", message(lang, "run.syntax"), learner_traceback(error, workdir)) from None
    except (KeyboardInterrupt, MemoryError):
        raise
    except BaseException as error:
        print(learner_traceback(error, workdir), file=sys.stderr, end="")
        return 1
    finally:
        sys.argv = saved_argv


@contextlib.contextmanager
def sandbox(files: dict[str, str], env: dict[str, str]):
    """A fresh directory holding the learner's files, made the working
    directory and the first import path, with ``env`` applied; everything is
    put back afterwards."""
    workdir = tempfile.mkdtemp(prefix="wm-run-")
    saved_cwd, saved_path, saved_env = os.getcwd(), list(sys.path), dict(os.environ)
    saved_modules = dict(sys.modules)
    try:
        for name, text in files.items():
            path = os.path.join(workdir, name)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(text)
        os.chdir(workdir)
        sys.path.insert(0, workdir)
        os.environ.update(env)
        yield workdir
    finally:
        purge_modules(workdir, saved_modules)
        os.chdir(saved_cwd)
        sys.path[:] = saved_path
        restore_environ(saved_env)
        shutil.rmtree(workdir, ignore_errors=True)
