"""The instances of a rolling release as the page runs them: each instance
is a release's WSGI callable in this interpreter, answering through wsgiref,
and one-off commands (the release command, a post-roll command) run as
``__main__``. Every instance shares the working directory, and so the one
SQLite database, as instances on a platform share a database server."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable

from waymark.errors import LearnerError
from waymark.learner_code import load_callable, purge_modules, run_script
from waymark.messages import message
from waymark.rollout import command_words
from waymark.wsgi_server import Exchange, send


@dataclass
class Instance:
    app_spec: str
    app: Callable


class LocalFleet:
    """A ``rollout.Fleet`` whose instances are callables in this process."""

    def __init__(self, lang: str, workdir: str):
        self.lang, self.workdir = lang, workdir

    def start(self, app_spec: str) -> Instance:
        return Instance(app_spec, load_callable(app_spec, self.lang, self.workdir))

    def stop(self, instance: Any) -> None:
        """Nothing to stop: the instance's requests have all been answered."""

    def send(self, instance: Instance, request: dict[str, Any]) -> Exchange:
        return send(instance.app, request, self.lang, self.workdir)

    def run(self, command: str) -> int:
        words = command_words(command, self.lang)
        if not os.path.exists(os.path.join(self.workdir, words[1])):
            raise LearnerError("release-missing", message(self.lang, "deploy.release_missing", file=words[1]))
        code = run_script(words[1], words[2:], self.lang, self.workdir)
        # The script's imports must not stand in for the instances' modules.
        purge_modules(self.workdir)
        return code
