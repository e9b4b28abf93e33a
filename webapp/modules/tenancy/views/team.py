"""Store → Team: members, invitations, roles and their permissions."""

from __future__ import annotations

from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from webapp.modules.tenancy import services
from webapp.modules.tenancy.models import CUSTOM_ROLE
from webapp.modules.tenancy.services import (
    RoleChoice,
)


def builtin_role_labels() -> dict[str, str]:
    return {"owner": _("Owner"), "manager": _("Manager"), "staff": _("Staff")}


def role_label(role: str, custom_role) -> str:
    if role == CUSTOM_ROLE:
        return custom_role.name if custom_role is not None else _("Staff")
    return builtin_role_labels().get(role, role)


def role_choices(store_id: int, *, with_owner: bool) -> list[tuple[str, str]]:
    """Built-in roles (the owner role only for owners), then the store's custom roles."""
    choices = [(name, label) for name, label in builtin_role_labels().items() if with_owner or name != "owner"]
    return choices + [(RoleChoice(CUSTOM_ROLE, role.id).value, role.name) for role in services.store_roles(store_id)]


@dataclass(frozen=True)
class MemberRow:
    id: int
    name: str
    email: str
    role: str
    role_value: str
    since: object
    is_self: bool
    is_owner: bool


@dataclass(frozen=True)
class InvitationRow:
    id: int
    email: str
    role: str
    sent_at: object
    expires_at: object
    expired: bool


def member_rows(memberships, *, actor_id: int) -> list[MemberRow]:
    return [MemberRow(m.id, m.user.name or "", m.user.email, role_label(m.role, m.custom_role),
                      RoleChoice(m.role, m.custom_role_id).value, m.created_at, m.user_id == actor_id,
                      m.role == "owner") for m in memberships]


def invitation_rows(invitations) -> list[InvitationRow]:
    return [InvitationRow(i.id, i.email, role_label(i.role, i.custom_role), i.sent_at, i.expires_at,
                          services.is_expired(i)) for i in invitations]


def team_refusal(reason: str, **details) -> str:
    """Why a team change was refused, as the user reads it."""
    messages = {
        "last_owner": _("A store always needs an owner: make someone else owner first."),
        "self_change": _("You cannot change your own role or remove yourself. Ask another owner."),
        "owner_only": _("Only an owner can give or take the owner role or transfer ownership."),
        "beyond_own_permissions": _("You cannot give permissions you do not have yourself."),
        "unknown_role": _("Choose one of the roles in the list."),
        "already_member": _("This person is already on the team."),
        "already_invited": _("This person already has a pending invitation. Resend it from the list instead."),
        "role_in_use": _("This role cannot be deleted while %(members)s member(s) and %(invitations)s pending "
                         "invitation(s) use it. Give them another role first.",
                         members=details.get("members", 0), invitations=details.get("invitations", 0)),
        "role_name_invalid": _("Enter a name of at most 60 characters."),
        "role_name_builtin": _("Owner, Manager and Staff are built-in roles: choose another name."),
        "role_name_taken": _("This store already has a role with this name."),
        "role_empty": _("Choose at least one permission."),
        "role_permission_unknown": _("Choose permissions from the list only."),
        "wrong_account": _("This invitation is for another email address."),
        "account_exists": _("An account with this email already exists: sign in to accept."),
    }
    return messages.get(reason, _("This change is not possible."))


def invitation_problem(reason: str) -> tuple[str, str]:
    """Title and text of the page a link that cannot be used shows."""
    problems = {
        "tampered": (_("This link is not valid"), _("The invitation link is incomplete or was changed. Open the "
                                                    "link from the email again, or ask for a new invitation.")),
        "expired": (_("This invitation has expired"), _("Ask the person who invited you to send a new one.")),
        "replaced": (_("A newer invitation was sent"), _("Use the link in the most recent invitation email.")),
        "used": (_("This invitation was already accepted"), _("Sign in to open the store.")),
        "revoked": (_("This invitation was withdrawn"), _("Ask the store's owner if you should still join.")),
    }
    return problems.get(reason, problems["tampered"])


@dataclass(frozen=True)
class PermissionOption:
    id: str
    label: str
    description: str
    checked: bool


@dataclass(frozen=True)
class PermissionSection:
    module: str
    name: str
    options: tuple[PermissionOption, ...]


def permission_sections(groups, chosen) -> list[PermissionSection]:
    """The role editor's checkboxes, one fieldset per module."""
    chosen = set(chosen or ())
    return [PermissionSection(g.module, g.name, tuple(
        PermissionOption(p.id, str(p.label), str(p.description or ""), p.id in chosen) for p in g.permissions))
        for g in groups]


def permission_choices(groups) -> list[tuple[str, str]]:
    return [(p.id, str(p.label)) for g in groups for p in g.permissions]


def permission_labels(permission_ids) -> list[str]:
    known = current_app.extensions["orion.modules"].permissions
    return [str(known[p].label) for p in permission_ids or () if p in known]


@dataclass(frozen=True)
class RoleRow:
    id: int
    name: str
    permissions: tuple[str, ...]
    members: int


def role_rows(roles, usage: dict[int, int]) -> list[RoleRow]:
    return [RoleRow(r.id, r.name, tuple(permission_labels(r.permissions)), usage.get(r.id, 0)) for r in roles]
