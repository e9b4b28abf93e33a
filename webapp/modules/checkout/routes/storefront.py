"""Storefront checkout: contact & address → delivery → payment → review → confirmation.

Each step is a plain route: GET shows it, POST saves it. What a step needs first is declared with
`@preconditions(...)` (webapp.modules.checkout.session); the first one missing redirects there.
htmx posts swap only the step, plain posts redirect (303) to the next step, invalid input answers
422 with the field errors. GETs change nothing (the checkout row is created by the first POST),
except that reaching the payment step holds the cart's stock for the shopper (see definition.py).

Placing the order commits it before any gateway is called: a declined card leaves a pending order
that the shopper pays from the confirmation page, each attempt with its own idempotency key.
"""

from __future__ import annotations

import logging

from flask import Blueprint, abort, flash, g, redirect, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.access import personal, public
from webapp.framework.auth.passwords import MIN_LENGTH, password_problem
from webapp.framework.errors import OrionError
from webapp.framework.events import publish
from webapp.framework.htmx import is_htmx
from webapp.modules.cart.session import cart_view, content_language, current_cart
from webapp.modules.checkout import services, views
from webapp.modules.checkout.forms import ContactForm, PayAgainForm, PaymentForm, PlaceForm, ShippingForm
from webapp.modules.checkout.session import (
    cart_not_empty,
    contact_given,
    current_checkout,
    not_placed_yet,
    payment_chosen,
    preconditions,
    remember_checkout,
    shipping_chosen,
    ui_language,
)
from webapp.modules.checkout.views import CARD_GATEWAYS, redirect_to, step_url
from webapp.modules.contracts.events import CustomerRegistered, CustomerSignedIn
from webapp.modules.customers import services as customers
from webapp.modules.customers import session as customer_session
from webapp.modules.orders import services as orders
from webapp.modules.payments import services as payments

bp = Blueprint("checkout_storefront", __name__)
log = logging.getLogger(__name__)


def advance(step: str, checkout):
    """After a saved step: the next one (htmx: its partial, with the URL pushed; otherwise a 303)."""
    url = step_url(step)
    if not is_htmx():
        return redirect(url, code=303)
    response = views.PAGES[step](checkout, cart_view())
    response.headers["HX-Push-Url"] = url
    return response


@bp.get("/checkout")
@public
@personal
@preconditions(cart_not_empty, contact_given, shipping_chosen, payment_chosen)
def start():
    """From the cart to the first step that still needs something: the review when nothing does."""
    return redirect_to(step_url("review"))


# -- contact & address ------------------------------------------------------------------------

@bp.get("/checkout/contact")
@public
@personal
@preconditions(cart_not_empty)
def contact_show():
    return views.contact_page(current_checkout(), cart_view())


@bp.post("/checkout/contact")
@public
@personal
@preconditions(cart_not_empty)
def contact_save():
    checkout, form = current_checkout(), views.contact_form(current_checkout(), submitted=True)
    customer = customer_session.current_customer()
    new_account = form.validate() and form.create_account.data and customer is None
    if form.errors or (new_account and (customer := _register(form)) is None):
        db.session.rollback()
        return views.contact_page(checkout, cart_view(), form, status=422)
    opened = services.open_checkout(g.store.id, current_cart().id, customer,
                                    token=checkout.token if checkout is not None else None)
    try:
        services.save_contact(g.store.id, opened, _contact_data(form), customer=customer)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        views.apply_errors(form, error.errors)
        return views.contact_page(checkout, cart_view(), form, status=422)
    if new_account:
        _sign_in_new_customer(customer)
    db.session.commit()
    remember_checkout(opened)
    if new_account:  # a new session id and CSRF token: the whole page must be reloaded
        flash(_("Your account is ready and you are signed in."), "success")
        return redirect_to(step_url("shipping"))
    return advance("shipping", opened)


def saved_address_id(value: str | None) -> int | None:
    """"" = a new address; digits = an address id; anything else an id that matches nothing."""
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() and len(value) < 10 else -1


def _contact_data(form: ContactForm) -> services.ContactData:
    address_id = saved_address_id(form.saved_address.data) if form.saved_address.choices else None
    address = None if address_id is not None else services.AddressInput(
        form.street.data or "", form.postal_code.data or "", form.city.data or "", form.country.data or "")
    return services.ContactData(email=form.email.data, first_name=form.first_name.data,
                                last_name=form.last_name.data, phone=form.phone.data or "", address=address,
                                saved_address_id=address_id)


def _register(form: ContactForm):
    """The new account asked for on the contact step, or None with the refusal on the form."""
    problem = password_problem(form.password.data or "")
    if problem is not None:
        form.password.errors = [*form.password.errors, (
            _("Use at least %(num)d characters.", num=MIN_LENGTH) if problem == "too_short"
            else _("This password is too common. Choose one that is harder to guess."))]
        return None
    taken = _("An account with this email already exists. Sign in to use it.")
    if customers.find_by_email(g.store.id, form.email.data) is not None:
        form.email.errors = [*form.email.errors, taken]
        return None
    try:
        return customers.register_customer(g.store.id, form.email.data, form.password.data,
                                           first_name=form.first_name.data, last_name=form.last_name.data,
                                           locale=ui_language())
    except OrionError:  # the same email registered a moment ago by a concurrent request
        form.email.errors = [*form.email.errors, taken]
        return None


def _sign_in_new_customer(customer) -> None:
    publish(CustomerRegistered(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))
    customer_session.sign_in(customer)
    # The cart module makes the guest cart the customer's in this transaction.
    publish(CustomerSignedIn(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))


# -- delivery and payment method ---------------------------------------------------------------

@bp.get("/checkout/shipping")
@public
@personal
@preconditions(cart_not_empty, contact_given)
def shipping_show():
    return views.shipping_page(current_checkout(), cart_view())


@bp.post("/checkout/shipping")
@public
@personal
@preconditions(cart_not_empty, contact_given)
def shipping_save():
    checkout, form = current_checkout(), ShippingForm()
    try:
        if not form.validate():
            raise services.InvalidCheckoutData({})
        services.save_shipping(g.store.id, checkout, form.method.data)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        views.apply_errors(form, error.errors)
        return views.shipping_page(checkout, cart_view(), form, status=422)
    db.session.commit()
    if is_htmx() and (refused := _hold_stock()) is not None:  # the payment step is shown right away
        return refused
    return advance("payment", checkout)


def _hold_stock():
    """Hold the cart's stock while the shopper pays (committed); None, or back to the cart naming what is short."""
    try:
        services.hold_stock(g.store.id, current_cart(), language=content_language())
    except services.CartHasProblems as error:
        db.session.rollback()
        return _back_to_cart(error.titles)
    except services.EmptyCart:  # emptied in another tab since the pre-conditions ran
        db.session.rollback()
        return redirect_to(url_for(views.CART_ENDPOINT))
    db.session.commit()
    return None


@bp.get("/checkout/payment")
@public
@personal
@preconditions(cart_not_empty, contact_given, shipping_chosen)
def payment_show():
    refused = _hold_stock()
    return refused or views.payment_page(current_checkout(), cart_view())


@bp.post("/checkout/payment")
@public
@personal
@preconditions(cart_not_empty, contact_given, shipping_chosen)
def payment_save():
    checkout, form = current_checkout(), PaymentForm()
    try:
        if not form.validate():
            raise services.InvalidCheckoutData({})
        services.save_payment_choice(g.store.id, checkout, form.gateway.data)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        views.apply_errors(form, error.errors)
        return views.payment_page(checkout, cart_view(), form, status=422)
    db.session.commit()
    return advance("review", checkout)


# -- review and placing the order -------------------------------------------------------------

@bp.get("/checkout/review")
@public
@personal
@preconditions(cart_not_empty, contact_given, shipping_chosen, payment_chosen)
def review_show():
    return views.review_page(current_checkout(), cart_view())


@bp.post("/checkout/place")
@public
@personal
@preconditions(not_placed_yet, cart_not_empty, contact_given, shipping_chosen, payment_chosen)
def order_place():
    """Place the order (once, however often the form arrives), then take the first payment."""
    checkout, form = current_checkout(), PlaceForm()
    if not _card_form_ok(form, checkout.gateway):
        return views.review_page(checkout, cart_view(), form, status=422)
    if form.idempotency_key.data != checkout.idempotency_key:
        problem = _("Your checkout changed in the meantime. Please check your order again.")
        fresh = PlaceForm(formdata=None, idempotency_key=checkout.idempotency_key)
        return views.review_page(checkout, cart_view(), fresh, status=422, problem=problem)
    refused = _place(checkout, form)
    if refused is not None:
        return refused
    return _to_complete(checkout)


def _place(checkout, form: PlaceForm):
    """Place and commit the order and start its first payment; the response when it was refused."""
    try:
        result = services.place_order(g.store.id, checkout.id, current_cart(), platform_id=g.platform.id,
                                      language=content_language(), email_locale=ui_language(),
                                      store_name=g.store.name)
    except services.SoldOut as error:
        db.session.rollback()
        message = _("Sorry, sold out: %(products)s. Please update your cart.", products=", ".join(error.titles))
        return views.review_page(checkout, cart_view(), form, status=409, problem=message)
    except services.CartHasProblems as error:
        db.session.rollback()
        return _back_to_cart(error.titles)
    except services.EmptyCart:
        db.session.rollback()
        return redirect_to(url_for(views.CART_ENDPOINT))
    except services.StepMissing as error:
        db.session.rollback()
        return redirect_to(step_url(error.step))
    db.session.commit()
    if result.created:
        category, message = _pay(checkout, attempt=1, card=_card(form) if checkout.gateway in CARD_GATEWAYS else None)
        flash(message, category)
    return None


def _back_to_cart(titles: list[str]):
    flash(_("Sorry, sold out or no longer available in that quantity: %(products)s. Please check your cart.",
            products=", ".join(titles)), "warning")
    return redirect_to(url_for(views.CART_ENDPOINT))


def _card(form) -> payments.CardInput:
    return payments.CardInput(number=form.card_number.data.replace(" ", ""), exp_month=form.exp_month.data,
                              exp_year=form.exp_year.data, cvc=form.cvc.data)


def _card_form_ok(form, gateway: str | None) -> bool:
    valid = form.validate()
    return (gateway not in CARD_GATEWAYS or form.require_card()) and valid


def _to_complete(checkout):
    return redirect_to(url_for("checkout_storefront.complete_show", token=checkout.token))


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


# -- the confirmation and paying again ---------------------------------------------------------

def _placed_or_404(token: str):
    checkout = services.get_checkout(g.store.id, token)
    if checkout is None or not checkout.is_placed:
        abort(404)
    return checkout


@bp.get("/checkout/complete/<token>")
@public
@personal
def complete_show(token: str):
    return views.complete_page(_placed_or_404(token))


@bp.post("/checkout/complete/<token>/pay")
@public
@personal
def payment_retry(token: str):
    checkout, form = _placed_or_404(token), PayAgainForm()
    order = orders.get_order(g.store.id, checkout.order_id)
    if order is None or order.payment_status != "pending" or order.status != "open" \
            or checkout.gateway not in CARD_GATEWAYS:
        return _to_complete(checkout)
    if not _card_form_ok(form, checkout.gateway):
        return views.complete_page(checkout, form, status=422)
    notice = _pay(checkout, attempt=form.attempt.data, card=_card(form))
    if is_htmx():
        return views.complete_page(services.get_checkout(g.store.id, checkout.token), notice=notice)
    flash(notice[1], notice[0])
    return redirect(url_for("checkout_storefront.complete_show", token=checkout.token), code=303)
