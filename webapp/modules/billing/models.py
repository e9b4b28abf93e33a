"""Billing data: tiers per platform, one subscription per merchant and platform, platform invoices.

Platform-owned rows, not `StoreScoped`: a subscription belongs to a merchant (all its stores on the
platform), and admin pages read across merchants. Merchant pages filter by `merchant_id` explicitly.
Money is integer cents in the tier's currency; an invoice line copies the price it charged, so a later
price change never rewrites an issued invoice.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db

# Numeric limits a tier sets; None (absent) means unlimited.
LIMITS = ("products", "staff_seats", "stores", "orders_per_month", "storage_mb", "languages")
LIMIT_POLICIES = ("block", "warn")
TIER_STATUSES = ("active", "retired")
# trialing → active (paid) → past_due (a payment failed) → restricted → paused → cancelled.
SUBSCRIPTION_STATES = ("trialing", "active", "past_due", "restricted", "paused", "cancelled")
INTERVALS = ("month", "year")
INVOICE_KINDS = ("invoice", "credit_note")
INVOICE_STATUSES = ("open", "paid", "void", "uncollectible")
VAT_TREATMENTS = ("domestic", "reverse_charge", "outside_eu")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Tier(db.Model):
    """A plan a platform sells: prices, trial, limits (`{"products": {"value": 100, "policy": "block"}}`)
    and the feature codes it includes."""

    __tablename__ = "billing_tiers"
    __table_args__ = (UniqueConstraint("platform_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(80))
    description: Mapped[str] = mapped_column(String(300), default="")
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    monthly_price_cents: Mapped[int] = mapped_column(Integer)
    yearly_price_cents: Mapped[int] = mapped_column(Integer)
    trial_days: Mapped[int] = mapped_column(Integer, default=14)
    limits: Mapped[dict] = mapped_column(JSON, default=dict)
    features: Mapped[list] = mapped_column(JSON, default=list)
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(10), default="active")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    def price_cents(self, interval: str) -> int:
        return self.yearly_price_cents if interval == "year" else self.monthly_price_cents


class Subscription(db.Model):
    """A merchant's plan on a platform and where it stands: trial, paid period, dunning, pause."""

    __tablename__ = "billing_subscriptions"
    __table_args__ = (UniqueConstraint("merchant_id", "platform_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("tenancy_merchants.id", ondelete="CASCADE"))
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"), index=True)
    tier_id: Mapped[int] = mapped_column(ForeignKey("billing_tiers.id"), index=True)
    interval: Mapped[str] = mapped_column(String(5), default="month")
    state: Mapped[str] = mapped_column(String(12), default="trialing", index=True)
    trial_ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    current_period_start: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    current_period_end: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A downgrade waits for the period end; the entitlements stay those of `tier_id` until then.
    scheduled_tier_id: Mapped[int | None] = mapped_column(ForeignKey("billing_tiers.id"))
    cancel_at_period_end: Mapped[bool] = mapped_column(Boolean, default=False)
    cancel_reason: Mapped[str] = mapped_column(String(500), default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The card on file: the gateway's reference, and what the merchant recognises it by.
    payment_method_ref: Mapped[str | None] = mapped_column(String(120))
    payment_method_label: Mapped[str] = mapped_column(String(60), default="")
    # Dunning: when the first unpaid attempt failed, how many retries ran, when the next is due.
    past_due_since: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_retry_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), index=True)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    tier: Mapped[Tier] = relationship(foreign_keys=[tier_id])
    scheduled_tier: Mapped[Tier | None] = relationship(foreign_keys=[scheduled_tier_id])


class BillingSettings(db.Model):
    """What a platform invoices as: the seller on its invoices, its VAT rate, the dunning schedule."""

    __tablename__ = "billing_settings"

    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"),
                                             primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), default="")
    vat_number: Mapped[str] = mapped_column(String(32), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="LU")
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(17))
    retry_days: Mapped[list] = mapped_column(JSON, default=lambda: [1, 3, 7, 14])
    payment_terms_days: Mapped[int] = mapped_column(Integer, default=14)


class InvoiceCounter(db.Model):
    """The last number given per platform and year: locked while the next is taken, so numbers stay
    consecutive under concurrency and a rolled-back invoice gives its number back."""

    __tablename__ = "billing_invoice_counters"

    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"),
                                             primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(db.Model):
    """A platform invoice (or credit note) to a merchant, frozen once issued."""

    __tablename__ = "billing_invoices"
    __table_args__ = (UniqueConstraint("platform_id", "number"),
                      Index("ix_billing_invoices_merchant_id_issued_at", "merchant_id", "issued_at"))

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"), index=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("tenancy_merchants.id", ondelete="CASCADE"))
    subscription_id: Mapped[int | None] = mapped_column(ForeignKey("billing_subscriptions.id", ondelete="SET NULL"))
    # What produced it ("renewal:<subscription>:<period start>", "upgrade:…"): one invoice per key.
    idempotency_key: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[str] = mapped_column(String(12), default="invoice")
    credited_invoice_id: Mapped[int | None] = mapped_column(ForeignKey("billing_invoices.id"))
    number: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(14), default="open", index=True)
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    issued_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    due_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    subtotal_cents: Mapped[int] = mapped_column(Integer, default=0)
    vat_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal(0))
    vat_cents: Mapped[int] = mapped_column(Integer, default=0)
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    vat_treatment: Mapped[str] = mapped_column(String(16), default="domestic")
    # The VIES answer for a reverse charge, kept with the invoice it justified.
    vies_valid: Mapped[bool | None] = mapped_column(Boolean)
    vies_checked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    vies_reference: Mapped[str] = mapped_column(String(80), default="")
    # Seller and buyer as they were on the day of issue.
    seller: Mapped[dict] = mapped_column(JSON, default=dict)
    buyer: Mapped[dict] = mapped_column(JSON, default=dict)
    language: Mapped[str] = mapped_column(String(8), default="en")

    lines: Mapped[list[InvoiceLine]] = relationship(back_populates="invoice", cascade="all, delete-orphan",
                                                    order_by="InvoiceLine.position")


class InvoiceLine(db.Model):
    __tablename__ = "billing_invoice_lines"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("billing_invoices.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str] = mapped_column(String(300))
    tier_id: Mapped[int | None] = mapped_column(ForeignKey("billing_tiers.id", ondelete="SET NULL"))
    unit_price_cents: Mapped[int] = mapped_column(Integer)  # the tier's price on the day, copied
    days: Mapped[int | None] = mapped_column(Integer)  # prorated lines: days charged or credited …
    period_days: Mapped[int | None] = mapped_column(Integer)  # … of a period this long
    amount_cents: Mapped[int] = mapped_column(Integer)  # negative for a credit

    invoice: Mapped[Invoice] = relationship(back_populates="lines")


class PaymentAttempt(db.Model):
    """One try to collect an invoice through the platform's gateway."""

    __tablename__ = "billing_payment_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(ForeignKey("billing_invoices.id", ondelete="CASCADE"), index=True)
    attempted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16))  # succeeded | soft_decline | hard_decline
    gateway_reference: Mapped[str] = mapped_column(String(120), default="")
    message: Mapped[str] = mapped_column(Text, default="")


class ClockOffset(db.Model):
    """How far billing's clock runs ahead of real time (development and tests only; one row)."""

    __tablename__ = "billing_clock"

    id: Mapped[int] = mapped_column(primary_key=True)
    offset_seconds: Mapped[int] = mapped_column(Integer, default=0)
