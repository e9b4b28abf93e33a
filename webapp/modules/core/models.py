"""The audit log: who did what to which platform, store or record, and what changed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC)


class AuditEntry(db.Model):
    """One sensitive action. Append-only: the app has no update or delete path, and on PostgreSQL a
    trigger refuses both. Ids are plain integers (no foreign keys), so an entry outlives what it names."""

    __tablename__ = "core_audit_entries"
    __table_args__ = (
        Index("ix_core_audit_entries_store_created", "store_id", "created_at"),
        Index("ix_core_audit_entries_platform_created", "platform_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(80), index=True)
    actor_id: Mapped[int | None] = mapped_column(Integer, index=True)
    actor_email: Mapped[str] = mapped_column(String(254), default="")
    platform_id: Mapped[int | None] = mapped_column(Integer)
    store_id: Mapped[int | None] = mapped_column(Integer)
    target_type: Mapped[str] = mapped_column(String(40), default="")
    target_id: Mapped[str] = mapped_column(String(80), default="")
    before: Mapped[dict | None] = mapped_column(JSON)
    after: Mapped[dict | None] = mapped_column(JSON)
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    ip: Mapped[str] = mapped_column(String(45), default="")
    request_id: Mapped[str] = mapped_column(String(64), default="")
