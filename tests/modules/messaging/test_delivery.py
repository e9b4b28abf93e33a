"""Delivery: the development outbox, SMTP at its boundary, failures, retries, idempotency."""

from __future__ import annotations

import smtplib

import pytest

from tests.integration.test_jobs import run_worker
from webapp.extensions import db
from webapp.modules.messaging import jobs
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.messaging.services import DeliveryFailed, send_email

pytestmark = pytest.mark.usefixtures("email_templates")
CONTEXT = {"store_name": "Acme", "name": "Ada"}


class FakeSMTP:
    """Stands in for smtplib.SMTP (the third-party boundary); records what was sent."""

    sent: list = []
    calls: list = []
    fail_with: Exception | None = None

    def __init__(self, host, port, timeout=None):
        self.calls.append(("connect", host, port, timeout))

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def starttls(self, context=None):
        self.calls.append(("starttls",))

    def login(self, user, password):
        self.calls.append(("login", user, password))

    def send_message(self, message):
        if self.fail_with is not None:
            raise self.fail_with
        self.sent.append(message)


@pytest.fixture
def smtp(app, monkeypatch):
    monkeypatch.setattr(FakeSMTP, "sent", [])
    monkeypatch.setattr(FakeSMTP, "calls", [])
    monkeypatch.setattr(FakeSMTP, "fail_with", None)
    monkeypatch.setattr(smtplib, "SMTP", FakeSMTP)
    settings = {"SMTP_HOST": "smtp.example.test", "SMTP_PORT": 2525, "SMTP_TLS": True, "SMTP_USER": "mailer",
                "SMTP_PASSWORD": "s3cret", "MAIL_FROM": "Shop <shop@example.test>"}
    for key, value in settings.items():
        monkeypatch.setitem(app.config, f"MESSAGING_{key}", value)
    return FakeSMTP


def queued_message(store_id) -> OutboxMessage:
    """A queued message whose delivery job has not run (no commit yet: jobs go out after it)."""
    return send_email(store_id, "testmail/emails/welcome", "ada@example.com", CONTEXT, locale="en")


def stored_message(store_id) -> OutboxMessage:
    """A queued message with no delivery job pending, for tests that run the job themselves."""
    message = OutboxMessage(store_id=store_id, to_address="ada@example.com", subject="Welcome to Acme",
                            body_text="Hello Ada,\n", template="testmail/emails/welcome", locale="en")
    db.session.add(message)
    db.session.commit()
    return message


def reload(message_id) -> OutboxMessage:
    db.session.expire_all()
    return db.session.get(OutboxMessage, message_id)


def test_in_process_delivery_after_commit_marks_the_message_sent(demo, in_process):
    message = queued_message(demo.acme.id)
    assert reload(message.id).status == "queued"  # nothing is sent before the commit

    db.session.commit()

    delivered = reload(message.id)
    assert delivered.status == "sent"
    assert delivered.attempts == 1
    assert delivered.sent_at is not None


def test_a_rolled_back_email_is_never_delivered(demo, in_process, smtp):
    message_id = queued_message(demo.acme.id).id
    db.session.rollback()
    assert db.session.get(OutboxMessage, message_id) is None
    assert smtp.sent == []


def test_smtp_delivery_sends_a_multipart_message(demo, in_process, smtp):
    message = queued_message(demo.acme.id)
    db.session.commit()

    assert reload(message.id).status == "sent"
    assert ("connect", "smtp.example.test", 2525, 10) in smtp.calls
    assert ("starttls",) in smtp.calls and ("login", "mailer", "s3cret") in smtp.calls
    [email] = smtp.sent
    assert (email["From"], email["To"], email["Subject"]) == ("Shop <shop@example.test>", "ada@example.com",
                                                              "Welcome to Acme")
    assert email.get_body(("plain",)).get_content() == "Hello Ada,\nwelcome!\n"
    assert email.get_body(("html",)).get_content().strip() == "<p>Hello Ada</p>"


def test_a_sent_message_is_never_sent_again(demo, smtp):
    message = stored_message(demo.acme.id)
    assert jobs.deliver(message.id) == "sent"
    assert jobs.deliver(message.id) == "sent"  # RQ delivers at least once: the re-run is a no-op
    assert len(smtp.sent) == 1
    assert reload(message.id).attempts == 1


def test_in_process_smtp_failure_is_recorded_and_final(demo, in_process, smtp):
    smtp.fail_with = smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
    message = queued_message(demo.acme.id)
    db.session.commit()  # the job runs, fails, and (in-process) is not retried

    failed = reload(message.id)
    assert failed.status == "failed"
    assert failed.attempts == 1
    assert failed.last_error == "SMTPServerDisconnected: Connection unexpectedly closed"
    assert failed.sent_at is None


def test_smtp_failures_are_retried_until_the_attempts_are_used_up(app, demo, smtp, monkeypatch):
    smtp.fail_with = smtplib.SMTPResponseException(451, b"Try again later")
    monkeypatch.setattr(jobs, "_retry_follows", lambda: True)  # as under an RQ worker with retries left
    message = stored_message(demo.acme.id)
    attempts = app.config["MESSAGING_SEND_RETRIES"] + 1

    for attempt in range(1, attempts + 1):
        with pytest.raises(DeliveryFailed):
            jobs.deliver(message.id)  # re-raised: RQ schedules the retry
        current = reload(message.id)
        assert current.attempts == attempt
        assert "451" in current.last_error
        assert current.status == ("failed" if attempt == attempts else "queued")

    assert jobs.deliver(message.id) == "failed"  # a late duplicate run changes nothing
    assert reload(message.id).attempts == attempts


def test_the_recorded_failure_survives_the_runner_rollback(demo, smtp, monkeypatch):
    smtp.fail_with = OSError("Connection refused")
    monkeypatch.setattr(jobs, "_retry_follows", lambda: True)
    message = stored_message(demo.acme.id)
    with pytest.raises(DeliveryFailed):
        jobs.deliver(message.id)
    db.session.rollback()  # what the job runner does after an exception

    assert reload(message.id).last_error == "OSError: Connection refused"


def test_with_redis_a_worker_process_delivers_the_email(app, demo, redis_required):
    message = queued_message(demo.acme.id)
    db.session.commit()
    assert reload(message.id).status == "queued"  # waiting for the worker

    run_worker(app)

    delivered = reload(message.id)
    assert (delivered.status, delivered.attempts) == ("sent", 1)
