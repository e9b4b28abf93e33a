"""The one way to start a job: recorded tenant, title and user; sent after the commit."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from rq import Retry, get_current_job
from rq.exceptions import DuplicateJobError, NoSuchJobError
from rq.job import Job
from sqlalchemy import event
from sqlalchemy.orm import Session

from webapp.extensions import db
from webapp.framework.jobs.queues import connection, get_queue

PENDING_KEY = "orion.pending_jobs"
WROTE_KEY = "orion.wrote"
RUNNER = "webapp.framework.jobs.runner.run"


@dataclass(frozen=True)
class JobStatus:
    id: str
    status: str  # queued | started | finished | failed | deferred | scheduled | stopped | canceled
    title: str
    progress: int
    message: str
    store_id: int | None
    user_id: int | None
    error: str | None = None

    @property
    def is_done(self) -> bool:
        return self.status in ("finished", "failed", "stopped", "canceled")


def enqueue(func: str, *args, title: str, store_id: int | None = None, user_id: int | None = None,
            job_id: str | None = None, queue: str = "default", retries: int = 0, unique: bool = False,
            **kwargs) -> str:
    """Queue `func` (a dotted path "package.module:function") once the current transaction commits.

    `unique=True` (needs a `job_id` derived from the work, e.g. f"import-{store_id}-{file_id}")
    sends the job only if no job with that id is known to RQ yet (queued, running, or finished
    and not yet expired): a double click or a re-sent request starts the work once. A duplicate
    is not an error: `enqueue` returns the id of the existing job, whose status is readable.
    """
    if ":" not in func:
        raise ValueError("jobs are named as 'package.module:function'")
    if unique and not job_id:
        raise ValueError("unique=True needs an explicit job_id derived from the work")
    job_id = job_id or uuid.uuid4().hex
    meta = {"title": title, "store_id": store_id, "user_id": user_id, "progress": 0, "message": ""}
    options = {"job_id": job_id, "meta": meta, "description": title, "queue": queue, "unique": unique,
               "retry": Retry(max=retries, interval=[10, 60, 300][:retries]) if retries else None}
    pending = (func, args, kwargs, options)
    session = db.session()  # the request's Session (scoped_session does not proxy in_transaction)
    if session.in_transaction() and _has_writes(session):
        session.info.setdefault(PENDING_KEY, []).append(pending)
    else:
        _send(pending)
    return job_id


def _send(pending) -> Job | None:
    func, args, kwargs, options = pending
    options = dict(options)
    queue = get_queue(options.pop("queue"))
    unique = options.pop("unique", False)
    if unique and not queue.is_async:
        # In-process queue on a fake Redis (no Lua for RQ's atomic check): one process, so a
        # plain existence check is enough.
        if Job.exists(options["job_id"], connection=queue.connection):
            return None
        unique = False
    try:
        return queue.enqueue_call(RUNNER, args=(func, list(args), kwargs), timeout=3600,
                                  result_ttl=86400, failure_ttl=7 * 86400, unique=unique, **options)
    except DuplicateJobError:
        return None  # the same work is already queued, running or done


def _has_writes(session) -> bool:
    return bool(session.new or session.dirty or session.deleted or session.info.get(WROTE_KEY))


def _mark_written(session, _flush_context) -> None:
    session.info[WROTE_KEY] = True


def _flush_pending(session) -> None:
    if session.in_nested_transaction():
        return  # a SAVEPOINT was released: the jobs wait for the real commit
    session.info.pop(WROTE_KEY, None)
    for pending in session.info.pop(PENDING_KEY, []):
        _send(pending)


def _drop_pending(session) -> None:
    if session.in_nested_transaction():
        return  # only a SAVEPOINT was rolled back: jobs queued before it still stand
    session.info.pop(WROTE_KEY, None)
    session.info.pop(PENDING_KEY, None)


event.listen(Session, "after_flush", _mark_written)
event.listen(Session, "after_commit", _flush_pending)
event.listen(Session, "after_rollback", _drop_pending)


def set_progress(percent: int, message: str = "") -> None:
    """Report progress from inside a running job; readable by the user who started it."""
    job = get_current_job()
    if job is None:
        return
    job.meta["progress"] = max(0, min(100, int(percent)))
    job.meta["message"] = message
    job.save_meta()


def job_status(job_id: str) -> JobStatus | None:
    try:
        job = Job.fetch(job_id, connection=connection())
    except NoSuchJobError:
        return None
    meta = job.meta or {}
    status = job.get_status(refresh=False)
    error = None
    if status == "failed":
        result = job.latest_result()
        error = (result.exc_string or "").strip().splitlines()[-1] if result and result.exc_string else None
    return JobStatus(id=job.id, status=str(getattr(status, "value", status)), title=meta.get("title", ""),
                     progress=100 if status == "finished" else int(meta.get("progress", 0)),
                     message=meta.get("message", ""), store_id=meta.get("store_id"),
                     user_id=meta.get("user_id"), error=error)
