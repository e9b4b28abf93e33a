"""The outbox: every email the platform sends, queued, sent or failed."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.framework.scoping import STORE_TABLE

MESSAGE_STATUSES = ("queued", "sent", "failed")


def utcnow() -> datetime:
    return datetime.now(UTC)


class OutboxMessage(db.Model):
    """One outgoing email.

    Not `StoreScoped`: platform mails have no store. Merchant views filter by `store_id`
    explicitly; admin views by `platform_id`.
    """

    __tablename__ = "messaging_outbox"
    __table_args__ = (Index("ix_messaging_outbox_store_id_created_at", "store_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Indexed by the (store_id, created_at) index below: the merchant list filters and sorts on both.
    store_id: Mapped[int | None] = mapped_column(ForeignKey(f"{STORE_TABLE}.id", ondelete="CASCADE"))
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"),
                                                    index=True)
    to_address: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(255))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    template: Mapped[str] = mapped_column(String(120))
    locale: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
