"""Merchant dashboard: checkout settings — shipping methods, tax display, VAT rates per country."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.extensions import db
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n import country_choices
from webapp.modules.checkout import services
from webapp.modules.checkout.forms import ConfirmForm, ShippingMethodForm, TaxDisplayForm, TaxRateForm
from webapp.modules.checkout.views import apply_errors

bp = Blueprint("checkout_store", __name__)

PERMISSION = "checkout.settings.manage"
PAGE = "checkout/store/settings/index.html"
PARTS = {"display": "checkout/store/settings/_display.html", "methods": "checkout/store/settings/_methods.html",
         "rates": "checkout/store/settings/_rates.html"}
METHOD_PAGE = "checkout/store/methods/edit.html"
METHOD_FORM = "checkout/store/methods/_form.html"


def _rate_form(*, submitted: bool = True) -> TaxRateForm:
    form = TaxRateForm() if submitted else TaxRateForm(formdata=None)
    form.country.choices = [SelectChoice("", _("Choose a country")),
                            *(SelectChoice(code, name) for code, name in country_choices())]
    return form


def _settings_page(part: str = "display", *, status: int = 200, **forms):
    """The settings page, or one of its panels for htmx (the panel named by `part`)."""
    settings = services.get_settings(g.store.id)
    shown = "1" if settings.prices_include_tax else "0"
    forms.setdefault("display_form", TaxDisplayForm(formdata=None, prices_include_tax=shown))
    forms.setdefault("method_form", ShippingMethodForm(formdata=None))
    forms.setdefault("rate_form", _rate_form(submitted=False))
    return render(PAGE, PARTS[part], status=status, settings=settings,
                  methods=services.list_shipping_methods(g.store.id), rates=services.list_tax_rates(g.store.id),
                  country_names=get_locale().territories, **forms)


def _saved(part: str, message: str, trigger: str):
    if not is_htmx():
        flash(message, "success")
        return redirect(url_for("checkout_store.settings_show"), code=303)
    return _settings_page(part, message=message, trigger=trigger)


@bp.get("/")
@permission_required(PERMISSION)
def settings_show():
    return _settings_page()


@bp.post("/tax-display")
@permission_required(PERMISSION)
def tax_display_update():
    form = TaxDisplayForm()
    if not form.validate() or form.prices_include_tax.data not in ("0", "1"):
        return _settings_page("display", status=422, display_form=form)
    services.set_prices_include_tax(g.store.id, form.prices_include_tax.data == "1")
    db.session.commit()
    if not is_htmx() and request.form.get("return_to") == "settings":  # saved from the store settings page
        flash(_("Tax display saved."), "success")
        return redirect(url_for("tenancy_store.settings_show", _anchor="section-tax"), code=303)
    return _saved("display", _("Tax display saved."), "checkout:tax-display-changed")


def _method_data(form: ShippingMethodForm) -> services.ShippingMethodData:
    return services.ShippingMethodData(code=form.code.data or "", label=form.label.data or "",
                                       price=form.price.data, free_over=form.free_over.data,
                                       active=bool(form.active.data), position=form.position.data or 0)


def _write_method(form: ShippingMethodForm, method_id: int | None = None) -> bool:
    """Create or update from a valid form; False with the refusal on the form (nothing saved)."""
    if not form.validate():
        return False
    try:
        if method_id is None:
            services.create_shipping_method(g.store.id, _method_data(form))
        else:
            services.update_shipping_method(g.store.id, method_id, _method_data(form))
    except services.DuplicateCode:
        db.session.rollback()
        form.code.errors = [*form.code.errors, _("Another shipping method uses this code.")]
        return False
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        apply_errors(form, error.errors)
        return False
    db.session.commit()
    return True


@bp.post("/shipping-methods")
@permission_required(PERMISSION)
def method_create():
    form = ShippingMethodForm()
    if not _write_method(form):
        return _settings_page("methods", status=422, method_form=form)
    return _saved("methods", _("Shipping method added."), "checkout:shipping-method-created")


def _method_or_404(method_id: int):
    try:
        return services.get_shipping_method(g.store.id, method_id)
    except services.NotFound:
        abort(404)


@bp.get("/shipping-methods/<int:method_id>")
@permission_required(PERMISSION)
def method_edit(method_id: int):
    method = _method_or_404(method_id)
    return render(METHOD_PAGE, METHOD_FORM, method=method, form=ShippingMethodForm(formdata=None, obj=method))


@bp.post("/shipping-methods/<int:method_id>")
@permission_required(PERMISSION)
def method_update(method_id: int):
    method = _method_or_404(method_id)
    form = ShippingMethodForm()
    if not _write_method(form, method.id):
        return render(METHOD_PAGE, METHOD_FORM, status=422, method=method, form=form)
    flash(_("Shipping method saved."), "success")
    target = url_for("checkout_store.settings_show")
    if is_htmx():  # back to the list, a whole page
        return "", 200, {"HX-Redirect": target, "HX-Trigger": "checkout:shipping-method-updated"}
    return redirect(target, code=303)


@bp.post("/shipping-methods/<int:method_id>/delete")
@permission_required(PERMISSION)
def method_delete(method_id: int):
    method = _method_or_404(method_id)
    if not ConfirmForm().validate():
        abort(400)
    services.delete_shipping_method(g.store.id, method.id)
    db.session.commit()
    return _saved("methods", _("Shipping method removed."), "checkout:shipping-method-deleted")


@bp.post("/tax-rates")
@permission_required(PERMISSION)
def rate_save():
    form = _rate_form()
    try:
        if not form.validate():
            raise services.InvalidCheckoutData({})
        services.save_tax_rate(g.store.id, form.country.data, form.rate.data)
    except (services.InvalidCheckoutData, services.DuplicateCode) as error:
        db.session.rollback()
        apply_errors(form, getattr(error, "errors", {}))
        return _settings_page("rates", status=422, rate_form=form)
    db.session.commit()
    return _saved("rates", _("VAT rate saved."), "checkout:tax-rate-saved")


@bp.post("/tax-rates/<int:rate_id>/delete")
@permission_required(PERMISSION)
def rate_delete(rate_id: int):
    if not ConfirmForm().validate():
        abort(400)
    try:
        services.delete_tax_rate(g.store.id, rate_id)
    except services.NotFound:
        abort(404)
    db.session.commit()
    return _saved("rates", _("VAT rate removed."), "checkout:tax-rate-deleted")
