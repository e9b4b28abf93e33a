"""Platforms, merchants, stores and their domains; platform users and store memberships.

Roles are sets of module permissions: each permission names the built-in roles that get it
(`role_permissions`); `Principal` is what the framework asks of the signed-in platform user.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import current_app, g
from flask_login import UserMixin
from sqlalchemy import JSON, BigInteger, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint, false, select
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


# Every store role, custom ones too, opens the store's dashboard home: a member must land somewhere.
ALWAYS_GRANTED = frozenset({"core.store.dashboard"})


def custom_role_permissions(permissions: list | None) -> frozenset[str]:
    """What a custom role grants: its stored permissions that still exist, and the dashboard home."""
    known = current_app.extensions["orion.modules"].permissions
    return frozenset(p for p in permissions or () if p in known) | ALWAYS_GRANTED


class Principal:
    """What the framework asks of the signed-in platform user (mixed into `User`)."""

    platform_role: str | None

    @property
    def is_platform_staff(self) -> bool:
        return self.platform_role is not None

    @property
    def is_super_admin(self) -> bool:
        return self.platform_role == SUPER_ADMIN

    def _store_grants(self) -> dict[int, tuple[str, frozenset[str]]]:
        """store id -> (role, permissions) of every membership: one query per request, then remembered."""
        cache = g.setdefault("_store_roles", {})
        if self.id not in cache:
            rows = db.session.execute(
                select(StoreMembership.store_id, StoreMembership.role, StoreRole.permissions)
                .outerjoin(StoreRole, StoreMembership.custom_role_id == StoreRole.id)
                .where(StoreMembership.user_id == self.id))
            cache[self.id] = {store_id: (role, custom_role_permissions(permissions) if role == CUSTOM_ROLE
                                         else role_permissions(role))
                              for store_id, role, permissions in rows}
        return cache[self.id]

    def store_role(self, store_id: int) -> str | None:
        """This user's role in a store: a built-in role name, or "custom" (see `StoreMembership`)."""
        grant = self._store_grants().get(store_id)
        return grant[0] if grant else None

    def can_access_store(self, store) -> bool:
        # Team members only: platform staff (super admins too) come in through the audited,
        # read-only support view (webapp.framework.auth.support), never with a member's rights.
        return store is not None and self.store_role(store.id) is not None

    @property
    def platform_ids(self) -> frozenset[int]:
        """The platforms this staff member is scoped to (a super admin: see `admin_platform_ids`)."""
        return frozenset(platform.id for platform in self.staff_platforms)

    @property
    def admin_platform_ids(self) -> list[int] | None:
        """What admin queries filter on: None (every platform) for a super admin, else the user's platforms."""
        return None if self.is_super_admin else sorted(self.platform_ids)

    def can_manage_platform(self, platform_id: int) -> bool:
        return self.is_super_admin or (self.platform_role == "platform_admin" and platform_id in self.platform_ids)

    def has_permission(self, permission: str, *, store=None, platform=None) -> bool:
        if self.is_super_admin:
            return True
        if store is not None:
            grant = self._store_grants().get(store.id)
            return grant is not None and permission in grant[1]
        if self.platform_role and (platform is None or platform.id in self.platform_ids):
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


# "paused": closed by billing while the merchant's subscription is paused (services/billing_pause.py).
STORE_STATUSES = ("pending", "active", "suspended", "paused")
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
    # Settings → General: how shoppers reach the store (its footer shows them).
    contact_email: Mapped[str] = mapped_column(String(254), default="", server_default="")
    phone: Mapped[str] = mapped_column(String(40), default="", server_default="")
    street: Mapped[str] = mapped_column(String(200), default="", server_default="")
    postal_code: Mapped[str] = mapped_column(String(20), default="", server_default="")
    city: Mapped[str] = mapped_column(String(100), default="", server_default="")
    # IANA name; dashboard and storefront dates are shown in it.
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Luxembourg", server_default="Europe/Luxembourg")
    # The owner hid the onboarding checklist from the dashboard.
    onboarding_hidden_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

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
    # The value the TXT record `_orion-verify.<domain>` must hold to prove the merchant controls it.
    verification_token: Mapped[str] = mapped_column(String(64), default="", server_default="")
    verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # At most one per store: every other host of the store redirects to it.
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    store: Mapped[Store] = relationship(back_populates="domains")


PLATFORM_ROLES = ("super_admin", "platform_admin", "translator")
STORE_ROLES = ("owner", "manager", "staff")
# `StoreMembership.role` / `Invitation.role` of a member whose permissions come from a `StoreRole`.
CUSTOM_ROLE = "custom"


class User(Principal, UserMixin, db.Model):
    """A platform user: platform staff and merchant team members (never shoppers)."""

    __tablename__ = "tenancy_users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    password_hash: Mapped[str] = mapped_column(String(255))
    active: Mapped[bool] = mapped_column("is_active", Boolean, default=True)
    platform_role: Mapped[str | None] = mapped_column(String(20))
    locale: Mapped[str | None] = mapped_column(String(8))
    # Part of the login session id: bumping it (password change) ends every other session.
    session_version: Mapped[int] = mapped_column(Integer, default=1)
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # None until the owner of a self-service signup opens the link we emailed them.
    email_verified_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # TOTP second factor: the secret encrypted at rest (Fernet), set while enrolling and kept once
    # confirmed (`two_factor_enabled_at`); the last accepted time step refuses a replayed code.
    two_factor_secret: Mapped[str | None] = mapped_column(String(255))
    two_factor_enabled_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    two_factor_last_step: Mapped[int | None] = mapped_column(BigInteger)

    memberships: Mapped[list[StoreMembership]] = relationship(back_populates="user", cascade="all, delete-orphan")
    # Platform admins and translators work on these platforms only (super admins on every one).
    staff_platforms: Mapped[list[Platform]] = relationship(secondary="tenancy_platform_staff",
                                                           order_by="Platform.name")

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return f"{self.id}:{self.session_version}"

    @property
    def is_email_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def display_name(self) -> str:
        return self.name or self.email

    @property
    def has_two_factor(self) -> bool:
        return self.two_factor_enabled_at is not None


class RecoveryCode(db.Model):
    """A one-time code that replaces the TOTP code when the phone is lost (stored hashed)."""

    __tablename__ = "tenancy_recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("tenancy_users.id", ondelete="CASCADE"), index=True)
    code_hash: Mapped[str] = mapped_column(String(255))
    used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class StoreMembership(db.Model):
    __tablename__ = "tenancy_store_memberships"
    __table_args__ = (UniqueConstraint("store_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("tenancy_stores.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("tenancy_users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(20), default="staff")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    # Set when `role` is "custom": a role in use cannot be deleted (RESTRICT).
    custom_role_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_store_roles.id", ondelete="RESTRICT"),
                                                       index=True)

    user: Mapped[User] = relationship(back_populates="memberships")
    store: Mapped[Store] = relationship()
    custom_role: Mapped[StoreRole | None] = relationship()


class StoreRole(db.Model):
    """A store's own role: a named set of module permissions, built in the role editor."""

    __tablename__ = "tenancy_store_roles"
    __table_args__ = (UniqueConstraint("store_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("tenancy_stores.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    permissions: Mapped[list] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class Invitation(db.Model):
    """An emailed invitation to join a store's team; the link carries a token whose hash is kept here.

    Resending replaces the token (the old link stops working); accepting or revoking ends it.
    """

    __tablename__ = "tenancy_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    store_id: Mapped[int] = mapped_column(ForeignKey("tenancy_stores.id", ondelete="CASCADE"), index=True)
    email: Mapped[str] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    custom_role_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_store_roles.id", ondelete="SET NULL"),
                                                       index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_users.id", ondelete="SET NULL"))
    sent_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    accepted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    accepted_by_id: Mapped[int | None] = mapped_column(ForeignKey("tenancy_users.id", ondelete="SET NULL"))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    custom_role: Mapped[StoreRole | None] = relationship()


class PlatformStaff(db.Model):
    """A platform user's scope: one row per platform they administer or translate for."""

    __tablename__ = "tenancy_platform_staff"

    user_id: Mapped[int] = mapped_column(ForeignKey("tenancy_users.id", ondelete="CASCADE"), primary_key=True)
    platform_id: Mapped[int] = mapped_column(ForeignKey("tenancy_platforms.id", ondelete="CASCADE"),
                                             primary_key=True, index=True)

