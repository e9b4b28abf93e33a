"""The storefront steps' request handling: guards, forms, saving, and page-or-partial responses.

Routes stay one-liners; this file holds what they share. Every step runs through `guarded`,
which checks the cart and the earlier steps and redirects to the first one missing.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, flash, g, make_response, redirect, url_for
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.extensions import db
from webapp.framework.auth.passwords import MIN_LENGTH, password_problem
from webapp.framework.errors import OrionError
from webapp.framework.events import publish
from webapp.framework.htmx import is_htmx, render
from webapp.modules.cart.session import cart_view, current_cart
from webapp.modules.checkout import services
from webapp.modules.checkout.forms import ContactForm, PaymentForm, PlaceForm, ShippingForm
from webapp.modules.checkout.views import (
    CARD_GATEWAYS,
    address_choices,
    apply_errors,
    country_choices,
    current_checkout,
    login_url,
    method_choices,
    remember_checkout,
    saved_address_id,
    step_links,
    step_url,
    ui_language,
)
from webapp.modules.contracts.events import CustomerRegistered, CustomerSignedIn
from webapp.modules.customers import services as customers
from webapp.modules.customers import session as customer_session

PAGE = "checkout/storefront/step.html"
PARTIALS = {step: f"checkout/storefront/_{step}.html" for step in services.STEPS}
CART_ENDPOINT = "cart_storefront.cart_show"


@dataclass
class StepContext:
    cart: object
    view: object  # the priced cart
    checkout: object | None  # None only on the first step before it is saved
    missing: str | None = "contact"  # the first step still to complete (None: ready to place)

    @classmethod
    def of(cls, cart, view, checkout) -> StepContext:
        missing = services.missing_step(g.store.id, checkout) if checkout is not None else "contact"
        return cls(cart, view, checkout, missing)


def redirect_to(url: str) -> Response:
    """A redirect; for htmx a full navigation (the page around the step changes too)."""
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


def cart_is_empty() -> Response:
    flash(_("Your cart is empty. Add something before checking out."), "info")
    return redirect_to(url_for(CART_ENDPOINT))


def guarded(step: str, handler):
    """Call `handler(StepContext)` if the cart has lines and the steps before `step` are done."""
    cart = current_cart()
    view = cart_view() if cart is not None else None
    if view is None or not view.lines:
        return cart_is_empty()
    ctx = StepContext.of(cart, view, current_checkout())
    if ctx.missing is not None and services.STEPS.index(ctx.missing) < services.STEPS.index(step):
        return redirect_to(step_url(ctx.missing))
    return handler(ctx)


def render_step(step: str, ctx: StepContext, *, status: int = 200, **context) -> Response:
    titles = {"contact": _("Contact & address"), "shipping": _("Delivery"), "payment": _("Payment"),
              "review": _("Review your order")}
    return render(PAGE, PARTIALS[step], status=status, step=step, title=titles[step], partial=PARTIALS[step],
                  steps=step_links(step, ctx.missing), checkout=ctx.checkout, cart=ctx.view,
                  totals=services.quote(g.store.id, ctx.checkout, ctx.view), **context)


def advance(step: str, ctx: StepContext) -> Response:
    """After a saved step: the next one (htmx: its partial, with the URL pushed; otherwise a 303)."""
    url = step_url(step)
    if not is_htmx():
        return redirect(url, code=303)
    response = PAGES[step](StepContext.of(ctx.cart, ctx.view, ctx.checkout))  # one step more is done now
    response.headers["HX-Push-Url"] = url
    return response


# -- contact & address ------------------------------------------------------------------------

def contact_form(ctx: StepContext, *, submitted: bool = False) -> ContactForm:
    customer = customer_session.current_customer()
    if submitted:
        form = ContactForm()
    else:
        checkout, address = ctx.checkout, (ctx.checkout.shipping_address if ctx.checkout else None) or {}
        source = checkout if checkout is not None and checkout.email else customer
        default = (customers.default_address(customer.store_id, customer.id)
                   if customer is not None and not address else None)
        form = ContactForm(formdata=None, data={
            "email": getattr(source, "email", ""), "first_name": getattr(source, "first_name", ""),
            "last_name": getattr(source, "last_name", ""), "phone": address.get("phone", ""),
            "street": address.get("street", ""), "postal_code": address.get("postal_code", ""),
            "city": address.get("city", ""), "saved_address": str(default.id) if default else "",
            "country": address.get("country") or services.get_settings(g.store.id).default_country})
    form.country.choices = country_choices()
    form.saved_address.choices = address_choices(customer)
    return form


def contact_page(ctx: StepContext, form: ContactForm | None = None, *, status: int = 200) -> Response:
    customer = customer_session.current_customer()
    return render_step("contact", ctx, status=status, form=form or contact_form(ctx), customer=customer,
                       login_url=login_url() if customer is None else None)


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


def save_contact(ctx: StepContext) -> Response:
    form = contact_form(ctx, submitted=True)
    customer = customer_session.current_customer()
    new_account = form.validate() and form.create_account.data and customer is None
    if form.errors or (new_account and (customer := _register(form)) is None):
        db.session.rollback()
        return contact_page(ctx, form, status=422)
    token = ctx.checkout.token if ctx.checkout is not None else None
    checkout = services.open_checkout(g.store.id, ctx.cart.id, customer, token=token)
    try:
        services.save_contact(g.store.id, checkout, _contact_data(form), customer=customer)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        apply_errors(form, error.errors)
        return contact_page(ctx, form, status=422)
    if new_account:
        _sign_in_new_customer(customer)
    db.session.commit()
    remember_checkout(checkout)
    if new_account:  # a new session id and CSRF token: the whole page must be reloaded
        flash(_("Your account is ready and you are signed in."), "success")
        return redirect_to(step_url("shipping"))
    return advance("shipping", StepContext(ctx.cart, ctx.view, checkout, None))


def _sign_in_new_customer(customer) -> None:
    publish(CustomerRegistered(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))
    customer_session.sign_in(customer)
    # The cart module makes the guest cart the customer's in this transaction.
    publish(CustomerSignedIn(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))


# -- delivery and payment method ---------------------------------------------------------------

def shipping_page(ctx: StepContext, form: ShippingForm | None = None, *, status: int = 200) -> Response:
    choices = method_choices(ctx.view.subtotal)
    # Not yet chosen: the first method (the merchant's default) is preselected.
    form = form or ShippingForm(formdata=None, method=ctx.checkout.shipping_method_code or next(
        (choice.value for choice in choices), None))
    form.method.choices = choices
    return render_step("shipping", ctx, status=status, form=form)


def save_shipping(ctx: StepContext) -> Response:
    form = ShippingForm()
    try:
        if not form.validate():
            raise services.InvalidCheckoutData({})
        services.save_shipping(g.store.id, ctx.checkout, form.method.data)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        apply_errors(form, error.errors)
        return shipping_page(ctx, form, status=422)
    db.session.commit()
    return advance("payment", ctx)


def payment_page(ctx: StepContext, form: PaymentForm | None = None, *, status: int = 200) -> Response:
    gateways = services.gateway_choices(g.store.id)
    form = form or PaymentForm(formdata=None, gateway=ctx.checkout.gateway or next(
        (choice.code for choice in gateways), None))
    form.gateway.choices = [SelectChoice(choice.code, choice.label) for choice in gateways]
    instructions = {choice.code: choice.instructions for choice in gateways}
    return render_step("payment", ctx, status=status, form=form, instructions=instructions)


def save_payment(ctx: StepContext) -> Response:
    form = PaymentForm()
    try:
        if not form.validate():
            raise services.InvalidCheckoutData({})
        services.save_payment_choice(g.store.id, ctx.checkout, form.gateway.data)
    except services.InvalidCheckoutData as error:
        db.session.rollback()
        apply_errors(form, error.errors)
        return payment_page(ctx, form, status=422)
    db.session.commit()
    return advance("review", ctx)


def show_contact(ctx: StepContext) -> Response:
    return contact_page(ctx)


def show_shipping(ctx: StepContext) -> Response:
    return shipping_page(ctx)


def show_payment(ctx: StepContext) -> Response:
    return payment_page(ctx)


def review_page(ctx: StepContext, form: PlaceForm | None = None, *, status: int = 200, **context) -> Response:
    form = form or PlaceForm(formdata=None, idempotency_key=ctx.checkout.idempotency_key)
    gateway = next((c for c in services.gateway_choices(g.store.id) if c.code == ctx.checkout.gateway), None)
    return render_step("review", ctx, status=status, form=form, gateway=gateway,
                       needs_card=ctx.checkout.gateway in CARD_GATEWAYS, **context)


PAGES = {"contact": contact_page, "shipping": shipping_page, "payment": payment_page, "review": review_page}
