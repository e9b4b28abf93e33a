"""Periodic jobs declared by modules (`ModuleDefinition.periodic_jobs`), run by RQ's CronScheduler.

RQ's CronScheduler enqueues on its own timetable and knows nothing of other schedulers, so two of
them (a second machine, a restarted container still shutting down) would each enqueue every job.
The job they enqueue is `run_periodic(name)`, which first claims the period it belongs to with a
Redis `SET NX` keyed by job and period start: one run per period, whatever the number of schedulers.
Periods are aligned to the clock (multiples of the interval since the epoch, or the cron fire
times), so every scheduler computes the same key.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from croniter import croniter
from flask import Flask, current_app
from rq import get_current_job

from webapp.framework.jobs import runner
from webapp.framework.ports import tenant_directory
from webapp.framework.registry.definition import PeriodicJob

log = logging.getLogger(__name__)
LOCK_PREFIX = "orion:periodic"
SKIPPED = "skipped: another scheduler's run of this period"


@dataclass(frozen=True)
class ScheduledJob:
    module: str
    declared: PeriodicJob
    func: str  # "package.module:function", what the runner calls

    @property
    def name(self) -> str:
        return f"{self.module}.{self.declared.job.rpartition(':')[2]}"

    def period(self, at: datetime) -> tuple[datetime, int]:
        """Start and length (seconds) of the period `at` falls in."""
        at = at.astimezone(UTC)
        if self.declared.cron:
            # Cron fields match local time, as in RQ's CronScheduler.
            local = at.astimezone().replace(tzinfo=None) + timedelta(microseconds=1)
            fires = croniter(self.declared.cron, local)
            start = fires.get_prev(datetime)
            end = croniter(self.declared.cron, start).get_next(datetime)
            return start.astimezone(UTC), int((end - start).total_seconds())
        seconds = self.declared.seconds
        start = int(at.timestamp()) // seconds * seconds
        return datetime.fromtimestamp(start, UTC), seconds

    def next_run(self, after: datetime) -> datetime:
        start, length = self.period(after)
        return start + timedelta(seconds=length)


def declared_jobs(app: Flask) -> list[ScheduledJob]:
    """Every periodic job of every loaded module, in module order."""
    registry = app.extensions["orion.modules"]
    return [ScheduledJob(definition.code, periodic,
                         f"{registry.package}.{definition.code}.{periodic.job}")
            for definition in registry for periodic in definition.periodic_jobs]


def modules_in_use(app: Flask) -> frozenset[str]:
    """Modules enabled on at least one platform (core and internal ones always are)."""
    registry = app.extensions["orion.modules"]
    in_use = set(registry.always_enabled())
    for platform in tenant_directory().all_platforms():
        in_use |= platform.enabled_modules
    return frozenset(in_use)


def enabled_jobs(app: Flask) -> list[ScheduledJob]:
    """The periodic jobs to run: those of modules enabled on some platform."""
    in_use = modules_in_use(app)
    return [job for job in declared_jobs(app) if job.module in in_use]


def claim(connection, job: ScheduledJob, at: datetime) -> bool:
    """Take this period's run of `job`; False when another scheduler's run already took it."""
    start, length = job.period(at)
    key = f"{LOCK_PREFIX}:{job.name}:{int(start.timestamp())}"
    return bool(connection.set(key, at.isoformat(), nx=True, ex=max(2 * length, 300)))


def run_periodic(name: str):
    """What the CronScheduler enqueues: claim the period, then run the module's job once."""
    return runner.run(f"{__name__}:run_claimed", [name], {})


def run_claimed(name: str):
    """Inside the job's app context (the runner commits after it)."""
    app = current_app._get_current_object()
    current = get_current_job()
    at = current.enqueued_at if current is not None and current.enqueued_at else datetime.now(UTC)
    job = next((job for job in enabled_jobs(app) if job.name == name), None)
    if job is None:
        log.info("periodic job %s is no longer enabled on any platform; not run", name)
        return "skipped: not enabled"
    if current is not None and not claim(current.connection, job, at):
        log.info("periodic job %s: %s", name, SKIPPED)
        return SKIPPED
    return runner.resolve(job.func)()


def register_jobs(app: Flask, register) -> list[ScheduledJob]:
    """Hand every enabled job to a CronScheduler's `register` (the instance's or `rq.cron.register`)."""
    jobs = enabled_jobs(app)
    for job in jobs:
        register(run_periodic, job.declared.queue, args=(job.name,), name=job.name,
                 interval=job.declared.seconds, cron=job.declared.cron, job_timeout=job.declared.timeout)
    return jobs
