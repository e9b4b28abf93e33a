"""`flask orion cron` (periodic jobs in-process, the embedded default) and `flask orion scheduler`
(RQ's CronScheduler on Redis; `rq cron webapp.framework.jobs.cron_config` is the same)."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import click
from flask import current_app
from rq.cron import CronScheduler

from webapp.framework.jobs import runner
from webapp.framework.jobs.periodic import SKIPPED, claim, declared_jobs, enabled_jobs, modules_in_use, register_jobs


@click.command("cron")
@click.option("--once", is_flag=True, help="Run every enabled periodic job once now, then stop.")
@click.option("--list", "list_only", is_flag=True, help="Show the declared periodic jobs and their schedule.")
def cron_command(once, list_only):
    """Run the modules' periodic jobs in this process, each when due (one such process only)."""
    app = current_app._get_current_object()
    if list_only:
        _list(app)
        return
    if once:
        for job in enabled_jobs(app):
            _run(job)
        return
    click.echo("Running periodic jobs in-process (Ctrl+C stops).")
    due: dict[str, datetime] = {}
    try:
        while True:
            now = datetime.now(UTC)
            for job in enabled_jobs(app):  # read each pass: modules switched on or off take effect
                # Interval jobs run at once, like RQ's scheduler; cron jobs at their next fire time.
                due.setdefault(job.name, now if job.declared.seconds else job.next_run(now))
                if now >= due[job.name]:
                    _run(job)
                    due[job.name] = job.next_run(datetime.now(UTC))
            wait = min([(moment - datetime.now(UTC)).total_seconds() for moment in due.values()] or [60])
            time.sleep(max(1.0, min(wait, 60.0)))
    except KeyboardInterrupt:
        click.echo("Stopped.")


def _run(job) -> None:
    state = current_app.extensions["orion.jobs"]
    # With Redis, this loop and any `rq cron` scheduler share the per-period claim.
    if state["is_async"] and not claim(state["connection"], job, datetime.now(UTC)):
        click.echo(f"{job.name}: {SKIPPED}")
        return
    started = time.monotonic()
    try:
        result = runner.run(job.func, [], {})
    except Exception as error:  # one failing job must not stop the others; the runner logged it
        click.echo(f"{job.name}: failed ({error})", err=True)
        return
    click.echo(f"{job.name}: done in {time.monotonic() - started:.1f} s (result {result!r})")


def _list(app) -> None:
    in_use = modules_in_use(app)
    jobs = declared_jobs(app)
    click.echo(f"{'job':<45} {'schedule':<22} {'queue':<10} state")
    for job in jobs:
        state = "enabled" if job.module in in_use else "off (module enabled on no platform)"
        click.echo(f"{job.name:<45} {job.declared.schedule:<22} {job.declared.queue:<10} {state}")
    click.echo(f"\n{len(jobs)} periodic job(s)")


@click.command("scheduler")
def scheduler_command():
    """RQ's CronScheduler for the enabled modules' periodic jobs (needs REDIS_URL and a worker)."""
    state = current_app.extensions["orion.jobs"]
    if not state["is_async"]:
        raise click.ClickException("REDIS_URL is not set: run `flask orion cron` for in-process periodic jobs.")
    scheduler = CronScheduler(connection=state["connection"])
    jobs = register_jobs(current_app._get_current_object(), scheduler.register)
    click.echo(f"Scheduling {len(jobs)} periodic job(s): " + ", ".join(job.name for job in jobs))
    scheduler.start()
