"""Payment settings per store, payments, refunds, and the webhook events already handled."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.scoping import STORE_TABLE, StoreScoped

PAYMENT_STATUSES = ("pending", "succeeded", "failed", "refunded", "partially_refunded")
DEFAULT_GATEWAYS = ("manual", "test")


def utcnow() -> datetime:
    return datetime.now(UTC)


class PaymentSettings(StoreScoped, db.Model):
    """How one store takes payments. Stripe secrets are write-only in the UI."""

    __tablename__ = "payments_settings"
    __table_args__ = (UniqueConstraint("store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    enabled_gateways: Mapped[list] = mapped_column(JSON, default=lambda: list(DEFAULT_GATEWAYS))
    manual_instructions: Mapped[str] = mapped_column(Text, default="")
    stripe_publishable_key: Mapped[str | None] = mapped_column(String(255))
    stripe_secret_key: Mapped[str | None] = mapped_column(String(255))
    stripe_webhook_secret: Mapped[str | None] = mapped_column(String(255))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Payment(StoreScoped, db.Model):
    """One attempt to collect money for an order. Card data is never stored (only its last 4 digits)."""

    __tablename__ = "payments_payments"
    __table_args__ = (
        UniqueConstraint("store_id", "idempotency_key"),
        Index("ix_payments_payments_store_id_created_at", "store_id", "created_at"),
        Index("ix_payments_payments_store_id_order_id", "store_id", "order_id"),
        Index("ix_payments_payments_store_id_reference", "store_id", "reference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Plain columns, no foreign keys: orders is an optional module; events need the platform.
    platform_id: Mapped[int] = mapped_column(Integer)
    order_id: Mapped[int] = mapped_column(Integer)
    gateway: Mapped[str] = mapped_column(String(20))
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    currency: Mapped[str] = mapped_column(String(3))
    status: Mapped[str] = mapped_column(String(20), default="pending")
    reference: Mapped[str | None] = mapped_column(String(255))
    idempotency_key: Mapped[str] = mapped_column(String(100))
    refunded_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0.00"))
    message: Mapped[str] = mapped_column(String(255), default="")
    card_last4: Mapped[str | None] = mapped_column(String(4))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")

    # Set by the gateway for the request that created the payment (Stripe's client secret for the
    # browser to confirm it); never stored.
    client_secret = None

    @property
    def refundable_amount(self) -> Decimal:
        return self.amount - self.refunded_amount


class Refund(StoreScoped, db.Model):
    __tablename__ = "payments_refunds"

    id: Mapped[int] = mapped_column(primary_key=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payments_payments.id", ondelete="CASCADE"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    status: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str | None] = mapped_column(String(255))
    message: Mapped[str] = mapped_column(String(255), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    payment: Mapped[Payment] = relationship(back_populates="refunds")


class WebhookDelivery(db.Model):
    """A gateway event already handled: a redelivery finds it and changes nothing.

    Not store-scoped: gateway event ids are unique across all of a gateway's accounts.
    """

    __tablename__ = "payments_webhook_deliveries"
    __table_args__ = (UniqueConstraint("gateway", "event_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    gateway: Mapped[str] = mapped_column(String(20))
    event_id: Mapped[str] = mapped_column(String(255))
    store_id: Mapped[int | None] = mapped_column(ForeignKey(f"{STORE_TABLE}.id", ondelete="CASCADE"), index=True)
    result: Mapped[str] = mapped_column(String(20), default="processed")
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
