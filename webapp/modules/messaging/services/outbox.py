"""Queueing emails and reading the outbox."""

from __future__ import annotations

import re

from flask import current_app
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.jobs import enqueue
from webapp.modules.messaging.exceptions import MessagingError
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.messaging.services.rendering import render_email
from webapp.modules.tenancy.services import platform_id_of_store

PER_PAGE = 25
ADDRESS = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
DELIVER_JOB = "webapp.modules.messaging.jobs:deliver"


def _clean_address(to: str) -> str:
    address = (to or "").strip()
    if len(address) > 254 or not ADDRESS.match(address):
        raise MessagingError(f"invalid email address {to!r}")
    return address


def _platform_of_store(store_id: int) -> int:
    platform_id = platform_id_of_store(store_id)
    if platform_id is None:
        raise MessagingError(f"unknown store {store_id}")
    return platform_id


def send_email(store_id: int | None, template: str, to: str, context: dict, *, locale: str,
               platform_id: int | None = None) -> OutboxMessage:
    """Render `template` in `locale`, keep it in the outbox and queue its delivery after the commit.

    `template` names files in the owning module's templates folder, e.g. "customers/emails/welcome"
    for `customers/emails/welcome.fr.txt` (first line `Subject: ...`) and an optional `.html`.
    `context` holds plain values. Platform mails pass `store_id=None` (and their `platform_id`).
    """
    address = _clean_address(to)
    email = render_email(template, context, locale)
    if store_id is not None:
        platform_id = _platform_of_store(store_id)
    message = OutboxMessage(store_id=store_id, platform_id=platform_id, to_address=address, subject=email.subject,
                            body_text=email.text, body_html=email.html, template=template, locale=email.locale,
                            status="queued", attempts=0)
    db.session.add(message)
    db.session.flush()
    enqueue(DELIVER_JOB, message.id, title=f"Email {template}", store_id=store_id,
            retries=current_app.config["MESSAGING_SEND_RETRIES"])
    return message


def _newest_first(query):
    return query.order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())


def store_outbox(store_id: int, *, page: int = 1):
    """One page of a store's emails, newest first."""
    query = _newest_first(select(OutboxMessage).where(OutboxMessage.store_id == store_id))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def store_message(store_id: int, message_id: int) -> OutboxMessage | None:
    """One of the store's emails; another store's id is simply not found."""
    return db.session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id,
                                                         OutboxMessage.store_id == store_id))


def _admin_filter(query, platform_ids: list[int] | None):
    return query if platform_ids is None else query.where(OutboxMessage.platform_id.in_(platform_ids))


def admin_outbox(platform_ids: list[int] | None, *, page: int = 1):
    """One page of every email on the given platforms (None: all platforms), newest first."""
    query = _admin_filter(_newest_first(select(OutboxMessage)), platform_ids)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def admin_message(platform_ids: list[int] | None, message_id: int) -> OutboxMessage | None:
    """One email, if it belongs to one of the given platforms (None: any)."""
    query = _admin_filter(select(OutboxMessage).where(OutboxMessage.id == message_id), platform_ids)
    return db.session.scalar(query)
