"""Placing the order from the review step, paying it, and the confirmation page with "pay again".

The order is committed before any gateway is called: a declined card leaves a pending order
that the shopper pays from the confirmation page, each attempt with its own idempotency key.
"""

from __future__ import annotations

import logging

from flask import Response, abort, flash, g, redirect, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.htmx import is_htmx, render
from webapp.modules.cart.session import content_language
from webapp.modules.checkout import services
from webapp.modules.checkout.flow import StepContext, guarded, redirect_to, review_page
from webapp.modules.checkout.forms import PayAgainForm, PlaceForm
from webapp.modules.checkout.views import CARD_GATEWAYS, session_checkout, step_url, ui_language
from webapp.modules.orders import services as orders
from webapp.modules.payments import services as payments

log = logging.getLogger(__name__)
COMPLETE_PAGE = "checkout/storefront/complete.html"
PAYMENT_PANEL = "checkout/storefront/_payment_panel.html"


def _card(form) -> payments.CardInput:
    return payments.CardInput(number=form.card_number.data.replace(" ", ""), exp_month=form.exp_month.data,
                              exp_year=form.exp_year.data, cvc=form.cvc.data)


def _card_form_ok(form, gateway: str | None) -> bool:
    valid = form.validate()
    return (gateway not in CARD_GATEWAYS or form.require_card()) and valid


def to_complete(checkout) -> Response:
    return redirect_to(url_for("checkout_storefront.complete_show", token=checkout.token))


def submitted(key: str) -> Response:
    """The review form arrived: one request at a time per checkout; a repeat finds its order placed."""
    checkout = session_checkout()
    # Locked before the cart is read: a double click waits here for the first click's commit.
    if (checkout is not None and key and key == checkout.idempotency_key
            and services.lock_checkout(g.store.id, checkout.id).is_placed):
        return to_complete(checkout)
    return guarded("review", place)


def place(ctx: StepContext) -> Response:
    """Place the order (once, however often the form arrives), then take the first payment."""
    checkout, form = ctx.checkout, PlaceForm()
    if not _card_form_ok(form, checkout.gateway):
        return review_page(ctx, form, status=422)
    if form.idempotency_key.data != checkout.idempotency_key:
        form.form_errors.append(_("Your checkout changed in the meantime. Please check your order again."))
        return review_page(ctx, PlaceForm(formdata=None, idempotency_key=checkout.idempotency_key), status=422,
                           problem=form.form_errors[-1])
    try:
        result = services.place_order(g.store.id, checkout.id, ctx.cart, platform_id=g.platform.id,
                                      language=content_language(), email_locale=ui_language(),
                                      store_name=g.store.name)
    except services.SoldOut as error:
        db.session.rollback()
        message = _("Sorry, sold out: %(products)s. Please update your cart.", products=", ".join(error.titles))
        return review_page(ctx, form, status=409, problem=message)
    except services.CartHasProblems as error:
        db.session.rollback()
        flash(_("Sorry, sold out or no longer available in that quantity: %(products)s. Please check your cart.",
                products=", ".join(error.titles)), "warning")
        return redirect_to(url_for("cart_storefront.cart_show"))
    except services.EmptyCart:
        db.session.rollback()
        return redirect_to(url_for("cart_storefront.cart_show"))
    except services.StepMissing as error:
        db.session.rollback()
        return redirect_to(step_url(error.step))
    db.session.commit()
    if result.created:
        category, message = _pay(checkout, attempt=1, card=_card(form) if checkout.gateway in CARD_GATEWAYS else None)
        flash(message, category)
    return to_complete(checkout)


def _pay(checkout, *, attempt: int, card) -> tuple[str, str]:
    """One payment attempt, committed; (category, message) telling the shopper how it went."""
    try:
        outcome = services.pay_order(g.store.id, checkout.id, platform_id=g.platform.id, attempt=attempt, card=card)
        db.session.commit()
    except services.InvalidCheckoutData:  # an attempt number from an outdated page
        db.session.rollback()
        return "warning", _("This payment form was out of date. Please enter your card again.")
    except (services.CheckoutError, payments.PaymentError):
        db.session.rollback()
        log.exception("payment of checkout %s (attempt %s) could not be started", checkout.id, attempt)
        return "error", _("We could not start the payment. Your order is saved: please try again.")
    if outcome.succeeded:
        return "success", _("Thank you! Your payment was received.")
    if outcome.status == "pending":
        return "success", _("Thank you! Your order is placed and waits for your payment.")
    return "error", _(outcome.message) if outcome.message else _("The payment did not go through.")


def placed_or_404(token: str):
    checkout = services.get_checkout(g.store.id, token)
    if checkout is None or not checkout.is_placed:
        abort(404)
    return checkout


def complete_page(checkout, form: PayAgainForm | None = None, *, status: int = 200,
                  notice: tuple[str, str] | None = None) -> Response:
    order = orders.get_order(g.store.id, checkout.order_id, with_details=True)
    if order is None:
        abort(404)
    gateway = next((c for c in services.gateway_choices(g.store.id) if c.code == checkout.gateway), None)
    awaiting = order.status == "open" and order.payment_status == "pending"
    can_pay = awaiting and checkout.gateway in CARD_GATEWAYS
    form = form or PayAgainForm(formdata=None, attempt=checkout.payment_attempts + 1)
    return render(COMPLETE_PAGE, PAYMENT_PANEL, status=status, checkout=checkout, order=order, gateway=gateway,
                  can_pay=can_pay, form=form, notice=notice,
                  paid=order.status != "cancelled" and order.payment_status not in ("pending", "voided"))


def pay_again(checkout, form: PayAgainForm) -> Response:
    order = orders.get_order(g.store.id, checkout.order_id)
    if order is None or order.payment_status != "pending" or order.status != "open" \
            or checkout.gateway not in CARD_GATEWAYS:
        return to_complete(checkout)
    if not _card_form_ok(form, checkout.gateway):
        return complete_page(checkout, form, status=422)
    notice = _pay(checkout, attempt=form.attempt.data, card=_card(form))
    if is_htmx():
        return complete_page(services.get_checkout(g.store.id, checkout.token), notice=notice)
    flash(notice[1], notice[0])
    return redirect(url_for("checkout_storefront.complete_show", token=checkout.token), code=303)
