"""Merchants: list, create (with owner and first store), detail, edit."""

from __future__ import annotations

from dataclasses import asdict

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.htmx import render
from webapp.framework.i18n import country_choices
from webapp.framework.paging import page_number
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidFields
from webapp.modules.tenancy.forms import BusinessForm, NewMerchantForm, SearchForm
from webapp.modules.tenancy.routes.admin_views import save_audited
from webapp.modules.tenancy.routes.admin_views.invitations import send_invitation
from webapp.modules.tenancy.views import STORE_ROLE_LABELS, STORE_STATUS_BADGES, STORE_STATUS_LABELS, show_problems

NEW_PAGE, NEW_FORM = "tenancy/admin/merchants/new.html", "tenancy/admin/merchants/_new_form.html"
EDIT_PAGE, EDIT_FORM = "tenancy/admin/merchants/edit.html", "tenancy/admin/merchants/_edit_form.html"
# Service field names of the first store → the merchant form's fields.
STORE_FIELDS = {"store_name": "store_name", "store_code": "store_code", "store_subdomain": "store_code"}


def merchant_or_404(merchant_id: int):
    merchant = services.get_merchant_for_admin(merchant_id, actor_id=current_user.id)
    if merchant is None:
        abort(404)
    return merchant


def _platforms():
    return {str(p.id): p for p in services.platforms_for_admin(actor_id=current_user.id)}


def _new_form(**kwargs) -> NewMerchantForm:
    form = NewMerchantForm(**kwargs)
    form.country.choices = [("", _("Choose a country")), *country_choices()]
    form.platform.choices = [(key, p.name) for key, p in _platforms().items()]
    return form


@permission_required("tenancy.merchants.view")
def merchant_list():
    form = SearchForm(request.args)
    term = form.q.data or "" if form.validate() else ""
    scope = current_user.admin_platform_ids
    page = services.search_merchants(term, page=page_number(), platform_ids=scope)
    store_counts = {m.id: sum(1 for s in m.stores if scope is None or s.platform_id in scope) for m in page.items}
    return render("tenancy/admin/merchants/index.html", "tenancy/admin/merchants/_table.html",
                  form=form, page=page, term=term, can_create=has_permission("tenancy.merchants.manage"),
                  store_counts=store_counts,
                  page_url=lambda n: url_for("tenancy_admin.merchant_list", q=term or None, page=n))


@permission_required("tenancy.merchants.manage")
def merchant_new():
    return render(NEW_PAGE, NEW_FORM, form=_new_form(formdata=None))


def _store_settings(form: NewMerchantForm, platform) -> services.StoreSettings:
    code = (form.store_code.data or "").lower()
    return services.StoreSettings(form.store_name.data or "", code, platform.default_language,
                                  tuple(platform.languages or (platform.default_language,)), "EUR")


@permission_required("tenancy.merchants.manage")
def merchant_create():
    form = _new_form()
    if not form.validate():
        return render(NEW_PAGE, NEW_FORM, status=422, form=form)
    platform = _platforms()[form.platform.data]
    try:
        created = services.create_merchant_with_store(
            platform.id, form.details(), form.owner_email.data, form.store_code.data,
            _store_settings(form, platform), owner_name=form.owner_name.data or "")
    except InvalidFields as error:
        db.session.rollback()
        show_problems(form, error.details["fields"], STORE_FIELDS)
        return render(NEW_PAGE, NEW_FORM, status=422, form=form)
    merchant, store = created.merchant, created.store
    audit("tenancy.merchant.created", target_type="merchant", target_id=merchant.id,
          after={"legal_name": merchant.legal_name, "owner": created.owner.email, "store": store.code},
          store_id=store.id, platform_id=platform.id)
    if created.invited:
        send_invitation(created.owner, inviter=current_user.display_name, platform_id=platform.id,
                        what=_("run %(store)s on %(platform)s", store=store.name, platform=platform.name))
    db.session.commit()
    flash(_("Merchant %(name)s created with its store %(store)s.", name=merchant.legal_name, store=store.name)
          + (" " + _("%(email)s got an invitation to choose a password.", email=created.owner.email)
             if created.invited else ""), "success")
    return redirect(url_for("tenancy_admin.merchant_show", merchant_id=merchant.id), code=303)


@permission_required("tenancy.merchants.view")
def merchant_show(merchant_id: int):
    merchant = merchant_or_404(merchant_id)
    visible = current_user.admin_platform_ids
    stores = [s for s in merchant.stores if visible is None or s.platform_id in visible]
    team = [m for m in services.merchant_team(merchant.id) if m.store in stores]
    return render("tenancy/admin/merchants/show.html", "tenancy/admin/merchants/show.html",
                  merchant=merchant, stores=stores, store_ids=[s.id for s in stores], team=team,
                  status_labels=STORE_STATUS_LABELS, status_badges=STORE_STATUS_BADGES, role_labels=STORE_ROLE_LABELS,
                  can_manage=has_permission("tenancy.merchants.manage"),
                  can_add_store=has_permission("tenancy.stores.manage"))


def _edit_form(**kwargs) -> BusinessForm:
    form = BusinessForm(**kwargs)
    form.country.choices = [("", _("Choose a country")), *country_choices()]
    return form


@permission_required("tenancy.merchants.manage")
def merchant_edit(merchant_id: int):
    merchant = merchant_or_404(merchant_id)
    form = _edit_form(formdata=None, obj=services.business_details(merchant.id))
    return render(EDIT_PAGE, EDIT_FORM, form=form, merchant=merchant)


@permission_required("tenancy.merchants.manage")
def merchant_update(merchant_id: int):
    merchant = merchant_or_404(merchant_id)
    form = _edit_form()
    refused = save_audited(
        form, lambda: render(EDIT_PAGE, EDIT_FORM, status=422, form=form, merchant=merchant),
        snapshot=lambda: asdict(services.business_details(merchant.id)),
        update=lambda: services.update_business_details(merchant.id, form.details()),
        action="tenancy.merchant.updated", target_type="merchant", target_id=merchant.id,
        platform_id=merchant.stores[0].platform_id if merchant.stores else None)
    if refused:
        return refused
    flash(_("Merchant %(name)s saved.", name=merchant.legal_name), "success")
    return redirect(url_for("tenancy_admin.merchant_show", merchant_id=merchant.id), code=303)


ROUTES = (
    ("/merchants", merchant_list, ["GET"]),
    ("/merchants/new", merchant_new, ["GET"]),
    ("/merchants", merchant_create, ["POST"]),
    ("/merchants/<int:merchant_id>", merchant_show, ["GET"]),
    ("/merchants/<int:merchant_id>/edit", merchant_edit, ["GET"]),
    ("/merchants/<int:merchant_id>/edit", merchant_update, ["POST"]),
)
