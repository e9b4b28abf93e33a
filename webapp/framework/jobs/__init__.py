"""Background jobs on RQ: enqueue after commit, run inside the app, report progress."""

from webapp.framework.jobs.enqueue import JobStatus, enqueue, job_status, set_progress

__all__ = ["JobStatus", "enqueue", "job_status", "set_progress"]
