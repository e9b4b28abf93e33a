"""`GET /jobs/<id>`: a job's progress for the user who started it, as an htmx-polled fragment."""

from __future__ import annotations

from flask import Blueprint, abort, render_template
from flask_login import current_user

from webapp.framework.auth.access import login_required
from webapp.framework.jobs.enqueue import job_status

bp = Blueprint("jobs", __name__)


@bp.get("/jobs/<job_id>")
@login_required
def job_show(job_id: str):
    status = job_status(job_id)
    if status is None or status.user_id != current_user.id:
        abort(404)  # other users' jobs do not exist for you
    return render_template("shared/_job_progress.html", job=status)
