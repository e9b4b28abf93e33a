"""Stock items, locations, stock levels, the movements ledger and checkout reservations."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.caching import StorefrontContent
from webapp.framework.scoping import StoreScoped

REASONS = ("adjustment", "received", "sale", "return", "correction", "transfer")


def utcnow() -> datetime:
    return datetime.now(UTC)


class InventoryItem(StoreScoped, StorefrontContent, db.Model):
    """Something whose stock is counted (the catalog links one to each variant)."""

    __tablename__ = "inventory_items"
    __table_args__ = (UniqueConstraint("store_id", "sku"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64))
    track_stock: Mapped[bool] = mapped_column(Boolean, default=True)
    # None: the store-wide default (config INVENTORY_LOW_STOCK_THRESHOLD).
    low_stock_threshold: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    levels: Mapped[list[StockLevel]] = relationship(back_populates="item", cascade="all, delete-orphan",
                                                    passive_deletes=True)


class StockLocation(StoreScoped, StorefrontContent, db.Model):
    __tablename__ = "inventory_locations"
    __table_args__ = (
        UniqueConstraint("store_id", "name"),
        # At most one default location per store.
        Index("uq_inventory_locations_store_id_default", "store_id", unique=True,
              postgresql_where=text("is_default"), sqlite_where=text("is_default")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StockLevel(StoreScoped, StorefrontContent, db.Model):
    """On-hand quantity of one item at one location; the CHECK backs up the conditional updates."""

    __tablename__ = "inventory_stock_levels"
    __table_args__ = (
        UniqueConstraint("store_id", "item_id", "location_id"),
        CheckConstraint("quantity >= 0", name="quantity_non_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_items.id", ondelete="CASCADE"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("inventory_locations.id", ondelete="CASCADE"),
                                             index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=0)

    item: Mapped[InventoryItem] = relationship(back_populates="levels")
    location: Mapped[StockLocation] = relationship()


class StockMovement(StoreScoped, db.Model):
    """One line of the append-only ledger: who changed which stock, by how much, and why."""

    __tablename__ = "inventory_movements"
    __table_args__ = (
        CheckConstraint("delta <> 0", name="delta_non_zero"),
        CheckConstraint("reason IN ('adjustment', 'received', 'sale', 'return', 'correction', 'transfer')",
                        name="reason_known"),
        Index("ix_inventory_movements_item_id_created_at", "item_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_items.id", ondelete="CASCADE"))
    location_id: Mapped[int] = mapped_column(ForeignKey("inventory_locations.id", ondelete="CASCADE"),
                                             index=True)
    delta: Mapped[int] = mapped_column(Integer)
    quantity_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(String(500), default="")
    reference: Mapped[str | None] = mapped_column(String(100), index=True)
    # A platform user id (no FK: the ledger outlives the people in it).
    actor_user_id: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)

    location: Mapped[StockLocation] = relationship()


class Reservation(StoreScoped, db.Model):
    """Stock held for a checkout (`reference`) until it is paid, released or expires.

    Not `StorefrontContent`: every checkout step would renew the whole store's cached pages. A
    hold shows on listings within STOREFRONT_CACHE_SECONDS; adding to the cart checks it at once.
    """

    __tablename__ = "inventory_reservations"
    __table_args__ = (
        UniqueConstraint("store_id", "reference", "item_id"),
        CheckConstraint("quantity > 0", name="quantity_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[int] = mapped_column(ForeignKey("inventory_items.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
