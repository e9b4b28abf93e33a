"""Writing and reading the audit log (the `audit_log` port; modules call `framework.audit.audit`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import or_, select

from webapp.extensions import db
from webapp.framework.audit import AuditRecord
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.services import user_emails

PER_PAGE = 50


def record_entry(record: AuditRecord) -> AuditEntry:
    """Add the entry to the session; it is committed with the change it describes."""
    emails = user_emails([record.actor_id]) if record.actor_id else {}
    entry = AuditEntry(action=record.action, actor_id=record.actor_id, actor_email=emails.get(record.actor_id, ""),
                       platform_id=record.platform_id, store_id=record.store_id, target_type=record.target_type,
                       target_id=record.target_id[:80], before=record.before, after=record.after,
                       details=record.details, ip=record.ip[:45], request_id=record.request_id[:64])
    db.session.add(entry)
    return entry


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""  # email, or part of it
    action: str = ""  # exact action or a prefix ending in "."
    store_id: int | None = None
    platform_ids: tuple[int, ...] | None = None  # None: every platform (super admins)
    since: date | None = None
    until: date | None = None


def audit_entries(filters: AuditFilters, *, page: int = 1):
    """Entries matching the filters, newest first, one page."""
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
    if filters.store_id is not None:
        query = query.where(AuditEntry.store_id == filters.store_id)
    if filters.platform_ids is not None:
        query = query.where(AuditEntry.platform_id.in_(filters.platform_ids))
    if filters.actor:
        query = query.where(AuditEntry.actor_email.contains(filters.actor.strip().lower(), autoescape=True))
    if filters.action:
        action = filters.action.strip()
        query = query.where(AuditEntry.action.startswith(action, autoescape=True) if action.endswith(".")
                            else AuditEntry.action == action)
    if filters.since:
        query = query.where(AuditEntry.created_at >= datetime.combine(filters.since, time.min, tzinfo=UTC))
    if filters.until:
        end = datetime.combine(filters.until + timedelta(days=1), time.min, tzinfo=UTC)
        query = query.where(AuditEntry.created_at < end)
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def audit_actions(*, platform_ids: tuple[int, ...] | None = None, store_id: int | None = None) -> list[str]:
    """The distinct actions recorded where the reader may look (the action filter's choices)."""
    query = select(AuditEntry.action).distinct().order_by(AuditEntry.action)
    if store_id is not None:
        query = query.where(AuditEntry.store_id == store_id)
    if platform_ids is not None:
        query = query.where(AuditEntry.platform_id.in_(platform_ids))
    return list(db.session.scalars(query))


def recent_entries(*, target_type: str = "", target_id: object = None, store_id: int | None = None,
                   platform_id: int | None = None, limit: int = 10) -> list[AuditEntry]:
    """The latest entries about one target: a store (its own entries too), a merchant or a platform."""
    query = select(AuditEntry).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc()).limit(limit)
    conditions = []
    if target_type and target_id is not None:
        conditions.append((AuditEntry.target_type == target_type) & (AuditEntry.target_id == str(target_id)))
    if store_id is not None:
        conditions.append(AuditEntry.store_id == store_id)
    if platform_id is not None:
        conditions.append(AuditEntry.platform_id == platform_id)
    if not conditions:
        return []
    return list(db.session.scalars(query.where(or_(*conditions))))
