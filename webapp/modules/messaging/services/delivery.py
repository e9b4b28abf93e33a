"""Delivering one outbox email: SMTP when configured, otherwise the development outbox (the log)."""

from __future__ import annotations

import logging
import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from flask import current_app
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.messaging.exceptions import DeliveryFailed
from webapp.modules.messaging.models import OutboxMessage, utcnow

log = logging.getLogger(__name__)
# Transient or not, these end the attempt with a recorded error instead of a lost email.
SEND_ERRORS = (smtplib.SMTPException, OSError, ValueError)


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to_address
    email["Subject"] = message.subject
    email["Date"] = formatdate(usegmt=True)
    email["Message-ID"] = make_msgid(domain=sender.rpartition("@")[2].strip("> ") or None)
    email.set_content(message.body_text)
    if message.body_html:
        email.add_alternative(message.body_html, subtype="html")
    return email


def _send_smtp(message: OutboxMessage, config) -> None:
    email = _build(message, config["MESSAGING_MAIL_FROM"])
    with smtplib.SMTP(config["MESSAGING_SMTP_HOST"], config["MESSAGING_SMTP_PORT"],
                      timeout=config["MESSAGING_SMTP_TIMEOUT"]) as smtp:
        if config["MESSAGING_SMTP_TLS"]:
            smtp.starttls(context=ssl.create_default_context())
        if config["MESSAGING_SMTP_USER"]:
            smtp.login(config["MESSAGING_SMTP_USER"], config["MESSAGING_SMTP_PASSWORD"])
        smtp.send_message(email)


def max_attempts() -> int:
    return int(current_app.config["MESSAGING_SEND_RETRIES"]) + 1


def deliver_message(message_id: int, *, final_attempt: bool = False) -> str:
    """Send a queued email once; a sent or failed one is left alone. Returns the status.

    On a send error the attempt and error are recorded (flushed) and `DeliveryFailed` raised;
    the message is `failed` once the attempts are used up or `final_attempt` says no retry follows.
    """
    # The row lock makes a second worker running the same job wait, then see "sent".
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update())
    if message is None:
        log.warning("outbox message %s no longer exists", message_id)
        return "missing"
    if message.status != "queued":
        return message.status
    config = current_app.config
    message.attempts += 1
    try:
        if config["MESSAGING_SMTP_HOST"]:
            _send_smtp(message, config)
        else:
            log.info("development outbox: email %s to %s\nSubject: %s\n\n%s", message.id, message.to_address,
                     message.subject, message.body_text)
    except SEND_ERRORS as error:
        message.last_error = f"{type(error).__name__}: {error}"[:500]
        if final_attempt or message.attempts >= max_attempts():
            message.status = "failed"
        db.session.flush()
        raise DeliveryFailed(message.last_error, message_id=message.id) from error
    message.status = "sent"
    message.sent_at = utcnow()
    message.last_error = None
    db.session.flush()
    return "sent"
