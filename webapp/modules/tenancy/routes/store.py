"""Store dashboard: the merchant's business details (legal name, address, VAT number), launching the store."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n import country_choices
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidBusinessDetails, LaunchRefused
from webapp.modules.tenancy.forms import BusinessForm

bp = Blueprint("tenancy_store", __name__)

PERMISSION = "tenancy.settings.manage"
PAGE, FORM = "tenancy/store/business/edit.html", "tenancy/store/business/_form.html"


def _form(**kwargs) -> BusinessForm:
    form = BusinessForm(**kwargs)
    form.country.choices = [("", _("Choose a country")), *country_choices()]  # no silent first country
    return form


@bp.get("/business")
@permission_required(PERMISSION)
def business_edit():
    details = services.business_details(g.store.merchant_id)
    return render(PAGE, FORM, form=_form(formdata=None, obj=details))


@bp.post("/business")
@permission_required(PERMISSION)
def business_update():
    form = _form()
    if not form.validate():
        return render(PAGE, FORM, status=422, form=form)
    try:
        services.update_business_details(g.store.merchant_id, form.details())
    except InvalidBusinessDetails as error:
        db.session.rollback()
        for name in error.details["fields"]:
            getattr(form, name).errors = [*getattr(form, name).errors, _("Please check this value.")]
        return render(PAGE, FORM, status=422, form=form)
    db.session.commit()
    message = _("Business details saved. New invoices show them.")
    if is_htmx():  # the form again, showing what was stored (e.g. the VAT number as normalised)
        saved = _form(formdata=None, obj=services.business_details(g.store.merchant_id))
        return render(PAGE, FORM, form=saved, message=message, trigger="tenancy:business-updated")
    flash(message, "success")
    return redirect(url_for(".business_edit"), code=303)


@bp.post("/launch")
@permission_required("tenancy.store.launch")
def store_launch():
    """The owner opens their pending store (open platforms); the storefront follows after the commit."""
    try:
        services.launch_store(g.store.id, actor_id=current_user.id)
    except LaunchRefused as error:
        db.session.rollback()
        flash(_launch_refusal(str(error)), "error")
        return redirect(url_for("core_store.dashboard_show"), code=303)
    audit("tenancy.store.launched", target_type="store", target_id=g.store.id, before={"status": "pending"},
          after={"status": "active"}, store_id=g.store.id, platform_id=g.store.platform_id)
    db.session.commit()
    flash(_("Your shop is live. Customers can now visit it and order."), "success")
    return redirect(url_for("core_store.dashboard_show"), code=303)


def _launch_refusal(reason: str) -> str:
    return {"live": _("Your shop is already live."),
            "awaiting_approval": _("Your shop opens once the platform has approved it."),
            "suspended": _("A suspended shop cannot be launched.")}.get(reason,
                                                                         _("Only the store owner can launch it."))


@bp.post("/onboarding/hide")
@permission_required("tenancy.settings.manage")
def onboarding_hide():
    services.hide_onboarding(g.store.id, actor_id=current_user.id)
    db.session.commit()
    flash(_("The checklist is hidden."), "info")
    return redirect(url_for("core_store.dashboard_show"), code=303)
