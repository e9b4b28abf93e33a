"""Job entry points of the messaging module."""

from __future__ import annotations

from rq import get_current_job

from webapp.extensions import db
from webapp.framework.jobs.queues import get_queue
from webapp.modules.messaging.exceptions import DeliveryFailed
from webapp.modules.messaging.services import deliver_message


def _retry_follows() -> bool:
    """Whether RQ will run this job again if it fails now (in-process queues never retry)."""
    job = get_current_job()
    return job is not None and bool(job.retries_left) and get_queue(job.origin).is_async


def deliver(message_id: int) -> str:
    """Deliver one outbox email; a failure is recorded, then re-raised so RQ retries with backoff."""
    try:
        return deliver_message(message_id, final_attempt=not _retry_follows())
    except DeliveryFailed:
        db.session.commit()  # keep the recorded attempt: the job runner rolls back on errors
        raise
