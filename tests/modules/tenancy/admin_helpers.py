"""Shared bits of the admin tests: a platform admin of `loyalty`, audit and outbox look-ups."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.core.models import AuditEntry
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.services import create_user


def loyalty_admin(demo):
    user = create_user("padmin@loyalty.test", "orion-demo", platform_role="platform_admin",
                       platform_id=demo.loyalty.id)
    db.session.commit()
    return user


def audit_entries(action: str) -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def outbox_to(address: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.to_address == address)))
