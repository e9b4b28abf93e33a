"""Platforms: list, create (super admins), detail, edit, and which modules each offers."""

from __future__ import annotations

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidFields, ModuleLocked, UnknownModule
from webapp.modules.tenancy.forms import NewPlatformForm, PlatformForm
from webapp.modules.tenancy.routes.admin_views import save_audited
from webapp.modules.tenancy.views import app_language_choices, module_rows, show_problems

FORM_PAGE, FORM = "tenancy/admin/platforms/form.html", "tenancy/admin/platforms/_form.html"


def platform_or_404(code: str):
    platform = services.get_platform_for_admin(code, actor_id=current_user.id)
    if platform is None:
        abort(404)
    return platform


def _form(form_class, **kwargs):
    form = form_class(**kwargs)
    form.default_language.choices = form.languages.choices = app_language_choices()
    return form


@permission_required("tenancy.platforms.view")
def platform_list():
    platforms = services.platforms_for_admin(actor_id=current_user.id)
    return render("tenancy/admin/platforms/index.html", "tenancy/admin/platforms/index.html",
                  platforms=platforms, can_create=has_permission("tenancy.platforms.create"))


@permission_required("tenancy.platforms.create")
def platform_new():
    form = _form(NewPlatformForm, formdata=None, languages=["en"], default_language="en")
    return render(FORM_PAGE, FORM, form=form, platform=None)


@permission_required("tenancy.platforms.create")
def platform_create():
    form = _form(NewPlatformForm)
    if not form.validate():
        return render(FORM_PAGE, FORM, status=422, form=form, platform=None)
    try:
        platform = services.new_platform(form.code.data, form.settings())
    except InvalidFields as error:
        db.session.rollback()
        show_problems(form, error.details["fields"])
        return render(FORM_PAGE, FORM, status=422, form=form, platform=None)
    audit("tenancy.platform.created", target_type="platform", target_id=platform.id,
          after={"code": platform.code, **services.platform_record(form.settings())}, platform_id=platform.id)
    db.session.commit()
    flash(_("Platform %(name)s created.", name=platform.name), "success")
    return redirect(url_for("tenancy_admin.platform_show", code=platform.code), code=303)


@permission_required("tenancy.platforms.view")
def platform_show(code: str):
    platform = platform_or_404(code)
    return render("tenancy/admin/platforms/show.html", "tenancy/admin/platforms/show.html", platform=platform,
                  counts=services.platform_counts(platform.id), can_manage=has_permission("tenancy.platforms.manage"))


@permission_required("tenancy.platforms.manage")
def platform_edit(code: str):
    platform = platform_or_404(code)
    form = _form(PlatformForm, formdata=None, obj=services.platform_settings(platform.id))
    return render(FORM_PAGE, FORM, form=form, platform=platform)


@permission_required("tenancy.platforms.manage")
def platform_update(code: str):
    platform = platform_or_404(code)
    form = _form(PlatformForm)
    refused = save_audited(
        form, lambda: render(FORM_PAGE, FORM, status=422, form=form, platform=platform),
        snapshot=lambda: services.platform_record(services.platform_settings(platform.id)),
        update=lambda: services.update_platform(platform.id, form.settings()),
        action="tenancy.platform.updated", target_type="platform", target_id=platform.id, platform_id=platform.id)
    if refused:
        return refused
    flash(_("Platform %(name)s saved.", name=platform.name), "success")
    return redirect(url_for("tenancy_admin.platform_show", code=code), code=303)


@permission_required("tenancy.platforms.view")
def platform_modules(code: str):
    platform = platform_or_404(code)
    return render("tenancy/admin/modules/index.html", "tenancy/admin/modules/_list.html",
                  platform=platform, rows=module_rows(services.enabled_modules(platform.id)),
                  can_manage=has_permission("tenancy.platforms.manage"))


def _plan_from_request(platform):
    module = request.values.get("module", "")
    enable = request.values.get("enable") == "1"
    try:
        return services.plan_module_change(platform.id, module, enable)
    except UnknownModule:
        abort(404)
    except ModuleLocked:
        abort(422)


@permission_required("tenancy.platforms.manage")
def platform_modules_preview(code: str):
    """The cascade a change would cause, shown before the admin confirms it."""
    platform = platform_or_404(code)
    plan = _plan_from_request(platform)
    definitions = current_app.extensions["orion.modules"].definitions
    return render("tenancy/admin/modules/preview.html", "tenancy/admin/modules/_preview.html",
                  platform=platform, plan=plan, definitions=definitions)


@permission_required("tenancy.platforms.manage")
def platform_modules_update(code: str):
    platform = platform_or_404(code)
    plan = _plan_from_request(platform)
    enabled = services.apply_module_plan(platform.id, plan)
    audit("tenancy.modules.enabled" if plan.enable else "tenancy.modules.disabled", target_type="platform",
          target_id=platform.id, platform_id=platform.id, store_id=None,
          before={"enabled": not plan.enable}, after={"enabled": plan.enable}, details={"modules": list(plan.changes)})
    db.session.commit()
    names = ", ".join(current_app.extensions["orion.modules"].get(c).name for c in plan.changes)
    message = (_("Enabled: %(names)s", names=names) if plan.enable else _("Disabled: %(names)s", names=names))
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("tenancy_admin.platform_modules", code=code), code=303)
    return render("tenancy/admin/modules/index.html", "tenancy/admin/modules/_list.html",
                  platform=platform, rows=module_rows(enabled), can_manage=True, message=message,
                  trigger="tenancy:modules-changed")


ROUTES = (
    ("/platforms", platform_list, ["GET"]),
    ("/platforms/new", platform_new, ["GET"]),
    ("/platforms", platform_create, ["POST"]),
    ("/platforms/<code>", platform_show, ["GET"]),
    ("/platforms/<code>/edit", platform_edit, ["GET"]),
    ("/platforms/<code>/edit", platform_update, ["POST"]),
    ("/platforms/<code>/modules", platform_modules, ["GET"]),
    ("/platforms/<code>/modules/preview", platform_modules_preview, ["GET"]),
    ("/platforms/<code>/modules", platform_modules_update, ["POST"]),
)
