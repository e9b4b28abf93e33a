"""The event bus: modules publish facts, other modules' handlers react.

Handlers run only for modules enabled on the event's platform. A handler runs in the
publisher's transaction, or, with `as_job=True`, in a worker after that transaction commits.
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
from typing import ClassVar

from flask import current_app

from webapp.framework.jobs import enqueue
from webapp.framework.ports import tenant_directory

log = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class Event:
    """Base of every event type (they live in the `contracts` module); fields are plain values."""

    name: ClassVar[str] = "event"
    platform_id: int


def _subscriptions(event: Event):
    registry = current_app.extensions["orion.modules"]
    platform = tenant_directory().platform_by_id(event.platform_id)
    enabled = platform.enabled_modules if platform else registry.always_enabled()
    for definition in registry:
        if definition.code not in enabled:
            continue
        for subscription in definition.event_handlers:
            if subscription.event == event.name:
                yield registry, definition.code, subscription


def publish(event: Event) -> None:
    for registry, code, subscription in _subscriptions(event):
        if subscription.as_job:
            enqueue("webapp.framework.events:run_handler", code, subscription.handler,
                    f"{type(event).__module__}:{type(event).__qualname__}", dataclasses.asdict(event),
                    title=f"{event.name} → {code}", job_id=None)
        else:
            registry.resolve(code, subscription.handler)(event)


def run_handler(code: str, handler: str, event_type: str, payload: dict) -> None:
    """Job entry point for `as_job` handlers: rebuild the event and call the handler."""
    module_name, _, qualname = event_type.partition(":")
    event_class = getattr(importlib.import_module(module_name), qualname)
    registry = current_app.extensions["orion.modules"]
    registry.resolve(code, handler)(event_class(**payload))
