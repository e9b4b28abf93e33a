"""Background jobs through `webapp.framework.jobs.enqueue`.

Embedded default (no Redis): jobs run in-process on a fake Redis, after the enqueuing
transaction commits. With TEST_REDIS_URL: a real `flask rq worker --burst` process runs them.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from rq.registry import StartedJobRegistry
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.jobs import enqueue, job_status
from webapp.framework.jobs.queues import get_queue
from webapp.modules.tenancy.models import Platform
from webapp.modules.tenancy.services import create_platform

REPO_ROOT = Path(__file__).resolve().parents[2]
CREATE_PLATFORM = "tests.fixtures.sample_jobs:create_platform_job"
PROGRESS = "tests.fixtures.sample_jobs:progress_job"
FAILING = "tests.fixtures.sample_jobs:failing_job"


def platform_count(code: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Platform).where(Platform.code == code))


@pytest.fixture
def in_process(app):
    if app.extensions["orion.jobs"]["is_async"]:
        pytest.skip("the app has Redis: jobs go to a worker, not in-process")


# ---- embedded default: in-process ------------------------------------------------------------

def test_job_runs_in_process_and_reports_finished(in_process):
    job_id = enqueue(CREATE_PLATFORM, "jobsone", title="Create a platform")

    assert platform_count("jobsone") == 1
    status = job_status(job_id)
    assert status is not None
    assert status.status == "finished"
    assert status.progress == 100
    assert status.title == "Create a platform"
    assert status.is_done


def test_progress_reported_by_the_job_is_kept(in_process):
    job_id = enqueue(PROGRESS, title="Progress")

    status = job_status(job_id)
    assert status.status == "finished"
    assert status.progress == 100
    assert status.message == "half"


def test_failing_job_is_visibly_failed_with_its_error(in_process):
    job_id = enqueue(FAILING, title="Fails")

    status = job_status(job_id)
    assert status.status == "failed"
    assert status.is_done
    assert status.error is not None
    assert "ValueError" in status.error
    assert "sample job failed on purpose" in status.error


def test_job_enqueued_with_pending_writes_runs_after_commit(in_process):
    create_platform("txnowner", "Txn owner")  # flushed, not committed: the transaction has writes
    job_id = enqueue(CREATE_PLATFORM, "aftercommit", title="After commit")

    assert job_status(job_id) is None  # not even sent yet
    assert platform_count("aftercommit") == 0

    db.session.commit()

    assert platform_count("aftercommit") == 1
    assert platform_count("txnowner") == 1
    assert job_status(job_id).status == "finished"


def test_job_enqueued_with_pending_writes_is_dropped_on_rollback(in_process):
    create_platform("rolledback", "Rolled back")
    job_id = enqueue(CREATE_PLATFORM, "neverrun", title="Never")

    db.session.rollback()

    assert job_status(job_id) is None
    assert platform_count("neverrun") == 0
    assert platform_count("rolledback") == 0
    # A later commit does not resurrect the dropped job.
    create_platform("later", "Later")
    db.session.commit()
    assert platform_count("neverrun") == 0
    assert job_status(job_id) is None


def test_unique_job_with_the_same_id_runs_once_in_process(in_process):
    first = enqueue(CREATE_PLATFORM, "uniqone", title="Unique", job_id="platform-uniqone", unique=True)
    second = enqueue(CREATE_PLATFORM, "uniqone", title="Unique", job_id="platform-uniqone", unique=True)

    assert first == second == "platform-uniqone"
    assert platform_count("uniqone") == 1
    # Had it run twice, create_platform would have raised DuplicateCode and the job would be failed.
    assert job_status("platform-uniqone").status == "finished"


def test_unique_needs_an_explicit_job_id(app):
    with pytest.raises(ValueError, match="job_id"):
        enqueue(CREATE_PLATFORM, "nope", title="No id", unique=True)


# ---- real Redis, real worker process ---------------------------------------------------------

def run_worker(app) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
           "REDIS_URL": app.config["REDIS_URL"], "ORION_ENV": "development", "PYTHONPATH": str(REPO_ROOT)}
    result = subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", "rq", "worker", "--burst"],
                            env=env, cwd=REPO_ROOT, timeout=120, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-4000:]
    return result


def test_job_with_pending_writes_reaches_redis_only_at_commit(app, redis_required):
    create_platform("txnowner", "Txn owner")
    kept = enqueue(CREATE_PLATFORM, "queuedlater", title="Sent at commit")
    assert job_status(kept) is None
    assert get_queue("default").count == 0

    db.session.commit()

    assert job_status(kept).status == "queued"
    assert get_queue("default").count == 1

    create_platform("rolledback", "Rolled back")
    dropped = enqueue(CREATE_PLATFORM, "neverqueued", title="Dropped")
    db.session.rollback()
    assert job_status(dropped) is None
    assert get_queue("default").count == 1


def test_worker_process_runs_the_job_and_reports_finished(app, redis_required):
    job_id = enqueue(CREATE_PLATFORM, "byworker", title="By the worker")
    assert job_status(job_id).status == "queued"
    assert platform_count("byworker") == 0

    run_worker(app)

    db.session.rollback()  # see the worker's commit with a fresh transaction
    assert platform_count("byworker") == 1
    status = job_status(job_id)
    assert status.status == "finished"
    assert status.progress == 100


def test_worker_process_marks_a_failing_job_failed_not_started(app, redis_required):
    job_id = enqueue(FAILING, title="Fails in the worker")

    run_worker(app)

    status = job_status(job_id)
    assert status.status == "failed"
    assert "sample job failed on purpose" in (status.error or "")
    started = StartedJobRegistry(queue=get_queue("default"))
    assert job_id not in started.get_job_ids()


def test_unique_job_enqueued_twice_runs_once_in_the_worker(app, redis_required):
    first = enqueue(CREATE_PLATFORM, "uniqworker", title="Unique", job_id="platform-uniqworker", unique=True)
    second = enqueue(CREATE_PLATFORM, "uniqworker", title="Unique", job_id="platform-uniqworker", unique=True)
    assert first == second == "platform-uniqworker"
    assert get_queue("default").count == 1

    run_worker(app)

    db.session.rollback()
    assert platform_count("uniqworker") == 1
    assert job_status("platform-uniqworker").status == "finished"
    # Enqueued again once it has run: still not run a second time (RQ keeps the finished job).
    enqueue(CREATE_PLATFORM, "uniqworker", title="Unique", job_id="platform-uniqworker", unique=True)
    assert get_queue("default").count == 0
