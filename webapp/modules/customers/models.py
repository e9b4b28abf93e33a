"""Shopper accounts (one realm per store, separate from platform users) and their addresses."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, ForeignKey, Index, Integer, Numeric, String, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db
from webapp.framework.scoping import StoreScoped


def utcnow() -> datetime:
    return datetime.now(UTC)


# A customer counts as "new" this long after signing up, while they have at most one order.
NEW_WINDOW = timedelta(days=30)


def _aware(value: datetime) -> datetime:
    # SQLite gives timestamps back without their (UTC) zone.
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Customer(StoreScoped, db.Model):
    """A shopper of one store; guests (checkout without an account) have no password."""

    __tablename__ = "customers_customers"
    __table_args__ = (
        UniqueConstraint("store_id", "email"),
        # The merchant's list sorts by sign-up date and filters by the segment figures.
        Index("ix_customers_customers_store_created", "store_id", "created_at"),
        Index("ix_customers_customers_store_orders", "store_id", "orders_count"),
        Index("ix_customers_customers_store_spent", "store_id", "total_spent"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # stored lowercased
    password_hash: Mapped[str | None] = mapped_column(String(255))
    first_name: Mapped[str] = mapped_column(String(100), default="")
    last_name: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(40), default="")
    locale: Mapped[str | None] = mapped_column(String(8))
    accepts_marketing: Mapped[bool] = mapped_column(Boolean, default=False)
    # Stored in the shopper's session: bumping it (password change) ends every other session.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Kept up to date by the orders module through services.record_order / record_refund.
    orders_count: Mapped[int] = mapped_column(Integer, default=0)
    total_spent: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    last_order_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    addresses: Mapped[list[Address]] = relationship(
        back_populates="customer", cascade="all, delete-orphan", passive_deletes=True,
        order_by="(Address.is_default.desc(), Address.id)")

    @classmethod
    def segment_conditions(cls, now: datetime, threshold: Decimal) -> dict:
        """The segments as SQL conditions (the list filters and counts)."""
        return {
            "new": and_(cls.orders_count <= 1, cls.created_at >= now - NEW_WINDOW),
            "returning": cls.orders_count >= 2,
            "top": cls.total_spent >= threshold,
        }

    def segments(self, now: datetime, threshold: Decimal) -> list[str]:
        """The segments this customer falls in: the same rules as `segment_conditions`, on the loaded row."""
        found = []
        if self.orders_count <= 1 and _aware(self.created_at) >= now - NEW_WINDOW:
            found.append("new")
        if self.orders_count >= 2:
            found.append("returning")
        if self.total_spent >= threshold:
            found.append("top")
        return found

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def display_name(self) -> str:
        return self.full_name or self.email

    @property
    def is_guest(self) -> bool:
        return self.password_hash is None


class Address(StoreScoped, db.Model):
    __tablename__ = "customers_addresses"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customers_customers.id", ondelete="CASCADE"), index=True)
    full_name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(20))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2
    phone: Mapped[str] = mapped_column(String(40), default="")
    is_default: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    customer: Mapped[Customer] = relationship(back_populates="addresses")
