"""The event bus: handlers of modules enabled on the event's platform run, in-line or as jobs.

No module subscribes to events yet, so each test gives two real definitions a subscription
(`dataclasses.replace`) and exposes tests/fixtures/sample_events.py as their "testevents"
submodule; the registry resolves the handlers exactly as it would a module's own.
"""

from __future__ import annotations

import dataclasses
import sys

import pytest
from rq import SimpleWorker
from sqlalchemy import func, select

from tests.fixtures import sample_events
from tests.fixtures.sample_events import Pinged
from webapp.extensions import db
from webapp.framework.events import publish
from webapp.framework.jobs.queues import get_queue
from webapp.framework.registry import EventSubscription
from webapp.modules.tenancy.models import Platform
from webapp.modules.tenancy.services import apply_module_plan, create_platform, plan_module_change

OPTIONAL = "loyalty"  # optional module, enabled by default, requires only core modules
CORE = "contracts"  # core module: always enabled


@pytest.fixture
def subscribe(app, monkeypatch):
    """`subscribe(code, handler, as_job=False)`: module `code` handles "test.pinged" for this test."""
    registry = app.extensions["orion.modules"]
    monkeypatch.setattr(registry, "_refs", {})  # resolved references are cached: start clean, restore after
    sample_events.CALLS.clear()

    def add(code: str, handler: str, as_job: bool = False) -> None:
        monkeypatch.setitem(sys.modules, f"{registry.package}.{code}.testevents", sample_events)
        definition = registry.get(code)
        subscription = EventSubscription("test.pinged", f"testevents:{handler}", as_job=as_job)
        monkeypatch.setitem(registry.definitions, code,
                            dataclasses.replace(definition, event_handlers=(subscription,)))
        registry.get(code).validate()

    yield add
    sample_events.CALLS.clear()


def disable(platform, code: str) -> None:
    plan = plan_module_change(platform.id, code, enable=False)
    apply_module_plan(platform.id, plan)
    db.session.commit()


def drain_queue(app) -> None:
    """Run queued jobs: already done in-process on the embedded default; with Redis, a non-forking
    burst worker in this process (the handler module exists only here)."""
    state = app.extensions["orion.jobs"]
    if not state["is_async"]:
        return
    # The job runner drops the inherited connection pool (without closing it) when it believes it
    # runs in a forked work-horse; here it shares this process's pool, which must stay intact.
    queue = get_queue("default")  # (cached) before the flag flips: an async queue
    state["is_async"] = False
    try:
        SimpleWorker([queue], connection=state["connection"]).work(burst=True)
    finally:
        state["is_async"] = True


def platform_count(code: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Platform).where(Platform.code == code))


def test_handler_of_an_enabled_module_runs(demo, subscribe):
    subscribe(OPTIONAL, "on_pinged")

    publish(Pinged(platform_id=demo.main.id, note="one"))

    assert sample_events.CALLS == [("on_pinged", "one")]


def test_handler_of_a_module_disabled_on_the_platform_does_not_run(demo, subscribe):
    subscribe(OPTIONAL, "on_pinged")
    subscribe(CORE, "on_pinged_core")
    disable(demo.main, OPTIONAL)

    publish(Pinged(platform_id=demo.main.id, note="two"))

    assert sample_events.CALLS == [("on_pinged_core", "two")]
    # Still enabled on the other platform.
    sample_events.CALLS.clear()
    publish(Pinged(platform_id=demo.loyalty.id, note="three"))
    assert sorted(sample_events.CALLS) == [("on_pinged", "three"), ("on_pinged_core", "three")]


def test_as_job_handler_runs_through_the_job_queue(app, demo, subscribe):
    subscribe(OPTIONAL, "on_pinged_job", as_job=True)

    publish(Pinged(platform_id=demo.main.id, note="job"))
    drain_queue(app)

    db.session.rollback()  # a fresh transaction sees the job's commit
    assert sample_events.CALLS == [("on_pinged_job", "job")]
    assert platform_count("evjob") == 1


def test_as_job_handler_waits_for_the_publishers_commit(app, demo, subscribe):
    subscribe(OPTIONAL, "on_pinged_job", as_job=True)
    create_platform("publisher", "Publisher")  # the publisher's transaction has writes

    publish(Pinged(platform_id=demo.main.id, note="late"))
    drain_queue(app)
    assert sample_events.CALLS == []

    db.session.commit()
    drain_queue(app)

    db.session.rollback()
    assert sample_events.CALLS == [("on_pinged_job", "late")]
    assert platform_count("evlate") == 1


def test_as_job_handler_is_dropped_when_the_publisher_rolls_back(app, demo, subscribe):
    subscribe(OPTIONAL, "on_pinged_job", as_job=True)
    create_platform("publisher", "Publisher")

    publish(Pinged(platform_id=demo.main.id, note="gone"))
    db.session.rollback()
    drain_queue(app)

    assert sample_events.CALLS == []
    assert platform_count("evgone") == 0
