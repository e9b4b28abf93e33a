"""A new store's onboarding checklist, from the steps enabled modules declare.

Each step's check is a cheap `(store_id) -> bool` query run on every view, so the list ticks
itself as the merchant works; a step links to its page only when the user may open it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from flask import current_app, url_for

from webapp.framework.navigation import enabled_definitions, link_allowed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StepState:
    code: str
    label: str
    done: bool
    url: str | None = None


@dataclass(frozen=True)
class Checklist:
    steps: tuple[StepState, ...]

    @property
    def done_count(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def total(self) -> int:
        return len(self.steps)

    @property
    def complete(self) -> bool:
        return self.done_count == self.total


def _done(registry, code: str, ref: str, store_id: int) -> bool:
    try:
        return bool(registry.resolve(code, ref)(store_id))
    except Exception:
        # A failing check must not take the dashboard down: the step just stays open.
        log.exception("onboarding check %s of module %s failed", ref, code)
        return False


def onboarding_checklist(store_id: int) -> Checklist:
    """The steps of the modules enabled here, in order, each ticked or not."""
    registry = current_app.extensions["orion.modules"]
    found = []
    for definition in enabled_definitions():
        for step in definition.onboarding_steps:
            done = _done(registry, definition.code, step.check, store_id)
            url = url_for(step.endpoint) if not done and step.endpoint and link_allowed(step.endpoint) else None
            found.append((step.order, StepState(step.code, str(step.label), done, url)))
    return Checklist(tuple(state for _order, state in sorted(found, key=lambda item: item[0])))
