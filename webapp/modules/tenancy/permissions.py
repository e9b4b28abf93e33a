"""Roles are sets of module permissions: each permission names the built-in roles that get it."""

from __future__ import annotations

from flask import current_app, g

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
        return store is not None and (self.is_super_admin or self.store_role(store.id) is not None)

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
