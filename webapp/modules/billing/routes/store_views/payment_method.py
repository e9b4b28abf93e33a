"""Store → Billing → Payment method: the card the platform charges the subscription to.

Adding or replacing a card hands it to the platform's gateway once (the number is never stored:
billing keeps the gateway's reference and a label); on a past-due or paused subscription the open
invoice is charged with it at once, and paid, the store reopens. These pages stay writable while
the store is paused (the rest of the dashboard is read only).
"""

from __future__ import annotations

from flask import abort, flash, g, make_response, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import IntegerField, StringField
from wtforms.validators import InputRequired, NumberRange, Regexp

from webapp.extensions import db
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.routing.areas import RouteArea
from webapp.modules.billing.services import merchant_subscription
from webapp.modules.billing.services.collection import gateway_code, open_invoice
from webapp.modules.billing.services.payment_methods import remove_payment_method, set_payment_method
from webapp.modules.payments import services as payments

area = RouteArea()
PAGE = "billing/store/payment_method/show.html"
FORM = "billing/store/payment_method/_form.html"


class CardForm(FlaskForm):
    """A card for the platform's test gateway: checked for shape here, handed on, never stored."""

    card_number = StringField(_l("Card number"), validators=[
        InputRequired(), Regexp(r"^[0-9 ]{12,23}$", message=_l("Enter the card number (digits only)."))])
    exp_month = IntegerField(_l("Expiry month"), validators=[InputRequired(), NumberRange(min=1, max=12)])
    exp_year = IntegerField(_l("Expiry year"), validators=[InputRequired(), NumberRange(min=2000, max=2100)])
    cvc = StringField(_l("Security code"), validators=[
        InputRequired(), Regexp(r"^[0-9]{3,4}$", message=_l("Enter the 3 or 4 digits on the back of the card."))])


class RemoveForm(FlaskForm):
    pass


def _subscription():
    subscription = merchant_subscription(g.store.merchant_id, g.store.platform_id)
    if subscription is None:
        abort(404)  # a platform that sells no tiers: nothing to pay
    return subscription


def _page(subscription, form: CardForm, *, status: int = 200, message: str = ""):
    return render(PAGE, FORM, status=status, subscription=subscription, form=form, remove_form=RemoveForm(),
                  invoice=open_invoice(subscription), message=message, test_gateway=gateway_code() == "test")


@area.get("/payment-method")
@permission_required("billing.manage")
def payment_method():
    return _page(_subscription(), CardForm())


@area.post("/payment-method")
@permission_required("billing.manage")
def payment_method_save():
    subscription = _subscription()
    form = CardForm()
    if not form.validate_on_submit():
        return _page(subscription, form, status=422)
    card = payments.CardInput(number=form.card_number.data.replace(" ", ""), exp_month=form.exp_month.data,
                              exp_year=form.exp_year.data, cvc=form.cvc.data)
    was_paused = subscription.state == "paused"
    try:
        outcome = set_payment_method(subscription, card, actor_id=current_user.id, store_id=g.store.id)
    except payments.CardRefused as error:
        db.session.rollback()
        form.card_number.errors = [*form.card_number.errors, _(str(error))]
        return _page(subscription, form, status=422)
    db.session.commit()
    message = _outcome_message(outcome, was_paused, subscription.payment_method_label)
    if is_htmx() and not was_paused:
        return _page(subscription, CardForm(), message=message)
    # A resumed store: the whole page again (banner, menus) as an open store — for htmx too.
    flash(message, "success" if outcome in (None, "succeeded") else "error")
    target = url_for("billing_store.payment_method")
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target, code=303)


def _outcome_message(outcome: str | None, was_paused: bool, label: str) -> str:
    if outcome == "succeeded" and was_paused:
        return _("%(card)s is saved and the open invoice is paid: your store is open again.", card=label)
    if outcome == "succeeded":
        return _("%(card)s is saved and the open invoice is paid.", card=label)
    if outcome in ("soft_decline", "hard_decline"):
        return _("%(card)s is saved, but the open invoice could not be charged to it. Try another card.",
                 card=label)
    return _("%(card)s is saved: your subscription will be charged to it.", card=label)


@area.post("/payment-method/remove")
@permission_required("billing.manage")
def payment_method_remove():
    subscription = _subscription()
    if not RemoveForm().validate_on_submit():
        abort(400)
    removed = remove_payment_method(subscription, actor_id=current_user.id, store_id=g.store.id)
    db.session.commit()
    flash(_("The card is removed.") if removed else _("There is no card to remove."), "success" if removed
          else "info")
    return redirect(url_for("billing_store.payment_method"), code=303)
