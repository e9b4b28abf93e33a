"""A store's team: its members, their roles, removal and the transfer of ownership.

Rules held here for every caller: a store always keeps an owner, nobody changes their own role or
removes themselves, and only owners give or take the owner role.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import TeamError, TeamForbidden, TeamNotFound
from webapp.modules.tenancy.models import CUSTOM_ROLE, Merchant, Store, StoreMembership
from webapp.modules.tenancy.services.roles import RoleChoice, ensure_may_assign, is_owner, parse_role

MEMBERS_PER_PAGE = 25


def team_members(store_id: int, *, page: int = 1):
    """One page of the store's members, owners first, then by when they joined."""
    owners_first = (StoreMembership.role != "owner")
    query = (select(StoreMembership).where(StoreMembership.store_id == store_id)
             .options(selectinload(StoreMembership.user), selectinload(StoreMembership.custom_role))
             .order_by(owners_first, StoreMembership.created_at, StoreMembership.id))
    return db.paginate(query, page=page, per_page=MEMBERS_PER_PAGE, error_out=False)


def get_member(store_id: int, membership_id: int) -> StoreMembership | None:
    """One membership of the store; another store's id is simply not found."""
    return db.session.scalar(select(StoreMembership).where(StoreMembership.id == membership_id,
                                                           StoreMembership.store_id == store_id))


def _member_or_404(store_id: int, membership_id: int) -> StoreMembership:
    membership = get_member(store_id, membership_id)
    if membership is None:
        raise TeamNotFound("unknown_member")
    return membership


def owner_count(store_id: int) -> int:
    return db.session.scalar(select(func.count(StoreMembership.id)).where(
        StoreMembership.store_id == store_id, StoreMembership.role == "owner")) or 0


def describe_member(membership: StoreMembership) -> dict:
    """The member's role as the audit log records it."""
    return {"role": membership.role, "custom_role_id": membership.custom_role_id,
            "custom_role": membership.custom_role.name if membership.custom_role else None}


def _ensure_may_touch(store_id: int, membership: StoreMembership, *, actor_id: int) -> None:
    if membership.user_id == actor_id:
        raise TeamError("self_change")
    if membership.role == "owner":
        if not is_owner(store_id, actor_id):
            raise TeamForbidden("owner_only")
        if owner_count(store_id) <= 1:
            raise TeamError("last_owner")


def change_member_role(store_id: int, membership_id: int, role_value: str, *, actor_id: int) -> StoreMembership:
    """Give a member another built-in or custom role."""
    membership = _member_or_404(store_id, membership_id)
    choice = parse_role(store_id, role_value)
    _ensure_may_touch(store_id, membership, actor_id=actor_id)
    ensure_may_assign(store_id, choice, actor_id=actor_id)
    membership.role = choice.role
    membership.custom_role_id = choice.custom_role_id if choice.role == CUSTOM_ROLE else None
    db.session.flush()
    db.session.refresh(membership, ["custom_role"])
    return membership


def remove_member(store_id: int, membership_id: int, *, actor_id: int) -> StoreMembership:
    """Take a member off the team; their account stays (they may belong to other stores)."""
    membership = _member_or_404(store_id, membership_id)
    _ensure_may_touch(store_id, membership, actor_id=actor_id)
    ensure_may_assign(store_id, RoleChoice(membership.role, membership.custom_role_id), actor_id=actor_id)
    db.session.delete(membership)
    db.session.flush()
    return membership


def transfer_ownership(store_id: int, membership_id: int, *, actor_id: int) -> StoreMembership:
    """Make another member the owner; the acting owner becomes a manager."""
    if not is_owner(store_id, actor_id):
        raise TeamForbidden("owner_only")
    target = _member_or_404(store_id, membership_id)
    if target.user_id == actor_id:
        raise TeamError("self_change")
    target.role, target.custom_role_id = "owner", None
    current = db.session.scalar(select(StoreMembership).where(StoreMembership.store_id == store_id,
                                                              StoreMembership.user_id == actor_id))
    if current is not None and current.role == "owner":
        current.role = "manager"
    _follow_merchant_owner(store_id, old_owner_id=actor_id, new_owner_id=target.user_id)
    db.session.flush()
    return target


def _follow_merchant_owner(store_id: int, *, old_owner_id: int, new_owner_id: int) -> None:
    # A one-store merchant is its store: the account owner follows the store's ownership.
    store = db.session.get(Store, store_id)
    merchant = db.session.get(Merchant, store.merchant_id)
    stores = db.session.scalar(select(func.count(Store.id)).where(Store.merchant_id == merchant.id))
    if merchant.owner_id == old_owner_id and stores == 1:
        merchant.owner_id = new_owner_id
