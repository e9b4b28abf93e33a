"""What the checkout pages show: step links, choices, prefilled forms, error mapping, and each page.

Every step is a page that includes its partial (#checkout-step); `render` gives htmx the partial.
Reads only: the routes save and commit.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, abort, g, make_response, redirect, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n import money
from webapp.modules.checkout import services
from webapp.modules.checkout.forms import ContactForm, PayAgainForm, PaymentForm, PlaceForm, ShippingForm
from webapp.modules.customers import services as customers
from webapp.modules.customers import session as customer_session
from webapp.modules.orders import services as orders

CARD_GATEWAYS = ("test", "stripe")
CART_ENDPOINT = "cart_storefront.cart_show"
STEP_ENDPOINTS = {"contact": "checkout_storefront.contact_show", "shipping": "checkout_storefront.shipping_show",
                  "payment": "checkout_storefront.payment_show", "review": "checkout_storefront.review_show"}
PAGE = "checkout/storefront/step.html"
PARTIALS = {step: f"checkout/storefront/_{step}.html" for step in services.STEPS}
COMPLETE_PAGE = "checkout/storefront/complete.html"
PAYMENT_PANEL = "checkout/storefront/_payment_panel.html"


def step_url(step: str) -> str:
    return url_for(STEP_ENDPOINTS[step])


def redirect_to(url: str) -> Response:
    """A redirect; for htmx a full navigation (the page around the step changes too)."""
    if is_htmx():
        response = make_response("", 200)
        response.headers["HX-Redirect"] = url
        return response
    return redirect(url, code=303)


@dataclass(frozen=True)
class StepLink:
    label: str
    url: str | None  # None: not reachable yet
    current: bool
    done: bool


def step_links(current: str, missing: str | None) -> list[StepLink]:
    """The step indicator: the steps up to the first `missing` one are links."""
    labels = {"contact": _("Contact & address"), "shipping": _("Delivery"), "payment": _("Payment"),
              "review": _("Review")}
    reachable = services.STEPS[:services.STEPS.index(missing) + 1] if missing else services.STEPS
    position = services.STEPS.index(current)
    return [StepLink(labels[step], step_url(step) if step in reachable else None, step == current,
                     index < position) for index, step in enumerate(services.STEPS)]


def login_url() -> str:
    """The shoppers' sign-in page, coming back to checkout."""
    return url_for("customers_storefront.account_login", next=url_for("checkout_storefront.start"))


def country_choices() -> list[SelectChoice]:
    """The countries the store delivers to (those with a VAT rate), named in the shopper's language."""
    names = get_locale().territories
    rates = services.list_tax_rates(g.store.id)
    return sorted((SelectChoice(rate.country, names.get(rate.country, rate.country)) for rate in rates),
                  key=lambda choice: choice.label)


def address_choices(customer) -> list[SelectChoice]:
    if customer is None:
        return []
    saved = [SelectChoice(str(a.id), f"{a.full_name}, {a.street}, {a.postal_code} {a.city}, {a.country}")
             for a in customers.list_addresses(customer.store_id, customer.id)]
    return [*saved, SelectChoice("", _("A new address"))] if saved else []


def method_choices(goods_subtotal) -> list[SelectChoice]:
    """Active shipping methods with their price for this cart ("free" from the threshold on)."""
    choices = []
    for method in services.list_shipping_methods(g.store.id, active_only=True):
        price = services.shipping_price(method, goods_subtotal)
        text = _("free") if price == 0 else money(price)
        if method.free_over is not None and price > 0:
            text = _("%(price)s, free from %(threshold)s", price=text, threshold=money(method.free_over))
        choices.append(SelectChoice(method.code, f"{method.label} — {text}"))
    return choices


def apply_errors(form, errors: dict) -> None:
    """Service field errors onto the form; unknown names become form-level errors."""
    for name, message in errors.items():
        field = getattr(form, name, None)
        if field is not None and hasattr(field, "errors"):
            field.errors = [*field.errors, str(message)]
        else:
            form.form_errors.append(str(message))


def gateway_of(checkout):
    """The chosen payment method's GatewayInfo (label, instructions), or None."""
    return next((c for c in services.gateway_choices(g.store.id) if c.code == checkout.gateway), None)


# -- the steps --------------------------------------------------------------------------------

def render_step(step: str, checkout, cart, *, status: int = 200, **context) -> Response:
    """The step's page (htmx: its partial) with the step links, the cart and the totals."""
    titles = {"contact": _("Contact & address"), "shipping": _("Delivery"), "payment": _("Payment"),
              "review": _("Review your order")}
    missing = services.missing_step(g.store.id, checkout) if checkout is not None else "contact"
    return render(PAGE, PARTIALS[step], status=status, step=step, title=titles[step], partial=PARTIALS[step],
                  steps=step_links(step, missing), checkout=checkout, cart=cart,
                  totals=services.quote(g.store.id, checkout, cart), **context)


def contact_form(checkout, *, submitted: bool = False) -> ContactForm:
    """The contact form as posted, or prefilled from the checkout, else the signed-in customer."""
    customer = customer_session.current_customer()
    if submitted:
        form = ContactForm()
    else:
        address = (checkout.shipping_address if checkout else None) or {}
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


def contact_page(checkout, cart, form: ContactForm | None = None, *, status: int = 200) -> Response:
    customer = customer_session.current_customer()
    return render_step("contact", checkout, cart, status=status, form=form or contact_form(checkout),
                       customer=customer, login_url=login_url() if customer is None else None)


def shipping_page(checkout, cart, form: ShippingForm | None = None, *, status: int = 200) -> Response:
    choices = method_choices(cart.subtotal)
    # Not yet chosen: the first method (the merchant's default) is preselected.
    form = form or ShippingForm(formdata=None, method=checkout.shipping_method_code or next(
        (choice.value for choice in choices), None))
    form.method.choices = choices
    return render_step("shipping", checkout, cart, status=status, form=form)


def payment_page(checkout, cart, form: PaymentForm | None = None, *, status: int = 200) -> Response:
    gateways = services.gateway_choices(g.store.id)
    form = form or PaymentForm(formdata=None, gateway=checkout.gateway or next(
        (choice.code for choice in gateways), None))
    form.gateway.choices = [SelectChoice(choice.code, choice.label) for choice in gateways]
    instructions = {choice.code: choice.instructions for choice in gateways}
    return render_step("payment", checkout, cart, status=status, form=form, instructions=instructions)


def review_page(checkout, cart, form: PlaceForm | None = None, *, status: int = 200, **context) -> Response:
    form = form or PlaceForm(formdata=None, idempotency_key=checkout.idempotency_key)
    return render_step("review", checkout, cart, status=status, form=form, gateway=gateway_of(checkout),
                       needs_card=checkout.gateway in CARD_GATEWAYS, **context)


PAGES = {"contact": contact_page, "shipping": shipping_page, "payment": payment_page, "review": review_page}


# -- the confirmation -------------------------------------------------------------------------

def complete_page(checkout, form: PayAgainForm | None = None, *, status: int = 200,
                  notice: tuple[str, str] | None = None) -> Response:
    """The placed order, and "pay again" while a card payment is still pending."""
    order = orders.get_order(g.store.id, checkout.order_id, with_details=True)
    if order is None:
        abort(404)
    awaiting = order.status == "open" and order.payment_status == "pending"
    form = form or PayAgainForm(formdata=None, attempt=checkout.payment_attempts + 1)
    return render(COMPLETE_PAGE, PAYMENT_PANEL, status=status, checkout=checkout, order=order,
                  gateway=gateway_of(checkout), can_pay=awaiting and checkout.gateway in CARD_GATEWAYS,
                  form=form, notice=notice,
                  paid=order.status != "cancelled" and order.payment_status not in ("pending", "voided"))
