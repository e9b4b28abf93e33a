"""Checkout settings per store (tax display, VAT rates, shipping methods) and checkout sessions."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from webapp.extensions import db
from webapp.framework.scoping import StoreScoped

CHECKOUT_STATUSES = ("open", "placed")


def utcnow() -> datetime:
    return datetime.now(UTC)


class CheckoutSettings(StoreScoped, db.Model):
    """One row per store, created on first use."""

    __tablename__ = "checkout_settings"
    __table_args__ = (UniqueConstraint("store_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # Whether catalog prices already contain VAT (B2C in the EU: yes) or VAT is added on top.
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    default_country: Mapped[str] = mapped_column(String(2), default="LU")


class TaxRate(StoreScoped, db.Model):
    """The VAT rate (percent) applied when goods ship to `country`; only these countries are served."""

    __tablename__ = "checkout_tax_rates"
    __table_args__ = (
        UniqueConstraint("store_id", "country"),
        CheckConstraint("rate >= 0 AND rate <= 100", name="rate_percent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    rate: Mapped[Decimal] = mapped_column(Numeric(5, 2))


class ShippingMethod(StoreScoped, db.Model):
    __tablename__ = "checkout_shipping_methods"
    __table_args__ = (
        UniqueConstraint("store_id", "code"),
        CheckConstraint("price >= 0", name="price_non_negative"),
        CheckConstraint("free_over IS NULL OR free_over >= 0", name="free_over_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    label: Mapped[str] = mapped_column(String(120))
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # Free when the goods subtotal reaches this amount; None: never free.
    free_over: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class CheckoutSession(StoreScoped, db.Model):
    """What a shopper entered on the way from cart to order; `token` names it in the session and URLs."""

    __tablename__ = "checkout_sessions"
    __table_args__ = (
        UniqueConstraint("store_id", "token"),
        UniqueConstraint("store_id", "idempotency_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    # Plain ids of other modules' rows (no cross-module foreign keys).
    cart_id: Mapped[int] = mapped_column(Integer)
    customer_id: Mapped[int | None] = mapped_column(Integer)
    email: Mapped[str] = mapped_column(String(254), default="")
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    shipping_address: Mapped[dict | None] = mapped_column(JSON)
    billing_address: Mapped[dict | None] = mapped_column(JSON)
    shipping_method_code: Mapped[str | None] = mapped_column(String(40))
    gateway: Mapped[str | None] = mapped_column(String(40))
    # Sent with the order: however often "Place order" arrives, one order is created.
    idempotency_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(10), default="open")
    order_id: Mapped[int | None] = mapped_column(Integer)
    # Payment attempts started for the order (each has its own idempotency key) and the last outcome.
    payment_attempts: Mapped[int] = mapped_column(Integer, default=0)
    payment_status: Mapped[str | None] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    @property
    def is_placed(self) -> bool:
        return self.status == "placed"
