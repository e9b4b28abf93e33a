"""Merchant dashboard: the store's payments, and how the store takes payments."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, request, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.access import may_change, permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.paging import page_number
from webapp.modules.payments import services
from webapp.modules.payments.views import STATUS_BADGES, payment_rows, settings_form

bp = Blueprint("payments_store", __name__)
SETTINGS_PAGE = "payments/store/settings/edit.html"
SETTINGS_FORM = "payments/store/settings/_form.html"


@bp.get("/")
@permission_required("payments.view")
def payment_list():
    page = services.store_payments(g.store.id, page=page_number())
    return render("payments/store/payments/index.html", "payments/store/payments/_table.html", page=page,
                  rows=payment_rows(g.store.id, page.items), badges=STATUS_BADGES,
                  can_configure=may_change("payments.configure"),
                  page_url=lambda n: url_for("payments_store.payment_list", page=n))


@bp.post("/<int:payment_id>/mark-paid")
@permission_required("payments.configure")
def payment_mark_paid(payment_id: int):
    try:
        payment = services.mark_manual_paid(g.store.id, payment_id, platform_id=g.store.platform_id)
    except services.PaymentNotFound:
        abort(404)
    except services.PaymentError:
        abort(409)  # not manual, or no longer pending (a second click)
    db.session.commit()
    if not is_htmx():
        flash(_("The payment is marked as paid."), "success")
        return redirect(url_for("payments_store.payment_list"), code=303)
    return render("payments/store/payments/_row.html", "payments/store/payments/_row.html",
                  row=payment_rows(g.store.id, [payment])[0], badges=STATUS_BADGES, can_configure=True,
                  trigger="payments:payment-paid")


@bp.route("/settings", methods=["GET", "POST"])
@permission_required("payments.configure")
def settings_edit():
    settings = services.current_settings(g.store.id)
    form = settings_form(settings, posted=request.method == "POST")
    if form.validate_on_submit() and _save(form):
        db.session.commit()
        if not is_htmx():
            flash(_("Payment settings saved."), "success")
            return redirect(url_for("payments_store.settings_edit"), code=303)
        form = settings_form(services.current_settings(g.store.id), posted=False)
        return render(SETTINGS_PAGE, SETTINGS_FORM, form=form, saved=True, webhook_url=_webhook_url(),
                      trigger="payments:settings-saved")
    status = 422 if request.method == "POST" else 200
    return render(SETTINGS_PAGE, SETTINGS_FORM, form=form, webhook_url=_webhook_url(), status=status)


def _save(form) -> bool:
    """Save through the service; its refusals become field errors (nothing is saved then)."""
    try:
        services.update_settings(g.store.id, enabled_gateways=form.enabled_gateways.data or [],
                                 manual_instructions=form.manual_instructions.data or "",
                                 stripe_publishable_key=form.stripe_publishable_key.data,
                                 stripe_secret_key=form.stripe_secret_key.data,
                                 stripe_webhook_secret=form.stripe_webhook_secret.data,
                                 clear_stripe=form.clear_stripe.data)
    except services.SettingsInvalid as error:
        db.session.rollback()
        for field, message in error.errors.items():
            form[field].errors = [*form[field].errors, _(message)]
        return False
    return True


def _webhook_url() -> str:
    return url_for("payments_api.webhook_receive", gateway="stripe", _external=True)
