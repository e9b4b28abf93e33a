"""A new store goes live: launched by its owner on open platforms, approved by an admin otherwise."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import LaunchRefused
from webapp.modules.tenancy.models import Platform, Store, StoreDomain, StoreMembership
from webapp.modules.tenancy.services.stores import set_store_status


def launch_state(store_id: int) -> str:
    """"live", "ready" (the owner may launch), "awaiting_approval", "suspended" or "paused" (billing)."""
    row = db.session.execute(select(Store.status, Platform.signup_policy)
                             .join(Platform, Store.platform_id == Platform.id).where(Store.id == store_id)).first()
    if row is None or row.status == "suspended":
        return "suspended"
    if row.status == "active":
        return "live"
    if row.status == "paused":  # closed by billing until paid; a payment reopens it, not a launch
        return "paused"
    return "awaiting_approval" if row.signup_policy == "approval" else "ready"


def launch_store(store_id: int, *, actor_id: int) -> Store:
    """The owner opens their pending store (platforms with the "open" signup policy only)."""
    state = launch_state(store_id)
    if state != "ready":
        raise LaunchRefused(state)
    role = db.session.scalar(select(StoreMembership.role).where(StoreMembership.store_id == store_id,
                                                               StoreMembership.user_id == actor_id))
    if role != "owner":
        raise LaunchRefused("not_owner")
    return set_store_status(store_id, "active")


def approve_store(store_id: int, *, actor_id: int) -> Store:
    """A platform admin approves a pending store, which opens it (whatever the policy)."""
    store = db.session.get(Store, store_id)
    if store is None or store.status != "pending":
        raise LaunchRefused("not_pending")
    return set_store_status(store_id, "active")


def is_store_live(store_id: int) -> bool:
    return db.session.scalar(select(Store.status).where(Store.id == store_id)) == "active"


def has_store_domain(store_id: int) -> bool:
    return db.session.scalar(select(StoreDomain.id).where(StoreDomain.store_id == store_id).limit(1)) is not None


def has_custom_look(store_id: int) -> bool:
    """Whether the store chose its own theme (colours, logo) instead of the platform's."""
    return bool(db.session.scalar(select(Store.theme).where(Store.id == store_id)))


def onboarding_hidden(store_id: int) -> bool:
    return db.session.scalar(select(Store.onboarding_hidden_at).where(Store.id == store_id)) is not None


def hide_onboarding(store_id: int, *, actor_id: int) -> None:
    """The owner hides the checklist from their dashboard (for good)."""
    store = db.session.get(Store, store_id)
    store.onboarding_hidden_at = datetime.now(UTC)
    db.session.flush()
