"""A rolling release kept serving for the app frame: the step's roll runs
as its Run does (``rollout.Roll`` with the page's ``LocalFleet``: the
previous release on every instance, the release command, instances
replaced one at a time, the one-off command, the rollback), and then the
fleet stays up as the roll left it. The page's requests go on round-robin
from where the roll's own traffic stopped, so the frame shows the app as
the platform serves it after the step; each response carries a ``Via``
header naming the instance and the release that answered it, as a
platform's router adds one."""

from __future__ import annotations

from typing import Any

from waymark.app_wsgi import answer_wsgi
from waymark.errors import LearnerError
from waymark.fleet import LocalFleet
from waymark.outcome import Outcome
from waymark.rollout import Plan, Roll


class Router:
    """The fleet after the roll, and where the next request goes."""

    def __init__(self, roll: Roll):
        self.roll = roll

    def answer(self, request: dict[str, Any], body: bytes, lang: str) -> dict[str, Any]:
        slots = self.roll.slots
        slot = self.roll.sent % len(slots)
        instance, release = slots[slot]
        self.roll.sent += 1
        response = answer_wsgi(instance.app, request, body, lang)
        response["headers"].append(["Via", f"1.1 router (instance {slot + 1} of {len(slots)}, release {release})"])
        return response


def start_fleet(spec: dict[str, Any], outcome: Outcome, lang: str) -> Router:
    """Runs the step's roll. A roll that stopped part way (a failed release
    command, an instance that would not start) leaves the fleet serving
    what it ran then, as a platform does; only a roll that started no
    instance at all (no Procfile, no database) leaves nothing to serve."""
    roll = Roll(Plan.from_spec(spec), LocalFleet(lang, outcome.workdir), outcome, lang, outcome.log.append)
    try:
        roll.run(spec)
    except LearnerError as error:
        if not roll.slots:
            raise
        outcome.error = error
    return Router(roll)
