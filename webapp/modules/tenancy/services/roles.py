"""Store roles: the built-in owner / manager / staff and each store's custom roles.

A custom role is a set of module permissions chosen in the role editor from the modules enabled on
the store's platform. Nobody grants more than they hold: a member who is not an owner may only give
(in a role, or by assigning one) permissions they have themselves, so `tenancy.team.manage` can be
delegated without handing out the keys to everything. Ownership stays with the built-in owner role.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.registry import Permission
from webapp.modules.tenancy.exceptions import InvalidRole, RoleInUse, TeamError, TeamForbidden, TeamNotFound
from webapp.modules.tenancy.models import (
    ALWAYS_GRANTED,
    CUSTOM_ROLE,
    STORE_ROLES,
    Invitation,
    StoreMembership,
    StoreRole,
    User,
    custom_role_permissions,
    role_permissions,
)
from webapp.modules.tenancy.services.modules import enabled_modules
from webapp.modules.tenancy.services.stores import platform_id_of_store

NAME_MAX = 60
CUSTOM_PREFIX = "role-"  # how a custom role travels in a form: "role-<id>"


@dataclass(frozen=True)
class PermissionGroup:
    """The grantable permissions of one module, for the role editor."""

    module: str
    name: str
    permissions: tuple[Permission, ...]


@dataclass(frozen=True)
class RoleChoice:
    """A role as a member or an invitation holds it: built-in name, or "custom" with the role's id."""

    role: str
    custom_role_id: int | None = None

    @property
    def value(self) -> str:
        return f"{CUSTOM_PREFIX}{self.custom_role_id}" if self.role == CUSTOM_ROLE else self.role


def grantable_permissions(store_id: int) -> list[PermissionGroup]:
    """Store permissions of the modules enabled on the store's platform, grouped by module."""
    registry = current_app.extensions["orion.modules"]
    enabled = enabled_modules(platform_id_of_store(store_id))
    groups = []
    for definition in registry:
        if definition.code not in enabled:
            continue
        permissions = tuple(p for p in definition.permissions
                            if set(p.roles) & set(STORE_ROLES) and p.id not in ALWAYS_GRANTED)
        if permissions:
            groups.append(PermissionGroup(definition.code, str(definition.name), permissions))
    return sorted(groups, key=lambda group: group.name.lower())


def _grantable_ids(store_id: int) -> frozenset[str]:
    return frozenset(p.id for group in grantable_permissions(store_id) for p in group.permissions)


def store_roles(store_id: int) -> list[StoreRole]:
    return list(db.session.scalars(select(StoreRole).where(StoreRole.store_id == store_id)
                                   .order_by(func.lower(StoreRole.name), StoreRole.id)))


def get_store_role(store_id: int, role_id: int) -> StoreRole | None:
    """One of the store's custom roles; another store's id is simply not found."""
    return db.session.scalar(select(StoreRole).where(StoreRole.id == role_id, StoreRole.store_id == store_id))


def role_usage(store_id: int) -> dict[int, int]:
    """Members holding each custom role of the store."""
    rows = db.session.execute(select(StoreMembership.custom_role_id, func.count(StoreMembership.id))
                              .where(StoreMembership.store_id == store_id,
                                     StoreMembership.custom_role_id.is_not(None))
                              .group_by(StoreMembership.custom_role_id))
    return dict(rows.all())


def _membership(store_id: int, user_id: int) -> StoreMembership | None:
    return db.session.scalar(select(StoreMembership).where(StoreMembership.store_id == store_id,
                                                           StoreMembership.user_id == user_id))


def is_owner(store_id: int, user_id: int) -> bool:
    """An owner of the store, or a super admin (who may do what an owner does)."""
    user = db.session.get(User, user_id)
    if user is not None and user.is_super_admin:
        return True
    membership = _membership(store_id, user_id)
    return membership is not None and membership.role == "owner"


def permissions_of(choice: RoleChoice, store_id: int) -> frozenset[str]:
    if choice.role == CUSTOM_ROLE:
        role = get_store_role(store_id, choice.custom_role_id)
        return custom_role_permissions(role.permissions if role else [])
    return role_permissions(choice.role)


def actor_permissions(store_id: int, actor_id: int) -> frozenset[str] | None:
    """What the actor holds in the store; None means everything (owners, super admins)."""
    if is_owner(store_id, actor_id):
        return None
    membership = _membership(store_id, actor_id)
    if membership is None:
        return frozenset()
    return permissions_of(RoleChoice(membership.role, membership.custom_role_id), store_id)


def ensure_may_grant(store_id: int, permissions: frozenset[str], *, actor_id: int) -> None:
    held = actor_permissions(store_id, actor_id)
    if held is not None and not permissions <= held:
        raise TeamError("beyond_own_permissions", missing=sorted(permissions - held))


def parse_role(store_id: int, value: str) -> RoleChoice:
    """A built-in role name, or "role-<id>" of one of this store's custom roles."""
    value = (value or "").strip()
    if value in STORE_ROLES:
        return RoleChoice(value)
    number = value.removeprefix(CUSTOM_PREFIX)
    if value.startswith(CUSTOM_PREFIX) and number.isascii() and number.isdigit() and len(number) < 10:
        role = get_store_role(store_id, int(number))
        if role is not None:
            return RoleChoice(CUSTOM_ROLE, role.id)
    raise InvalidRole("unknown_role")


def ensure_may_assign(store_id: int, choice: RoleChoice, *, actor_id: int) -> None:
    """Only owners hand out the owner role; others only roles within their own permissions."""
    if choice.role == "owner":
        if not is_owner(store_id, actor_id):
            raise TeamForbidden("owner_only")
        return
    ensure_may_grant(store_id, permissions_of(choice, store_id), actor_id=actor_id)


def _clean(store_id: int, name: str, permissions, *, role_id: int | None = None) -> tuple[str, list[str]]:
    name = " ".join((name or "").split())
    if not name or len(name) > NAME_MAX:
        raise TeamError("role_name_invalid", field="name")
    if name.lower() in (*STORE_ROLES, CUSTOM_ROLE):
        raise TeamError("role_name_builtin", field="name")
    taken = select(StoreRole.id).where(StoreRole.store_id == store_id, func.lower(StoreRole.name) == name.lower())
    if role_id is not None:
        taken = taken.where(StoreRole.id != role_id)
    if db.session.scalar(taken):
        raise TeamError("role_name_taken", field="name")
    chosen = sorted(set(permissions or ()))
    if not chosen:
        raise TeamError("role_empty", field="permissions")
    if not set(chosen) <= _grantable_ids(store_id):
        raise TeamError("role_permission_unknown", field="permissions")
    return name, chosen


def create_store_role(store_id: int, name: str, permissions, *, actor_id: int) -> StoreRole:
    """A new custom role of the store."""
    name, chosen = _clean(store_id, name, permissions)
    ensure_may_grant(store_id, frozenset(chosen), actor_id=actor_id)
    role = StoreRole(store_id=store_id, name=name, permissions=chosen)
    db.session.add(role)
    db.session.flush()
    return role


def update_store_role(store_id: int, role_id: int, name: str, permissions, *, actor_id: int) -> StoreRole:
    """Rename a custom role or change its permissions; its members have the new ones at their next request."""
    role = get_store_role(store_id, role_id)
    if role is None:
        raise TeamNotFound("unknown_role")
    name, chosen = _clean(store_id, name, permissions, role_id=role.id)
    # Also what is taken away: a non-owner may not strip a role of permissions beyond their own.
    ensure_may_grant(store_id, frozenset(chosen) ^ frozenset(role.permissions or ()), actor_id=actor_id)
    role.name, role.permissions = name, chosen
    db.session.flush()
    return role


def delete_store_role(store_id: int, role_id: int, *, actor_id: int) -> StoreRole:
    """Delete a custom role nobody holds and no pending invitation offers."""
    role = get_store_role(store_id, role_id)
    if role is None:
        raise TeamNotFound("unknown_role")
    ensure_may_grant(store_id, frozenset(role.permissions or ()), actor_id=actor_id)
    members = role_usage(store_id).get(role.id, 0)
    invitations = db.session.scalar(select(func.count(Invitation.id)).where(
        Invitation.store_id == store_id, Invitation.custom_role_id == role.id,
        Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None))) or 0
    if members or invitations:
        raise RoleInUse("role_in_use", members=members, invitations=invitations)
    db.session.delete(role)
    db.session.flush()
    return role
