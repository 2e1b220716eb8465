"""The instances of a rolling release for real, for verify_walkthroughs.py:
one Gunicorn per instance on a loopback port, all in the step's directory and
so on one SQLite file, and the release and one-off commands as processes."""

from __future__ import annotations

import shlex
import subprocess
from dataclasses import dataclass
from typing import Any, Callable

from waymark.rollout import command_words
from waymark.wsgi_server import Exchange


@dataclass
class Instance:
    port: int
    server: subprocess.Popen


class GunicornFleet:
    """A ``waymark.rollout.Fleet`` of Gunicorn processes."""

    def __init__(self, workdir: str, env: dict[str, str], python: str, argv: Callable[[str, int], list[str]], free_port: Callable[[], int], wait_for: Callable[[int, subprocess.Popen], bool], send: Callable[[int, dict], Exchange]):
        self.workdir, self.env, self.python = workdir, env, python
        self.argv, self.free_port, self.wait_for, self.http = argv, free_port, wait_for, send
        self.output: list[str] = []

    def start(self, app_spec: str) -> Instance:
        port = self.free_port()
        server = subprocess.Popen(self.argv(f"gunicorn {shlex.quote(app_spec)}", port), cwd=self.workdir, env={**self.env, "PORT": str(port)}, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if not self.wait_for(port, server):
            self.stop(Instance(port, server))
            raise RuntimeError(f"{app_spec} did not start under Gunicorn: {' '.join(self.output[-1:])}")
        return Instance(port, server)

    def stop(self, instance: Any) -> None:
        instance.server.terminate()
        try:
            out, _ = instance.server.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            instance.server.kill()
            out, _ = instance.server.communicate()
        self.output.append(out or "")

    def send(self, instance: Instance, request: dict[str, Any]) -> Exchange:
        return self.http(instance.port, request)

    def run(self, command: str) -> int:
        words = command_words(command, "en")
        run = subprocess.run([self.python, *words[1:]], cwd=self.workdir, env=self.env, capture_output=True, text=True, timeout=60)
        return run.returncode
