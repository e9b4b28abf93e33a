"""Platforms, merchants, stores and their domains; platform users and store memberships.

Roles are sets of module permissions: each permission names the built-in roles that get it
(`role_permissions`); `Principal` is what the framework asks of the signed-in platform user.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, g
from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from webapp.extensions import db

SUPER_ADMIN = "super_admin"


def role_permissions(role: str) -> frozenset[str]:
    roles = current_app.extensions.get("tenancy.roles")
    if roles is None:
        roles = {}
        for permission in current_app.extensions["orion.modules"].permissions.values():
            for name in permission.roles:
                roles.setdefault(name, set()).add(permission.id)
        roles = {name: frozenset(ids) for name, ids in roles.items()}
        current_app.extensions["tenancy.roles"] = roles
    return roles.get(role, frozenset())


class Principal:
    """What the framework asks of the signed-in platform user (mixed into `User`)."""

    platform_role: str | None
    platform_id: int | None

    @property
    def is_platform_staff(self) -> bool:
        return self.platform_role is not None

    @property
    def is_super_admin(self) -> bool:
        return self.platform_role == SUPER_ADMIN

    def store_role(self, store_id: int) -> str | None:
        """This user's role in a store (one query per request, then remembered)."""
        cache = g.setdefault("_store_roles", {})
        if self.id not in cache:
            cache[self.id] = {m.store_id: m.role for m in self.memberships}
        return cache[self.id].get(store_id)

    def can_access_store(self, store) -> bool:
        # Team members only: platform staff (super admins too) come in through the audited,
        # read-only support view (webapp.framework.auth.support), never with a member's rights.
        return store is not None and self.store_role(store.id) is not None

    def can_manage_platform(self, platform_id: int) -> bool:
        return self.is_super_admin or (self.platform_role == "platform_admin" and self.platform_id == platform_id)

    def has_permission(self, permission: str, *, store=None, platform=None) -> bool:
        if self.is_super_admin:
            return True
        if store is not None:
            role = self.store_role(store.id)
            return role is not None and permission in role_permissions(role)
        if self.platform_role and (platform is None or platform.id == self.platform_id):
            return permission in role_permissions(self.platform_role)
        return False


def utcnow() -> datetime:
    return datetime.now(UTC)


class Platform(db.Model):
    __tablename__ = "tenancy_platforms"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    domain: Mapped[str | None] = mapped_column(String(253), unique=True)
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    languages: Mapped[list] = mapped_column(JSON, default=lambda: ["en"])
    theme: Mapped[dict] = mapped_column(JSON, default=dict)
    # "open": a new store goes live when its owner launches it; "approval": an admin approves it first.
    signup_policy: Mapped[str] = mapped_column(String(12), default="open", server_default="open")
    # Platform staff of this platform must sign in with a second factor (TOTP).
    require_two_factor: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    module_states: Mapped[list[PlatformModule]] = relationship(back_populates="platform",
                                                               cascade="all, delete-orphan")


class PlatformModule(db.Model):
    """An explicit on/off choice for an optional module on a platform (absent = its default)."""

    __tablename__ = "tenancy_platform_modules"
    __table_args__ = (UniqueConstraint("platform_id", "module_code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"))
    module_code: Mapped[str] = mapped_column(String(40))
    enabled: Mapped[bool] = mapped_column(Boolean)
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    platform: Mapped[Platform] = relationship(back_populates="module_states")


class Merchant(db.Model):
    __tablename__ = "tenancy_merchants"

    id: Mapped[int] = mapped_column(primary_key=True)
    legal_name: Mapped[str] = mapped_column(String(200), index=True)
    vat_number: Mapped[str | None] = mapped_column(String(32))
    street: Mapped[str] = mapped_column(String(200), default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    country: Mapped[str] = mapped_column(String(2), default="LU")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    owner: Mapped[User | None] = relationship()
    stores: Mapped[list[Store]] = relationship(back_populates="merchant")


STORE_STATUSES = ("pending", "active", "suspended")
SIGNUP_POLICIES = ("open", "approval")


class Store(db.Model):
    __tablename__ = "tenancy_stores"
    __table_args__ = (UniqueConstraint("platform_id", "subdomain"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("tenancy_merchants.id"), index=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    subdomain: Mapped[str | None] = mapped_column(String(63))
    status: Mapped[str] = mapped_column(String(12), default="pending", index=True)
    default_language: Mapped[str] = mapped_column(String(8), default="en")
    languages: Mapped[list] = mapped_column(JSON, default=lambda: ["en"])
    currency: Mapped[str] = mapped_column(String(3), default="EUR")
    country: Mapped[str] = mapped_column(String(2), default="LU")
    theme: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    merchant: Mapped[Merchant] = relationship(back_populates="stores")
    platform: Mapped[Platform] = relationship()
    domains: Mapped[list[StoreDomain]] = relationship(back_populates="store", cascade="all, delete-orphan")


class StoreDomain(db.Model):
    """A custom domain; served only once verified."""

    __tablename__ = "tenancy_store_domains"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("tenancy_stores.id", ondelete="CASCADE"), index=True)
    domain: Mapped[str] = mapped_column(String(253), unique=True)
    is_verified: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    store: Mapped[Store] = relationship(back_populates="domains")


PLATFORM_ROLES = ("super_admin", "platform_admin", "translator")
STORE_ROLES = ("owner", "manager", "staff")


class User(Principal, UserMixin, db.Model):
    """A platform user: platform staff and merchant team members (never shoppers)."""

    __tablename__ = "tenancy_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column("is_active", Boolean, default=True)
    platform_role: Mapped[str | None] = mapped_column(String(20))
    platform_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="SET NULL"))
    locale: Mapped[str | None] = mapped_column(String(8))
    # Part of the login session id: bumping it (password change) ends every other session.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    memberships: Mapped[list[StoreMembership]] = relationship(back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def display_name(self) -> str:
        return self.name or self.email


class StoreMembership(db.Model):
    __tablename__ = "tenancy_store_memberships"
    __table_args__ = (UniqueConstraint("store_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("tenancy_stores.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("tenancy_users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="staff")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship(back_populates="memberships")
    store: Mapped[Store] = relationship()
