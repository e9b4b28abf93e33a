"""Platform users (staff): list, invite, change role and platforms, deactivate and reactivate."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.htmx import render
from webapp.framework.list_filters import filter_choice, filter_text
from webapp.framework.paging import page_number
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidFields, StaffGuard
from webapp.modules.tenancy.forms import InviteStaffForm, StaffFilterForm, StaffRoleForm
from webapp.modules.tenancy.routes.admin_views.invitations import send_invitation
from webapp.modules.tenancy.views import ROLE_LABELS, show_problems, staff_role_choices

NEW_PAGE, NEW_FORM = "tenancy/admin/users/new.html", "tenancy/admin/users/_new_form.html"
SHOW_PAGE, ROLE_FORM = "tenancy/admin/users/show.html", "tenancy/admin/users/_role_form.html"


def user_or_404(user_id: int):
    user = services.get_staff_for_admin(user_id, actor_id=current_user.id)
    if user is None:
        abort(404)
    return user


def _role_form(form_class, **kwargs):
    form = form_class(**kwargs)
    form.role.choices = staff_role_choices(may_grant_super_admin=current_user.is_super_admin)
    form.platforms.choices = [(p.id, p.name) for p in services.platforms_for_admin(actor_id=current_user.id)]
    return form


@permission_required("tenancy.users.view")
def user_list():
    platforms = services.platforms_for_admin(actor_id=current_user.id)
    form = StaffFilterForm(request.args)
    form.role.choices = [("", _("Any role")), *((k, str(v)) for k, v in ROLE_LABELS.items())]
    form.platform.choices = [("", _("All platforms")), *((p.code, p.name) for p in platforms)]
    term = filter_text(form.q.data) if form.validate() else ""  # a term past the limit is ignored
    role = filter_choice(form.role.data, ROLE_LABELS)
    platform = next((p for p in platforms if p.code == form.platform.data), None)
    form.role.data, form.platform.data = role, platform.code if platform else ""
    page = services.search_staff(term, actor_id=current_user.id, role=role,
                                 platform_id=platform.id if platform else None, page=page_number())
    args = {"q": term or None, "role": role or None, "platform": platform.code if platform else None}
    return render("tenancy/admin/users/index.html", "tenancy/admin/users/_table.html", form=form, page=page,
                  term=term, filtered=bool(term or role or platform), role_labels=ROLE_LABELS,
                  can_manage=has_permission("tenancy.users.manage"),
                  page_url=lambda n: url_for("tenancy_admin.user_list", **args, page=n))


@permission_required("tenancy.users.manage")
def user_new():
    return render(NEW_PAGE, NEW_FORM, form=_role_form(InviteStaffForm, formdata=None, role="platform_admin"))


@permission_required("tenancy.users.manage")
def user_invite():
    form = _role_form(InviteStaffForm)
    if not form.validate():
        return render(NEW_PAGE, NEW_FORM, status=422, form=form)
    try:
        user = services.invite_staff(form.email.data, form.name.data or "", form.staff_role(), actor_id=current_user.id)
    except InvalidFields as error:
        db.session.rollback()
        show_problems(form, error.details["fields"])
        return render(NEW_PAGE, NEW_FORM, status=422, form=form)
    record = services.staff_record(user)
    platform_ids = sorted(p.id for p in user.staff_platforms)
    audit("tenancy.user.invited", target_type="user", target_id=user.id, after={"email": user.email, **record},
          platform_id=platform_ids[0] if platform_ids else None)
    send_invitation(user, inviter=current_user.display_name, platform_id=platform_ids[0] if platform_ids else None,
                    what=str(ROLE_LABELS[user.platform_role]))
    db.session.commit()
    flash(_("%(email)s got an invitation to choose a password.", email=user.email), "success")
    return redirect(url_for("tenancy_admin.user_show", user_id=user.id), code=303)


def _show(user, form=None, *, status=200, error=None):
    if form is None:
        form = _role_form(StaffRoleForm, formdata=None, role=user.platform_role,
                          platforms=[p.id for p in user.staff_platforms])
    editable = has_permission("tenancy.users.manage") and user.id != current_user.id
    return render(SHOW_PAGE, ROLE_FORM, status=status, user=user, form=form, role_labels=ROLE_LABELS,
                  can_manage=editable, error=error)


@permission_required("tenancy.users.view")
def user_show(user_id: int):
    return _show(user_or_404(user_id))


@permission_required("tenancy.users.manage")
def user_role_update(user_id: int):
    user = user_or_404(user_id)
    form = _role_form(StaffRoleForm)
    if not form.validate():
        return _show(user, form, status=422)
    before = services.staff_record(user)
    try:
        services.update_staff_role(user.id, form.staff_role(), actor_id=current_user.id)
    except InvalidFields as error:
        db.session.rollback()
        show_problems(form, error.details["fields"])
        return _show(user, form, status=422)
    except StaffGuard:
        db.session.rollback()
        form.form_errors.append(_("You cannot change your own role, nor take the role of the last super admin."))
        return _show(user, form, status=422)
    audit("tenancy.user.role_changed", target_type="user", target_id=user.id, before=before,
          after=services.staff_record(user))
    db.session.commit()
    flash(_("Role of %(email)s saved.", email=user.email), "success")
    return redirect(url_for("tenancy_admin.user_show", user_id=user.id), code=303)


@permission_required("tenancy.users.manage")
def user_active_update(user_id: int):
    user = user_or_404(user_id)
    active = request.form.get("active") == "1"
    before = services.staff_record(user)
    try:
        services.set_staff_active(user.id, active, actor_id=current_user.id)
    except StaffGuard:
        db.session.rollback()
        return _show(user, status=422, error=_("You cannot deactivate yourself or the last super admin."))
    audit("tenancy.user.reactivated" if active else "tenancy.user.deactivated", target_type="user",
          target_id=user.id, before=before, after=services.staff_record(user))
    db.session.commit()
    flash(_("%(email)s can sign in again.", email=user.email) if active
          else _("%(email)s is deactivated and signed out everywhere.", email=user.email), "success")
    return redirect(url_for("tenancy_admin.user_show", user_id=user.id), code=303)


@permission_required("tenancy.users.manage")
def user_invitation_resend(user_id: int):
    """A new invitation email for someone who has not chosen a password yet."""
    user = user_or_404(user_id)
    if user.last_login_at is not None or not user.active:
        return _show(user, status=422, error=_("%(email)s has already signed in: there is nothing to accept.",
                                                email=user.email) if user.active
                     else _("Reactivate %(email)s first.", email=user.email))
    platform_ids = sorted(p.id for p in user.staff_platforms)
    audit("tenancy.user.invitation_resent", target_type="user", target_id=user.id,
          platform_id=platform_ids[0] if platform_ids else None)
    send_invitation(user, inviter=current_user.display_name, platform_id=platform_ids[0] if platform_ids else None,
                    what=str(ROLE_LABELS[user.platform_role]))
    db.session.commit()
    flash(_("A new invitation is on its way to %(email)s.", email=user.email), "success")
    return redirect(url_for("tenancy_admin.user_show", user_id=user.id), code=303)


ROUTES = (
    ("/users", user_list, ["GET"]),
    ("/users/new", user_new, ["GET"]),
    ("/users", user_invite, ["POST"]),
    ("/users/<int:user_id>", user_show, ["GET"]),
    ("/users/<int:user_id>/role", user_role_update, ["POST"]),
    ("/users/<int:user_id>/active", user_active_update, ["POST"]),
    ("/users/<int:user_id>/invitation", user_invitation_resend, ["POST"]),
)
