"""Helpers of the staff-account tests: outbox, audit entries, TOTP codes at a fixed time."""

from __future__ import annotations

import re

import pyotp
from flask import current_app
from rq import SimpleWorker
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.jobs.queues import get_queue
from webapp.modules.core.models import AuditEntry
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import User
from webapp.modules.tenancy.services import two_factor

PASSWORD = "orion-demo"
NEW_PASSWORD = "a-brand-new-secret"
NOW = 1_800_000_000  # a fixed clock, 30-second step 60_000_000


def text(response) -> str:
    return response.get_data(as_text=True)


def run_reset_jobs() -> None:
    """Run the queued password-reset jobs: done in-process already on the embedded default; with
    Redis, a non-forking burst worker in this process (as tests/integration/test_events.py does)."""
    state = current_app.extensions["orion.jobs"]
    if not state["is_async"]:
        return
    queue = get_queue("high")  # (cached) before the flag flips: an async queue
    state["is_async"] = False  # the runner must not take this process for a forked work-horse
    try:
        SimpleWorker([queue], connection=state["connection"]).work(burst=True)
    finally:
        state["is_async"] = True


def emails() -> list[OutboxMessage]:
    run_reset_jobs()
    db.session.expire_all()
    return list(db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id)))


def link_in(body: str) -> str:
    match = re.search(r"https?://\S+", body)
    assert match, body
    return match.group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def audit_entries(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def reload(user_id: int) -> User:
    db.session.expire_all()
    return db.session.get(User, user_id)


def signed_in_user_id(client) -> str | None:
    with client.session_transaction() as session:
        return session.get("_user_id")


def freeze(monkeypatch, at: int = NOW) -> None:
    """Stand the TOTP clock still at `at` (seconds)."""
    monkeypatch.setattr(two_factor, "_clock", lambda: at)


def code(secret: str, at: int = NOW) -> str:
    return pyotp.TOTP(secret).at(at)


def enable_two_factor(client, monkeypatch, at: int = NOW) -> tuple[str, list[str]]:
    """Set up TOTP for the signed-in user through the pages; returns (secret, recovery codes)."""
    freeze(monkeypatch, at)
    assert client.post("/auth/account/two-factor/start").status_code == 303
    page = text(client.get("/auth/account/two-factor"))
    secret = re.search(r'<code class="secret-key">([A-Z2-7 ]+)</code>', page).group(1).replace(" ", "")
    done = client.post("/auth/account/two-factor/confirm", data={"code": code(secret, at)})
    assert done.status_code == 200, text(done)[:800]
    codes = re.findall(r"<li><code>([0-9a-f]{5}-[0-9a-f]{5})</code></li>", text(done))
    assert len(codes) == 10
    return secret, codes
