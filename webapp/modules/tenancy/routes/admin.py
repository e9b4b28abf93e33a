"""Admin pages: platforms and their modules, merchants, stores."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.list_filters import filter_text
from webapp.framework.paging import page_number
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import ModuleLocked, UnknownModule
from webapp.modules.tenancy.forms import SearchForm
from webapp.modules.tenancy.views import module_rows

bp = Blueprint("tenancy_admin", __name__)


def _platform_or_404(code: str):
    platform = services.get_platform_for_admin(code, actor_id=current_user.id)
    if platform is None:
        abort(404)
    return platform


@bp.get("/platforms")
@permission_required("tenancy.platforms.view")
def platform_list():
    platforms = services.platforms_for_admin(actor_id=current_user.id)
    return render("tenancy/admin/platforms/index.html", "tenancy/admin/platforms/index.html",
                  platforms=platforms)


@bp.get("/platforms/<code>/modules")
@permission_required("tenancy.platforms.view")
def platform_modules(code: str):
    platform = _platform_or_404(code)
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


@bp.get("/platforms/<code>/modules/preview")
@permission_required("tenancy.platforms.manage")
def platform_modules_preview(code: str):
    """The cascade a change would cause, shown before the admin confirms it."""
    platform = _platform_or_404(code)
    plan = _plan_from_request(platform)
    definitions = current_app.extensions["orion.modules"].definitions
    return render("tenancy/admin/modules/preview.html", "tenancy/admin/modules/_preview.html",
                  platform=platform, plan=plan, definitions=definitions)


@bp.post("/platforms/<code>/modules")
@permission_required("tenancy.platforms.manage")
def platform_modules_update(code: str):
    platform = _platform_or_404(code)
    plan = _plan_from_request(platform)
    enabled = services.apply_module_plan(platform.id, plan)
    db.session.commit()
    names = ", ".join(current_app.extensions["orion.modules"].get(c).name for c in plan.changes)
    message = (_("Enabled: %(names)s", names=names) if plan.enable else _("Disabled: %(names)s", names=names))
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("tenancy_admin.platform_modules", code=code), code=303)
    response = render("tenancy/admin/modules/index.html", "tenancy/admin/modules/_list.html",
                      platform=platform, rows=module_rows(enabled), can_manage=True, message=message,
                      trigger="tenancy:modules-changed")
    return response


@bp.get("/merchants")
@permission_required("tenancy.merchants.view")
def merchant_list():
    form = SearchForm(request.args)
    term = form.q.data or "" if form.validate() else ""
    platform_ids = None if current_user.is_super_admin else [current_user.platform_id or -1]
    page = services.search_merchants(term, page=page_number(), platform_ids=platform_ids)
    return render("tenancy/admin/merchants/index.html", "tenancy/admin/merchants/_table.html",
                  form=form, page=page, term=term,
                  page_url=lambda n: url_for("tenancy_admin.merchant_list", q=term or None, page=n))


@bp.get("/stores")
@permission_required("tenancy.stores.view")
def store_list():
    form = SearchForm(request.args)
    term = form.q.data or "" if form.validate() else ""
    platform_ids = None if current_user.is_super_admin else [current_user.platform_id or -1]
    page = services.search_stores(term, page=page_number(), platform_ids=platform_ids)
    return render("tenancy/admin/stores/index.html", "tenancy/admin/stores/_table.html",
                  form=form, page=page, term=term, can_manage=has_permission("tenancy.stores.manage"),
                  can_support=has_permission("core.support.open"),
                  page_url=lambda n: url_for("tenancy_admin.store_list", q=term or None, page=n))


@bp.post("/stores/<code>/status")
@permission_required("tenancy.stores.manage")
def store_status_update(code: str):
    """Suspend or reopen a store (platform admins: only stores of their platform)."""
    store = services.get_store_for_admin(code, actor_id=current_user.id)
    status = request.form.get("status", "")
    if store is None:
        abort(404)
    if status not in ("active", "suspended"):
        abort(422)
    before = store.status
    services.set_store_status(store.id, status)
    audit("tenancy.store.reopened" if status == "active" else "tenancy.store.suspended", target_type="store",
          target_id=store.id, before={"status": before}, after={"status": status}, store_id=store.id,
          platform_id=store.platform_id)
    db.session.commit()
    flash(_("%(store)s is open again.", store=store.name) if status == "active"
          else _("%(store)s is suspended: its storefront shows a closed page.", store=store.name), "success")
    return redirect(url_for("tenancy_admin.store_list", q=filter_text(request.form.get("q")) or None), code=303)
