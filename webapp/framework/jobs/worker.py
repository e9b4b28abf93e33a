"""`flask rq worker`: an RQ worker with the application preloaded in the parent process."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup
from rq import Worker

from webapp.framework.jobs import runner
from webapp.framework.jobs.queues import get_queue

rq_cli = AppGroup("rq", help="Background job worker (RQ).")


@rq_cli.command("worker")
@click.argument("queues", nargs=-1)
@click.option("--burst", is_flag=True, help="Stop when the queues are empty.")
@click.option("--with-scheduler", is_flag=True, help="Also run scheduled jobs and retries.")
def worker_command(queues, burst, with_scheduler):
    """Run a worker for QUEUES (default: every configured queue)."""
    state = current_app.extensions["orion.jobs"]
    if not state["is_async"]:
        raise click.ClickException("REDIS_URL is not set: jobs already run in-process, no worker needed.")
    runner.use_app(current_app._get_current_object())
    names = queues or current_app.config["JOB_QUEUES"]
    worker = Worker([get_queue(name) for name in names], connection=state["connection"])
    worker.work(burst=burst, with_scheduler=with_scheduler)
