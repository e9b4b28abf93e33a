"""The billing jobs as the scheduler runs them: declared periodic jobs, `flask orion cron --once`,
and (with TEST_REDIS_URL) a real `flask rq worker` process; re-running a day does nothing twice."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.jobs import enqueue, job_status
from webapp.framework.jobs.periodic import enabled_jobs
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription
from webapp.modules.billing.services import advance_clock

REPO_ROOT = Path(__file__).resolve().parents[3]
JOBS = ("billing.end_due_trials", "billing.renew_subscriptions", "billing.collect_new_invoices",
        "billing.retry_due_payments", "billing.cancel_long_paused")


def _state(subscription_id: int) -> str:
    db.session.rollback()  # see the other process's commit
    db.session.expire_all()
    return db.session.get(Subscription, subscription_id).state


def _counts() -> tuple[int, int]:
    return (db.session.scalar(select(func.count(Invoice.id))),
            db.session.scalar(select(func.count(PaymentAttempt.id))))


def test_the_jobs_are_declared_hourly(app, demo, tiers):
    declared = {job.name: job.declared.seconds for job in enabled_jobs(app) if job.module == "billing"}
    assert declared == dict.fromkeys(JOBS, 3600)


def test_cron_once_ends_a_due_trial_once(app, demo, subscribe, with_card):
    paused = subscribe(demo.acme, "essential", state="trialing")
    charged = with_card(subscribe(demo.bistro, "essential", state="trialing"))
    advance_clock(days=15)
    db.session.commit()
    first = app.test_cli_runner().invoke(args=["orion", "cron", "--once"])
    assert first.exit_code == 0, first.output
    assert _state(paused.id) == "paused" and _state(charged.id) == "active"
    assert _counts() == (2, 1)
    again = app.test_cli_runner().invoke(args=["orion", "cron", "--once"])
    assert again.exit_code == 0 and _counts() == (2, 1)


def _run_worker(app) -> None:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": app.config["REDIS_URL"], "ORION_ENV": "development", "PYTHONPATH": str(REPO_ROOT)}
    if app.config.get("MIGRATIONS_DATABASE_URL"):
        env["MIGRATIONS_DATABASE_URL"] = app.config["MIGRATIONS_DATABASE_URL"]
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "rq", "worker", "--burst"],
                            env=env, cwd=REPO_ROOT, timeout=120, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]


@pytest.mark.redis
def test_a_worker_runs_the_dunning_day_and_a_rerun_does_nothing_twice(app, demo, subscribe, with_card,
                                                                      redis_required):
    subscription = with_card(subscribe(demo.acme, "essential", state="trialing"), "4000000000000002")
    advance_clock(days=15)
    db.session.commit()
    ended = enqueue("webapp.modules.billing.jobs:end_due_trials", title="Trial ends")
    db.session.commit()
    _run_worker(app)
    assert job_status(ended).status == "finished"
    assert _state(subscription.id) == "past_due" and _counts() == (1, 1)

    advance_clock(days=3)  # days 1 and 3 are due: two retries, the second one restricts
    db.session.commit()
    for _ in range(2):  # the same day run twice
        enqueue("webapp.modules.billing.jobs:retry_due_payments", title="Retries")
        db.session.commit()
        _run_worker(app)
    assert _state(subscription.id) == "restricted" and _counts() == (1, 3)
