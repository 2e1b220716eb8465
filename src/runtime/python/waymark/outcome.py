"""What one run produced, which the checks look at."""

from __future__ import annotations

from dataclasses import dataclass, field

from waymark.errors import LearnerError
from waymark.wsgi_server import Exchange


@dataclass
class Outcome:
    """Everything a run produced, which the checks look at."""

    files: dict[str, str]
    workdir: str
    stdout: str = ""
    stderr: str = ""
    log: list[str] = field(default_factory=list)
    exchanges: list[Exchange] = field(default_factory=list)
    deployed: bool = False
    release: str = "none"  # none | ok | failed
    processes: dict[str, str] = field(default_factory=dict)
    error: LearnerError | None = None
    # container steps: the image's build steps (instruction, files that rebuild it)
    layers: list[tuple[str, list[str]]] = field(default_factory=list)
    built: bool = False
    health: str = "none"  # none | healthy | unhealthy
    health_detail: str = ""
    # rollout steps: who answered each exchange (instance number, release
    # number), the one-off command after the roll, the rollback, the database
    served: list[tuple[int, int]] = field(default_factory=list)
    after: str = "none"  # none | ok | failed
    rolled_back: bool = False
    finished: bool = False  # every stage of the roll ran to its end
    database: str = ""
    # asgi steps: how the lifespan startup went (none | complete | unsupported | failed)
    lifespan: str = "none"
    lifespan_detail: str = ""
    # deploy steps with a worker process: its last state (none | idle | exited | crashed)
    worker: str = "none"
    worker_runs: int = 0
