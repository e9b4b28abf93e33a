"""Store dashboard: the merchant's business details (legal name, address, VAT number)."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n import country_choices
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidBusinessDetails
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
