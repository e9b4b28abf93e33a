"""Carts and their lines. Only what the shopper chose is stored: prices come from the catalog."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.scoping import StoreScoped


def utcnow() -> datetime:
    return datetime.now(UTC)


class Cart(StoreScoped, db.Model):
    """A guest cart (found by the random token kept in the shopper's session) or a customer's cart."""

    __tablename__ = "cart_carts"
    __table_args__ = (
        UniqueConstraint("store_id", "token"),
        # One cart per customer and store; guest carts (NULL) do not collide.
        UniqueConstraint("store_id", "customer_id"),
        # Abandoned carts are found (and purged) by age.
        Index("ix_cart_carts_store_id_updated_at", "store_id", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(64))
    # A customer of the customers module; no foreign key, so carts never block erasing a customer
    # (indexed by the unique constraint above).
    customer_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set while checkout holds stock for this cart: a line change then lets the hold go, and
    # carts that hold nothing (nearly all) skip that statement.
    holds_stock: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    lines: Mapped[list[CartLine]] = relationship(back_populates="cart", cascade="all, delete-orphan",
                                                 passive_deletes=True, order_by="CartLine.id")


class CartLine(StoreScoped, db.Model):
    """A variant and how many of it; the price is looked up each time the cart is shown."""

    __tablename__ = "cart_lines"
    __table_args__ = (
        UniqueConstraint("store_id", "cart_id", "variant_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart_carts.id", ondelete="CASCADE"), index=True)
    # A catalog variant (no foreign key: the cart works, degraded, without the catalog).
    variant_id: Mapped[int] = mapped_column(Integer, index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    cart: Mapped[Cart] = relationship(back_populates="lines")
