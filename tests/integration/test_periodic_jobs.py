"""Periodic jobs declared by modules: validation, registration, the in-process loop and RQ's cron."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from fakeredis import FakeStrictRedis
from rq import Queue
from rq.cron import CronScheduler
from rq.job import Job
from sqlalchemy import func, select, update

from webapp.extensions import db
from webapp.framework.jobs import periodic
from webapp.framework.ports import PlatformInfo, tenant_directory
from webapp.framework.registry import ModuleDefinition, PeriodicJob
from webapp.framework.registry.definition import DefinitionError
from webapp.framework.registry.registry import ModuleRegistry
from webapp.framework.scoping import store_scope
from webapp.modules.inventory import services as inv
from webapp.modules.inventory.models import Reservation
from webapp.modules.tenancy.models import PlatformModule

REPO_ROOT = Path(__file__).resolve().parents[2]
PURGE = "inventory.purge_expired_reservations"


def definition(code="sample", *jobs, **extra) -> ModuleDefinition:
    return ModuleDefinition(code=code, name=code.title(), description="A sample.", periodic_jobs=jobs, **extra)


# ---- the definition field ----------------------------------------------------------------------

@pytest.mark.parametrize(("job", "message"), [
    (PeriodicJob("purge", interval=60), "must look like 'submodule:function'"),
    (PeriodicJob("jobs.purge", interval=60), "must look like 'submodule:function'"),
    (PeriodicJob("jobs:purge", interval=60, cron="*/5 * * * *"), "needs exactly one of interval or cron"),
    (PeriodicJob("jobs:purge"), "needs exactly one of interval or cron"),
    (PeriodicJob("jobs:purge", interval=0), "interval must be at least one second"),
    (PeriodicJob("jobs:purge", interval=timedelta(seconds=-5)), "interval must be at least one second"),
    (PeriodicJob("jobs:purge", interval=2.5), "interval must be at least one second"),
    (PeriodicJob("jobs:purge", cron="every five minutes"), "is not a cron expression"),
    (PeriodicJob("jobs:purge", cron="61 * * * *"), "is not a cron expression"),
    (PeriodicJob("jobs:purge", interval=60, queue="Not a queue!"), "must be a short lowercase name"),
    (PeriodicJob("jobs:purge", interval=60, timeout=0), "timeout must be a positive number"),
])
def test_bad_periodic_jobs_are_refused(job, message):
    with pytest.raises(DefinitionError, match=message):
        definition("sample", job).validate()


def test_a_job_declared_twice_or_not_a_periodic_job_is_refused():
    with pytest.raises(DefinitionError, match="declared twice"):
        definition("sample", PeriodicJob("jobs:a", interval=60), PeriodicJob("jobs:a", cron="0 * * * *")).validate()
    with pytest.raises(DefinitionError, match="not a PeriodicJob"):
        definition("sample", "jobs:a").validate()


def test_good_periodic_jobs_pass_and_describe_their_schedule():
    jobs = (PeriodicJob("jobs:a", interval=timedelta(minutes=5)), PeriodicJob("jobs:b", interval=7200),
            PeriodicJob("jobs:c", interval=45), PeriodicJob("jobs:d", cron="0 3 * * *", queue="low"))
    definition("sample", *jobs).validate()

    assert [job.schedule for job in jobs] == ["every 5 min", "every 2 h", "every 45 s", "cron 0 3 * * *"]
    assert jobs[0].seconds == 300


# ---- registration: exactly the jobs of modules enabled somewhere --------------------------------

def fake_app(monkeypatch, definitions, enabled_per_platform):
    platforms = [PlatformInfo(id=i, code=f"p{i}", name="P", domain=None, default_language="en", languages=("en",),
                              enabled_modules=frozenset(codes)) for i, codes in enumerate(enabled_per_platform)]
    monkeypatch.setattr(periodic, "tenant_directory", lambda: SimpleNamespace(all_platforms=lambda: platforms))
    return SimpleNamespace(extensions={"orion.modules": ModuleRegistry(definitions)})


def test_registration_lists_exactly_the_enabled_modules_jobs(monkeypatch):
    app = fake_app(monkeypatch, [
        definition("books", PeriodicJob("jobs:close_day", cron="0 0 * * *"), is_core=True),
        definition("loyalty", PeriodicJob("jobs:expire_points", interval=3600, queue="low")),
        definition("stock", PeriodicJob("jobs:purge", interval=300), PeriodicJob("tasks:recount", interval=86400)),
        definition("quiet"),
    ], [{"books", "stock"}, {"books"}])
    scheduler = CronScheduler(connection=FakeStrictRedis())

    registered = periodic.register_jobs(app, scheduler.register)

    names = ["books.close_day", "stock.purge", "stock.recount"]
    assert [job.name for job in registered] == names
    assert [job.func for job in registered] == [
        "webapp.modules.books.jobs:close_day", "webapp.modules.stock.jobs:purge", "webapp.modules.stock.tasks:recount"]
    cron_jobs = scheduler.get_jobs()
    assert [(j.name, j.args, j.interval, j.cron, j.queue_name) for j in cron_jobs] == [
        ("books.close_day", ("books.close_day",), None, "0 0 * * *", "default"),
        ("stock.purge", ("stock.purge",), 300, None, "default"),
        ("stock.recount", ("stock.recount",), 86400, None, "default")]
    assert {j.func_name for j in cron_jobs} == {"webapp.framework.jobs.periodic.run_periodic"}
    assert [job.name for job in periodic.declared_jobs(app)] == [
        "books.close_day", "loyalty.expire_points", "stock.purge", "stock.recount"]


def test_periods_are_aligned_to_the_clock():
    job = periodic.ScheduledJob("stock", PeriodicJob("jobs:purge", interval=300), "x:y")
    at = datetime(2026, 12, 3, 14, 7, 30, tzinfo=UTC)

    assert job.period(at) == (datetime(2026, 12, 3, 14, 5, tzinfo=UTC), 300)
    assert job.period(at + timedelta(minutes=2, seconds=29))[0] == datetime(2026, 12, 3, 14, 5, tzinfo=UTC)
    assert job.period(at + timedelta(minutes=2, seconds=30))[0] == datetime(2026, 12, 3, 14, 10, tzinfo=UTC)
    hourly = periodic.ScheduledJob("stock", PeriodicJob("jobs:purge", cron="0 * * * *"), "x:y")
    start, length = hourly.period(at)
    assert length == 3600 and start <= at < start + timedelta(hours=1) and start.minute == 0
    assert hourly.period(start) == (start, 3600)  # a run enqueued right at its fire time is in that period


def test_a_period_is_claimed_once():
    redis = FakeStrictRedis()
    job = periodic.ScheduledJob("stock", PeriodicJob("jobs:purge", interval=300), "x:y")
    at = datetime(2026, 12, 3, 14, 7, 30, tzinfo=UTC)

    assert periodic.claim(redis, job, at) is True
    assert periodic.claim(redis, job, at + timedelta(minutes=2)) is False
    assert periodic.claim(redis, job, at + timedelta(minutes=3)) is True  # the next period
    start = int(datetime(2026, 12, 3, 14, 5, tzinfo=UTC).timestamp())
    assert redis.ttl(f"orion:periodic:stock.purge:{start}") > 300


def test_inventory_declares_the_reservation_purge(app, demo):
    jobs = {job.name: job for job in periodic.enabled_jobs(app)}

    assert jobs[PURGE].func == "webapp.modules.inventory.jobs:purge_expired_reservations"
    assert jobs[PURGE].declared.seconds == 300


# ---- flask orion cron (in-process) ---------------------------------------------------------------

def expired_holds(demo, *stores) -> None:
    for index, store in enumerate(stores):
        with store_scope(store.id):
            item = inv.ensure_item(store.id, f"SKU-{index}")
            inv.adjust(store.id, item.id, 3, reason="received")
            inv.reserve(store.id, f"checkout-{index}", {item.id: 1}, minutes=30)
            inv.reserve(store.id, f"live-{index}", {item.id: 1}, minutes=30)
            # Aged afterwards: reserving itself clears expired holds of the item.
            db.session.execute(update(Reservation).where(Reservation.reference == f"checkout-{index}")
                               .values(expires_at=datetime.now(UTC) - timedelta(minutes=1)))
    db.session.commit()
    assert len(reservations()) == 2 * len(stores)


def reservations() -> list[str]:
    return sorted(db.session.scalars(select(Reservation.reference).execution_options(all_stores=True)))


def test_cron_once_runs_the_purge_in_every_store(app, demo):
    expired_holds(demo, demo.acme, demo.bistro)

    result = app.test_cli_runner().invoke(args=["orion", "cron", "--once"])

    assert result.exit_code == 0, result.output
    assert f"{PURGE}: done" in result.output
    db.session.expire_all()
    assert reservations() == ["live-0", "live-1"]


def test_cron_list_shows_each_job_with_its_schedule(app, demo):
    result = app.test_cli_runner().invoke(args=["orion", "cron", "--list"])

    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith(PURGE))
    assert "every 5 min" in line and "default" in line and "enabled" in line


def test_a_module_enabled_nowhere_has_no_run(app, demo):
    expired_holds(demo, demo.acme)
    db.session.add_all([PlatformModule(platform_id=platform.id, module_code="inventory", enabled=False)
                        for platform in (demo.main, demo.loyalty)])
    db.session.commit()
    tenant_directory().invalidate()

    listing = app.test_cli_runner().invoke(args=["orion", "cron", "--list"])
    once = app.test_cli_runner().invoke(args=["orion", "cron", "--once"])

    assert "off (module enabled on no platform)" in listing.output
    assert once.exit_code == 0 and PURGE not in once.output
    assert [job for job in periodic.enabled_jobs(app) if job.module == "inventory"] == []  # (core modules' stay)
    assert periodic.run_periodic(PURGE) == "skipped: not enabled"
    assert reservations() == ["checkout-0", "live-0"]


# ---- RQ's CronScheduler, twice at once, on a real Redis ----------------------------------------

def subprocess_env(app, redis_url: str) -> dict:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": redis_url, "ORION_ENV": "development", "PYTHONPATH": str(REPO_ROOT)}
    if app.config.get("MIGRATIONS_DATABASE_URL"):
        env["MIGRATIONS_DATABASE_URL"] = app.config["MIGRATIONS_DATABASE_URL"]
    env.pop("FLASK_DEBUG", None)
    return env


def wait_clear_of_a_period_boundary(seconds: int = 300, margin: int = 20) -> None:
    # Both schedulers enqueue at start; keep those two enqueues inside one 5-minute period.
    left = seconds - time.time() % seconds
    if left < margin:
        time.sleep(left + 1)


@pytest.mark.redis
def test_two_schedulers_at_once_run_the_purge_once_per_period(app, demo, redis_required):
    expired_holds(demo, demo.acme, demo.bistro)
    env = subprocess_env(app, os.environ["TEST_REDIS_URL"])
    wait_clear_of_a_period_boundary()
    schedulers = [
        subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "orion", "scheduler"], cwd=REPO_ROOT, env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
        subprocess.Popen([sys.executable, "-m", "rq.cli", "cron", "webapp.framework.jobs.cron_config",
                          "--url", env["REDIS_URL"]], cwd=REPO_ROOT, env=env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True),
    ]
    queue = Queue("default", connection=redis_required)

    def purges() -> list[str]:  # other modules' periodic jobs (billing's) are enqueued beside it
        return [job.id for job in queue.get_jobs() if PURGE in (*job.args, job.func_name)]

    try:
        deadline = time.monotonic() + 60
        while len(purges()) < 2 and time.monotonic() < deadline:
            time.sleep(0.5)
        enqueued = purges()
    finally:
        for process in schedulers:  # only the processes this test started
            process.send_signal(signal.SIGTERM)
        logs = [process.communicate(timeout=30)[0] for process in schedulers]

    assert len(enqueued) == 2, logs  # RQ alone would run the purge twice
    worker = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "rq", "worker", "--burst", "default"],
                            cwd=REPO_ROOT, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                            timeout=120, check=False)
    assert worker.returncode == 0, worker.stderr[-3000:]

    results = sorted(str(Job.fetch(job_id, connection=redis_required).return_value()) for job_id in enqueued)
    assert results == ["2", periodic.SKIPPED]  # one run purged both stores' expired holds; the other stood down
    db.session.expire_all()
    assert reservations() == ["live-0", "live-1"]
    assert db.session.scalar(select(func.count()).select_from(Reservation).execution_options(all_stores=True)) == 2


def test_the_in_process_loop_runs_the_purge_when_due(app, demo):
    expired_holds(demo, demo.acme, demo.bistro)
    loop = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "orion", "cron"], cwd=REPO_ROOT,
                            env=subprocess_env(app, ""), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while reservations() != ["live-0", "live-1"] and time.monotonic() < deadline and loop.poll() is None:
            db.session.rollback()  # see the loop's commit
            time.sleep(0.5)
        still_running = loop.poll() is None
    finally:
        loop.send_signal(signal.SIGINT)  # only the process this test started
        output = loop.communicate(timeout=30)[0]

    assert still_running, output  # a loop, not a single pass
    assert reservations() == ["live-0", "live-1"], output
    assert f"{PURGE}: done" in output
