"""Store → Team: members, invitations, ownership transfer and custom roles."""

from __future__ import annotations

from flask import abort, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import may_change, permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.limits import check_limit
from webapp.framework.paging import page_number
from webapp.framework.routing.areas import RouteArea
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import (
    TeamError,
    TeamForbidden,
    TeamNotFound,
)
from webapp.modules.tenancy.forms import (
    InviteForm,
    MemberRoleForm,
    RoleForm,
    TransferOwnershipForm,
)
from webapp.modules.tenancy.views import (
    invitation_rows,
    member_rows,
    permission_choices,
    permission_sections,
    role_choices,
    role_rows,
    team_refusal,
)

area = RouteArea()
TEAM_VIEW, TEAM_MANAGE = "tenancy.team.view", "tenancy.team.manage"
TEAM_PAGE, TEAM_PARTIAL = "tenancy/store/team/index.html", "tenancy/store/team/_team.html"


def _invite_form(choices, **kwargs) -> InviteForm:
    form = InviteForm(**kwargs)
    form.role.choices = [("", _("Choose a role")), *choices]  # no silent first role (the owner's)
    return form


def _team(*, status: int = 200, invite_form: InviteForm | None = None, message: str | None = None,
          error: str | None = None, limit=None, trigger: str | None = None):
    """The team page (or its #team partial for htmx)."""
    store_id, actor_id = g.store.id, current_user.id
    owner = services.is_owner(store_id, actor_id)
    choices = role_choices(store_id, with_owner=owner)
    members = services.team_members(store_id, page=page_number())
    invitations = services.pending_invitations(store_id, page=page_number("invites_page"))
    return render(TEAM_PAGE, TEAM_PARTIAL, status=status, trigger=trigger, members=members,
                  member_rows=member_rows(members.items, actor_id=actor_id), invitations=invitations,
                  invitation_rows=invitation_rows(invitations.items), role_choices=choices,
                  invite_form=invite_form or _invite_form(choices, formdata=None),
                  can_manage=may_change(TEAM_MANAGE), is_owner=owner, message=message, error=error, limit=limit,
                  members_url=lambda n: url_for(".team_show", page=n),
                  invitations_url=lambda n: url_for(".team_show", invites_page=n))


def _done(message: str, trigger: str):
    """After a successful team change: the refreshed partial for htmx, else a redirect (303)."""
    if is_htmx():
        return _team(message=message, trigger=trigger)
    flash(message, "success")
    return redirect(url_for(".team_show"), code=303)


def _refused(error: TeamError, **kwargs):
    db.session.rollback()
    if isinstance(error, TeamNotFound):
        abort(404)
    if isinstance(error, TeamForbidden):
        abort(403)
    return _team(status=422, error=team_refusal(error.reason, **error.details), **kwargs)


def _accept_url(token: str) -> str:
    return url_for("tenancy_auth.invitation_show", token=token, _external=True)


@area.get("/team")
@permission_required(TEAM_VIEW)
def team_show():
    return _team()


@area.post("/team/invitations")
@permission_required(TEAM_MANAGE)
def invitation_create():
    choices = role_choices(g.store.id, with_owner=services.is_owner(g.store.id, current_user.id))
    form = _invite_form(choices)
    if not form.validate():
        return _team(status=422, invite_form=form)
    verdict = check_limit(g.store.id, "staff_seats", adding=1)
    if not verdict.allowed:
        return _team(status=422, invite_form=form, limit=verdict)
    try:
        invitation = services.invite(g.store.id, form.email.data, form.role.data, actor_id=current_user.id,
                                     accept_url=_accept_url)
    except TeamError as error:
        return _refused(error, invite_form=form)
    audit("tenancy.invitation.sent", target_type="invitation", target_id=invitation.id,
          after={"email": invitation.email, "role": invitation.role, "custom_role_id": invitation.custom_role_id})
    db.session.commit()
    message = _("Invitation sent to %(email)s.", email=invitation.email)
    # A warn policy: sent, and the owner learns the team is beyond the plan.
    return _done(f"{message} {verdict.message}" if verdict.message else message, "tenancy:invitation-sent")


@area.post("/team/invitations/<int:invitation_id>/resend")
@permission_required(TEAM_MANAGE)
def invitation_resend(invitation_id: int):
    try:
        invitation = services.resend_invitation(g.store.id, invitation_id, actor_id=current_user.id,
                                                accept_url=_accept_url)
    except TeamError as error:
        return _refused(error)
    audit("tenancy.invitation.resent", target_type="invitation", target_id=invitation.id,
          after={"email": invitation.email, "expires_at": invitation.expires_at})
    db.session.commit()
    return _done(_("A new invitation was sent to %(email)s; earlier links no longer work.", email=invitation.email),
                 "tenancy:invitation-resent")


@area.post("/team/invitations/<int:invitation_id>/revoke")
@permission_required(TEAM_MANAGE)
def invitation_revoke(invitation_id: int):
    try:
        invitation = services.revoke_invitation(g.store.id, invitation_id, actor_id=current_user.id)
    except TeamError as error:
        return _refused(error)
    audit("tenancy.invitation.revoked", target_type="invitation", target_id=invitation.id,
          before={"email": invitation.email, "status": "pending"}, after={"status": "revoked"})
    db.session.commit()
    return _done(_("The invitation of %(email)s was withdrawn.", email=invitation.email), "tenancy:invitation-revoked")


def _member_or_404(membership_id: int):
    membership = services.get_member(g.store.id, membership_id)
    if membership is None:
        abort(404)
    return membership


@area.post("/team/members/<int:membership_id>/role")
@permission_required(TEAM_MANAGE)
def member_role_update(membership_id: int):
    membership = _member_or_404(membership_id)
    before = services.describe_member(membership)
    form = MemberRoleForm()
    form.role.choices = role_choices(g.store.id, with_owner=True)  # the service decides who may give it
    if not form.validate():
        return _team(status=422, error=team_refusal("unknown_role"))
    try:
        services.change_member_role(g.store.id, membership.id, form.role.data, actor_id=current_user.id)
    except TeamError as error:
        return _refused(error)
    audit("tenancy.member.role_changed", target_type="membership", target_id=membership.id, before=before,
          after=services.describe_member(membership), details={"user_id": membership.user_id})
    db.session.commit()
    return _done(_("%(name)s's role was changed.", name=membership.user.display_name), "tenancy:member-changed")


@area.post("/team/members/<int:membership_id>/remove")
@permission_required(TEAM_MANAGE)
def member_remove(membership_id: int):
    membership = _member_or_404(membership_id)
    before = {**services.describe_member(membership), "email": membership.user.email}
    name, user_id = membership.user.display_name, membership.user_id
    try:
        services.remove_member(g.store.id, membership.id, actor_id=current_user.id)
    except TeamError as error:
        return _refused(error)
    audit("tenancy.member.removed", target_type="membership", target_id=membership_id, before=before, after=None,
          details={"user_id": user_id})
    db.session.commit()
    return _done(_("%(name)s was removed from the team.", name=name), "tenancy:member-removed")


OWNERSHIP_PAGE = "tenancy/store/team/ownership.html"


def _ownership_form(**kwargs) -> TransferOwnershipForm:
    form = TransferOwnershipForm(**kwargs)
    members = [m for m in services.team_members(g.store.id, page=1).items if m.user_id != current_user.id]
    form.member.choices = [("", _("Choose a member"))] + [(str(m.id), f"{m.user.display_name} ({m.user.email})")
                                                          for m in members]
    return form


def _owner_or_403() -> None:
    if not services.is_owner(g.store.id, current_user.id):
        abort(403)


@area.get("/team/ownership")
@permission_required(TEAM_MANAGE)
def ownership_edit():
    _owner_or_403()
    return render(OWNERSHIP_PAGE, OWNERSHIP_PAGE, form=_ownership_form(formdata=None))


@area.post("/team/ownership")
@permission_required(TEAM_MANAGE)
def ownership_transfer():
    _owner_or_403()
    form = _ownership_form()
    if not form.validate():
        return render(OWNERSHIP_PAGE, OWNERSHIP_PAGE, status=422, form=form)
    try:
        target = services.transfer_ownership(g.store.id, int(form.member.data), actor_id=current_user.id)
    except TeamError as error:
        db.session.rollback()
        if isinstance(error, TeamNotFound):
            abort(404)
        form.member.errors = [*form.member.errors, team_refusal(error.reason)]
        return render(OWNERSHIP_PAGE, OWNERSHIP_PAGE, status=422, form=form)
    audit("tenancy.ownership.transferred", target_type="store", target_id=g.store.id,
          before={"owner_user_id": current_user.id}, after={"owner_user_id": target.user_id},
          details={"previous_owner_role": "manager"})
    db.session.commit()
    flash(_("%(name)s now owns the store. You are a manager.", name=target.user.display_name), "success")
    return redirect(url_for(".team_show"), code=303)


# --- Custom roles ------------------------------------------------------------------------------------

ROLES_PAGE = "tenancy/store/roles/index.html"
ROLE_PAGE, ROLE_FORM = "tenancy/store/roles/edit.html", "tenancy/store/roles/_form.html"


def _role_form(**kwargs) -> tuple[RoleForm, list]:
    groups = services.grantable_permissions(g.store.id)
    form = RoleForm(**kwargs)
    form.permissions.choices = permission_choices(groups)
    return form, groups


def _role_page(form: RoleForm, groups, *, role=None, status: int = 200, error: str | None = None):
    return render(ROLE_PAGE, ROLE_FORM, status=status, form=form, role=role, error=error,
                  sections=permission_sections(groups, form.permissions.data))


def _role_or_404(role_id: int):
    role = services.get_store_role(g.store.id, role_id)
    if role is None:
        abort(404)
    return role


def _role_refused(form: RoleForm, groups, error: TeamError, *, role=None):
    db.session.rollback()
    if isinstance(error, TeamNotFound):
        abort(404)
    field = getattr(form, error.details.get("field") or "", None)
    message = team_refusal(error.reason, **error.details)
    if field is not None:
        field.errors = [*field.errors, message]
        message = None
    return _role_page(form, groups, role=role, status=422, error=message)


def _roles(*, status: int = 200, error: str | None = None):
    rows = role_rows(services.store_roles(g.store.id), services.role_usage(g.store.id))
    return render(ROLES_PAGE, ROLES_PAGE, status=status, error=error, rows=rows,
                  can_manage=may_change(TEAM_MANAGE))


@area.get("/team/roles")
@permission_required(TEAM_VIEW)
def role_list():
    return _roles()


@area.get("/team/roles/new")
@permission_required(TEAM_MANAGE)
def role_new():
    form, groups = _role_form(formdata=None)
    return _role_page(form, groups)


@area.post("/team/roles")
@permission_required(TEAM_MANAGE)
def role_create():
    form, groups = _role_form()
    if not form.validate():
        return _role_page(form, groups, status=422)
    try:
        role = services.create_store_role(g.store.id, form.name.data, form.permissions.data, actor_id=current_user.id)
    except TeamError as error:
        return _role_refused(form, groups, error)
    audit("tenancy.role.created", target_type="store_role", target_id=role.id,
          after={"name": role.name, "permissions": role.permissions})
    db.session.commit()
    flash(_("Role %(name)s created. Give it to members on the team page.", name=role.name), "success")
    return redirect(url_for(".role_list"), code=303)


@area.get("/team/roles/<int:role_id>")
@permission_required(TEAM_MANAGE)
def role_edit(role_id: int):
    role = _role_or_404(role_id)
    form, groups = _role_form(formdata=None, obj=role)
    return _role_page(form, groups, role=role)


@area.post("/team/roles/<int:role_id>")
@permission_required(TEAM_MANAGE)
def role_update(role_id: int):
    role = _role_or_404(role_id)
    before = {"name": role.name, "permissions": list(role.permissions or [])}
    form, groups = _role_form()
    if not form.validate():
        return _role_page(form, groups, role=role, status=422)
    try:
        services.update_store_role(g.store.id, role.id, form.name.data, form.permissions.data,
                                   actor_id=current_user.id)
    except TeamError as error:
        return _role_refused(form, groups, error, role=role)
    audit("tenancy.role.updated", target_type="store_role", target_id=role.id, before=before,
          after={"name": role.name, "permissions": role.permissions})
    db.session.commit()
    flash(_("Role %(name)s saved. Its members have the new permissions at once.", name=role.name), "success")
    return redirect(url_for(".role_list"), code=303)


@area.post("/team/roles/<int:role_id>/delete")
@permission_required(TEAM_MANAGE)
def role_delete(role_id: int):
    role = _role_or_404(role_id)
    before = {"name": role.name, "permissions": list(role.permissions or [])}
    try:
        services.delete_store_role(g.store.id, role.id, actor_id=current_user.id)
    except TeamError as error:
        db.session.rollback()
        if isinstance(error, TeamNotFound):
            abort(404)
        return _roles(status=422, error=team_refusal(error.reason, **error.details))
    audit("tenancy.role.deleted", target_type="store_role", target_id=role_id, before=before, after=None)
    db.session.commit()
    flash(_("Role %(name)s deleted.", name=before["name"]), "success")
    return redirect(url_for(".role_list"), code=303)
