"""Orders with their lines and timeline, and the per-store order number counter."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.scoping import STORE_TABLE, StoreScoped

Money = Numeric(12, 2)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Order(StoreScoped, db.Model):
    """One order of a store; `number` is what the merchant and the shopper see (1001, 1002, …)."""

    __tablename__ = "orders_orders"
    __table_args__ = (
        UniqueConstraint("store_id", "number"),
        # A checkout submitted twice creates one order (NULLs never collide).
        UniqueConstraint("store_id", "idempotency_key"),
        # The merchant list sorts by placement (newest first), optionally within one status.
        Index("ix_orders_orders_store_placed", "store_id", "placed_at", "id"),
        Index("ix_orders_orders_store_payment_placed", "store_id", "payment_status", "placed_at", "id"),
        Index("ix_orders_orders_store_fulfilment_placed", "store_id", "fulfilment_status", "placed_at", "id"),
        Index("ix_orders_orders_store_customer_placed", "store_id", "customer_id", "placed_at"),
        Index("ix_orders_orders_store_email", "store_id", "email"),
        CheckConstraint("refunded_total >= 0 AND refunded_total <= total", name="refunded_within_total"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[int] = mapped_column(Integer)
    # Plain ids: the customers module keeps its own rows (guests have none).
    customer_id: Mapped[int | None] = mapped_column(Integer, index=True)
    email: Mapped[str] = mapped_column(String(254))
    # Three statuses kept apart (services/states.py decides their transitions).
    status: Mapped[str] = mapped_column(String(20), default="open")
    payment_status: Mapped[str] = mapped_column(String(20), default="pending")
    fulfilment_status: Mapped[str] = mapped_column(String(20), default="unfulfilled")
    currency: Mapped[str] = mapped_column(String(3))
    subtotal: Mapped[Decimal] = mapped_column(Money)
    shipping_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    tax_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    total: Mapped[Decimal] = mapped_column(Money)
    refunded_total: Mapped[Decimal] = mapped_column(Money, default=Decimal("0"))
    prices_include_tax: Mapped[bool] = mapped_column(Boolean, default=True)
    shipping_address: Mapped[dict] = mapped_column(JSON, default=dict)
    billing_address: Mapped[dict] = mapped_column(JSON, default=dict)
    # The seller as the invoice names them (legal name, address, VAT number) when the order was placed.
    seller: Mapped[dict | None] = mapped_column(JSON, default=dict)
    shipping_method_code: Mapped[str] = mapped_column(String(40), default="")
    shipping_method_label: Mapped[str] = mapped_column(String(120), default="")
    payment_gateway: Mapped[str] = mapped_column(String(40), default="")
    tracking_number: Mapped[str | None] = mapped_column(String(64))
    locale: Mapped[str] = mapped_column(String(8), default="en")
    idempotency_key: Mapped[str | None] = mapped_column(String(100))
    # Placed beyond the store's plan (`orders_per_month`, policy block): accepted all the same, shown to the merchant.
    over_plan_limit: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    placed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", cascade="all, delete-orphan",
                                                  passive_deletes=True, order_by="OrderLine.id")
    activities: Mapped[list[OrderActivity]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(OrderActivity.created_at, OrderActivity.id)")
    fulfilments: Mapped[list[Fulfilment]] = relationship(
        back_populates="order", cascade="all, delete-orphan", passive_deletes=True, order_by="Fulfilment.id")

    @property
    def refundable_amount(self) -> Decimal:
        return max(self.total - self.refunded_total, Decimal("0"))


class OrderLine(StoreScoped, db.Model):
    """What was bought, copied at placement: later catalog changes do not alter past orders."""

    __tablename__ = "orders_lines"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_positive"),
        # Shipped, and put back in stock unshipped (cancelled) or after shipping (returned).
        CheckConstraint("fulfilled_quantity >= 0 AND cancelled_quantity >= 0 "
                        "AND fulfilled_quantity + cancelled_quantity <= quantity", name="fulfilment_within_quantity"),
        CheckConstraint("returned_quantity >= 0 AND returned_quantity <= fulfilled_quantity",
                        name="returns_within_fulfilled"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders_orders.id", ondelete="CASCADE"), index=True)
    variant_id: Mapped[int | None] = mapped_column(Integer, index=True)
    sku: Mapped[str] = mapped_column(String(64), default="")
    title: Mapped[str] = mapped_column(String(255))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    tax_rate: Mapped[Decimal] = mapped_column(Numeric(5, 2), default=Decimal("0"))
    line_total: Mapped[Decimal] = mapped_column(Money)
    # The stock item sold (a plain id: inventory is another module and may be absent).
    inventory_item_id: Mapped[int | None] = mapped_column(Integer)
    fulfilled_quantity: Mapped[int] = mapped_column(Integer, default=0)
    cancelled_quantity: Mapped[int] = mapped_column(Integer, default=0)
    returned_quantity: Mapped[int] = mapped_column(Integer, default=0)

    order: Mapped[Order] = relationship(back_populates="lines")

    @property
    def to_fulfil(self) -> int:
        return self.quantity - self.fulfilled_quantity - self.cancelled_quantity

    @property
    def restockable(self) -> int:
        return self.quantity - self.cancelled_quantity - self.returned_quantity


class Fulfilment(StoreScoped, db.Model):
    """One parcel: some quantities of some lines, with its carrier and tracking number."""

    __tablename__ = "orders_fulfilments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders_orders.id", ondelete="CASCADE"), index=True)
    carrier: Mapped[str] = mapped_column(String(60), default="")
    tracking_number: Mapped[str] = mapped_column(String(64), default="")
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    order: Mapped[Order] = relationship(back_populates="fulfilments")
    lines: Mapped[list[FulfilmentLine]] = relationship(back_populates="fulfilment", cascade="all, delete-orphan",
                                                       passive_deletes=True, order_by="FulfilmentLine.id")


class FulfilmentLine(StoreScoped, db.Model):
    """How many of one order line a fulfilment holds."""

    __tablename__ = "orders_fulfilment_lines"
    __table_args__ = (CheckConstraint("quantity > 0", name="quantity_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    fulfilment_id: Mapped[int] = mapped_column(ForeignKey("orders_fulfilments.id", ondelete="CASCADE"), index=True)
    line_id: Mapped[int] = mapped_column(ForeignKey("orders_lines.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)

    fulfilment: Mapped[Fulfilment] = relationship(back_populates="lines")
    line: Mapped[OrderLine] = relationship()


class OrderActivity(StoreScoped, db.Model):
    """One entry of an order's timeline: a transition, a note, a refund."""

    __tablename__ = "orders_activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders_orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    # Values the timeline sentence of `kind` needs (translated when shown, not when written).
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    # Free text typed by a person (a cancellation reason); shown as it is.
    message: Mapped[str] = mapped_column(String(500), default="")
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    order: Mapped[Order] = relationship(back_populates="activities")


class OrderCounter(db.Model):
    """The last order number given out per store (one row per store, updated atomically)."""

    __tablename__ = "orders_counters"

    store_id: Mapped[int] = mapped_column(ForeignKey(f"{STORE_TABLE}.id", ondelete="CASCADE"), primary_key=True)
    last_number: Mapped[int] = mapped_column(Integer)
