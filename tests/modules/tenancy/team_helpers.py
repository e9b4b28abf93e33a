"""Shared steps of the team tests: reading invitation links from the outbox, counting audit entries."""

from __future__ import annotations

import re

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.core.models import AuditEntry
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import Invitation, StoreMembership, StoreRole, User

TEAM = "/store/acme/team"
LINK = re.compile(r"https?://[^/\s]+(/auth/invitations/[^\s]+)")


def fresh(model, **where):
    db.session.expire_all()
    query = select(model)
    for name, value in where.items():
        query = query.where(getattr(model, name) == value)
    return list(db.session.scalars(query.order_by(model.id)))


def entries(action: str) -> list[AuditEntry]:
    return fresh(AuditEntry, action=action)


def emails_to(address: str) -> list[OutboxMessage]:
    return fresh(OutboxMessage, to_address=address)


def invitation_path(address: str) -> str:
    """The accept path in the latest invitation email to `address`."""
    message = emails_to(address)[-1]
    match = LINK.search(message.body_text)
    assert match, message.body_text
    return match.group(1)


def membership(store, email: str) -> StoreMembership | None:
    db.session.expire_all()
    return db.session.scalar(select(StoreMembership).join(User).where(StoreMembership.store_id == store.id,
                                                                      User.email == email))


def make_role(store, name: str, permissions: list[str]) -> StoreRole:
    role = StoreRole(store_id=store.id, name=name, permissions=permissions)
    db.session.add(role)
    db.session.commit()
    return role


def invitations(store) -> list[Invitation]:
    return fresh(Invitation, store_id=store.id)
