"""Stores: list with filters, create for a merchant, detail, edit, approve, suspend and reopen."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.htmx import render
from webapp.framework.limits import ALLOWED, check_limit
from webapp.framework.list_filters import filter_choice, filter_text
from webapp.framework.paging import page_number
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidFields, TenancyError
from webapp.modules.tenancy.forms import NewStoreForm, StoreFilterForm, StoreForm
from webapp.modules.tenancy.routes.admin_views import save_audited
from webapp.modules.tenancy.routes.admin_views.merchants import merchant_or_404
from webapp.modules.tenancy.views import (
    STORE_ROLE_LABELS,
    STORE_STATUS_BADGES,
    STORE_STATUS_LABELS,
    currency_choices,
    module_rows,
    platform_language_choices,
    show_problems,
)

NEW_PAGE, NEW_FORM = "tenancy/admin/stores/new.html", "tenancy/admin/stores/_new_form.html"
EDIT_PAGE, EDIT_FORM = "tenancy/admin/stores/edit.html", "tenancy/admin/stores/_edit_form.html"


def store_or_404(code: str):
    store = services.get_store_for_admin(code, actor_id=current_user.id)
    if store is None:
        abort(404)
    return store


def _filters(platforms):
    form = StoreFilterForm(request.args)
    form.platform.choices = [("", _("All platforms")), *((p.code, p.name) for p in platforms)]
    form.status.choices = [("", _("Any status")), *((k, str(v)) for k, v in STORE_STATUS_LABELS.items())]
    term = filter_text(form.q.data) if form.validate() else ""  # a term past the limit is ignored
    platform = next((p for p in platforms if p.code == form.platform.data), None)
    status = filter_choice(form.status.data, STORE_STATUS_LABELS)
    form.platform.data, form.status.data = platform.code if platform else "", status
    return form, term, platform, status


@permission_required("tenancy.stores.view")
def store_list():
    platforms = services.platforms_for_admin(actor_id=current_user.id)
    form, term, platform, status = _filters(platforms)
    scope = [platform.id] if platform else current_user.admin_platform_ids
    page = services.search_stores(term, page=page_number(), platform_ids=scope, status=status)
    args = {"q": term or None, "platform": platform.code if platform else None, "status": status or None}
    return render("tenancy/admin/stores/index.html", "tenancy/admin/stores/_table.html",
                  form=form, page=page, term=term, filtered=bool(term or platform or status),
                  can_manage=has_permission("tenancy.stores.manage"), can_support=has_permission("core.support.open"),
                  status_labels=STORE_STATUS_LABELS,
                  status_badges=STORE_STATUS_BADGES, filter_args=args,
                  page_url=lambda n: url_for("tenancy_admin.store_list", **args, page=n))


def _language_choices(form, platform) -> None:
    form.default_language.choices = form.languages.choices = platform_language_choices(platform)
    form.currency.choices = currency_choices()


def _new_form(**kwargs) -> NewStoreForm:
    form = NewStoreForm(**kwargs)
    platforms = services.platforms_for_admin(actor_id=current_user.id)
    form.platform.choices = [(p.code, p.name) for p in platforms]
    chosen = next((p for p in platforms if p.code == form.platform.data), platforms[0] if platforms else None)
    if chosen is None:
        abort(404)
    _language_choices(form, chosen)
    return form, chosen


@permission_required("tenancy.stores.manage")
def store_new(merchant_id: int):
    merchant = merchant_or_404(merchant_id)
    if request.args.get("platform"):  # the platform was switched: keep what was typed, offer its languages
        form, _platform = _new_form(formdata=request.args)
        offered = {code for code, _label in form.languages.choices}
        form.languages.data = [code for code in form.languages.data or () if code in offered]
    else:
        platform = services.platforms_for_admin(actor_id=current_user.id)[:1]
        defaults = {"languages": [platform[0].default_language], "default_language": platform[0].default_language,
                    "currency": "EUR"} if platform else {}
        form, _platform = _new_form(formdata=None, **defaults)
    return render(NEW_PAGE, NEW_FORM, form=form, merchant=merchant)


@permission_required("tenancy.stores.manage")
def store_create(merchant_id: int):
    merchant = merchant_or_404(merchant_id)
    form, platform = _new_form()
    if not form.validate():
        return render(NEW_PAGE, NEW_FORM, status=422, form=form, merchant=merchant)
    verdict = _store_limit(merchant.id, platform.id)
    if not verdict.allowed:
        return render(NEW_PAGE, NEW_FORM, status=422, form=form, merchant=merchant, limit=verdict)
    try:
        store = services.new_store(platform.id, merchant.id, form.code.data, form.settings(),
                                   owner_id=merchant.owner_id)
    except InvalidFields as error:
        db.session.rollback()
        show_problems(form, error.details["fields"])
        return render(NEW_PAGE, NEW_FORM, status=422, form=form, merchant=merchant)
    audit("tenancy.store.created", target_type="store", target_id=store.id,
          after={"code": store.code, "merchant_id": merchant.id, **services.store_record(form.settings())},
          store_id=store.id, platform_id=platform.id)
    db.session.commit()
    flash(_("Store %(store)s created.", store=store.name), "success")
    if verdict.message:  # a warn policy: created, over the merchant's plan
        flash(verdict.message, "warning")
    return redirect(url_for("tenancy_admin.store_show", code=store.code), code=303)


def _store_limit(merchant_id: int, platform_id: int):
    """The merchant's plan limit on stores of the platform; their first store there is always allowed
    (a merchant without a store has no subscription there yet, as after signup)."""
    existing = services.merchant_store_on_platform(merchant_id, platform_id)
    return ALLOWED if existing is None else check_limit(existing, "stores", adding=1)


@permission_required("tenancy.stores.view")
def store_show(code: str):
    store = store_or_404(code)
    enabled = services.enabled_modules(store.platform_id)
    return render("tenancy/admin/stores/show.html", "tenancy/admin/stores/show.html", store=store,
                  team=services.store_team(store.id), modules=[row for row in module_rows(enabled) if row.enabled],
                  status_labels=STORE_STATUS_LABELS, status_badges=STORE_STATUS_BADGES, role_labels=STORE_ROLE_LABELS,
                  can_manage=has_permission("tenancy.stores.manage"),
                  can_support=has_permission("core.support.open"),
                  can_open_dashboard=current_user.can_access_store(store),
                  can_see_merchant=services.get_merchant_for_admin(store.merchant_id, actor_id=current_user.id)
                  is not None)


def _edit_form(store, **kwargs) -> StoreForm:
    form = StoreForm(**kwargs)
    _language_choices(form, store.platform)
    return form


@permission_required("tenancy.stores.manage")
def store_edit(code: str):
    store = store_or_404(code)
    form = _edit_form(store, formdata=None, obj=services.store_admin_settings(store.id))
    return render(EDIT_PAGE, EDIT_FORM, form=form, store=store)


@permission_required("tenancy.stores.manage")
def store_update(code: str):
    store = store_or_404(code)
    form = _edit_form(store)
    refused = save_audited(
        form, lambda: render(EDIT_PAGE, EDIT_FORM, status=422, form=form, store=store),
        snapshot=lambda: services.store_record(services.store_admin_settings(store.id)),
        update=lambda: services.update_store(store.id, form.settings()),
        action="tenancy.store.updated", target_type="store", target_id=store.id, store_id=store.id,
        platform_id=store.platform_id)
    if refused:
        return refused
    flash(_("Store %(store)s saved.", store=store.name), "success")
    return redirect(url_for("tenancy_admin.store_show", code=store.code), code=303)


def _back(store) -> str:
    if request.form.get("back") == "detail":
        return url_for("tenancy_admin.store_show", code=store.code)
    return url_for("tenancy_admin.store_list", q=filter_text(request.form.get("q")) or None)


@permission_required("tenancy.stores.manage")
def store_approve(code: str):
    """A store awaiting approval goes live."""
    store = store_or_404(code)
    try:
        services.approve_store(store.id, actor_id=current_user.id)
    except TenancyError:
        db.session.rollback()
        abort(422)
    audit("tenancy.store.approved", target_type="store", target_id=store.id, before={"status": "pending"},
          after={"status": "active"}, store_id=store.id, platform_id=store.platform_id)
    db.session.commit()
    flash(_("%(store)s is approved: its storefront is open.", store=store.name), "success")
    return redirect(_back(store), code=303)


@permission_required("tenancy.stores.manage")
def store_status_update(code: str):
    """Suspend or reopen a store (platform admins: only stores of their platforms)."""
    store = store_or_404(code)
    status = request.form.get("status", "")
    if status not in ("active", "suspended") or (status == "active" and store.status == "pending"):
        abort(422)  # a pending store goes live through approval
    before = store.status
    services.set_store_status(store.id, status)
    audit("tenancy.store.reopened" if status == "active" else "tenancy.store.suspended", target_type="store",
          target_id=store.id, before={"status": before}, after={"status": status}, store_id=store.id,
          platform_id=store.platform_id)
    db.session.commit()
    flash(_("%(store)s is open again.", store=store.name) if status == "active"
          else _("%(store)s is suspended: its storefront shows a closed page.", store=store.name), "success")
    return redirect(_back(store), code=303)


ROUTES = (
    ("/stores", store_list, ["GET"]),
    ("/merchants/<int:merchant_id>/stores/new", store_new, ["GET"]),
    ("/merchants/<int:merchant_id>/stores", store_create, ["POST"]),
    ("/stores/<code>", store_show, ["GET"]),
    ("/stores/<code>/edit", store_edit, ["GET"]),
    ("/stores/<code>/edit", store_update, ["POST"]),
    ("/stores/<code>/approve", store_approve, ["POST"]),
    ("/stores/<code>/status", store_status_update, ["POST"]),
)
