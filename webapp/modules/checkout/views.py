"""Request glue and view models of the checkout pages: the shopper's cart and checkout, step links, choices."""

from __future__ import annotations

from dataclasses import dataclass

from flask import g, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from werkzeug.routing import BuildError
from wtforms import SelectChoice

from webapp.framework.i18n import money
from webapp.modules.checkout import services
from webapp.modules.customers import services as customers
from webapp.modules.customers import session as customer_session

SESSION_KEY = "checkout"
CARD_GATEWAYS = ("test", "stripe")
STEP_ENDPOINTS = {"contact": "checkout_storefront.contact_show", "shipping": "checkout_storefront.shipping_show",
                  "payment": "checkout_storefront.payment_show", "review": "checkout_storefront.review_show"}


def _tokens(key: str) -> dict:
    tokens = session.get(key)
    return tokens if isinstance(tokens, dict) else {}


def ui_language() -> str:
    return str(get_locale() or g.store.default_language)


def remember_checkout(checkout) -> None:
    session[SESSION_KEY] = {**_tokens(SESSION_KEY), str(g.store.id): checkout.token}


def session_checkout():
    """The checkout named in this shopper's session, placed or open (None if unknown)."""
    return services.get_checkout(g.store.id, _tokens(SESSION_KEY).get(str(g.store.id)))


def current_checkout():
    """The session's open checkout, if it still belongs to whoever is signed in now."""
    checkout = session_checkout()
    if checkout is None or checkout.is_placed:
        return None
    customer = customer_session.current_customer()
    if checkout.customer_id is not None and (customer is None or customer.id != checkout.customer_id):
        return None
    return checkout


def step_url(step: str) -> str:
    return url_for(STEP_ENDPOINTS[step])


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


def login_url() -> str | None:
    """The shoppers' sign-in page, coming back to checkout (None while customers has no such page)."""
    try:
        return url_for("customers_storefront.account_login", next=url_for("checkout_storefront.start"))
    except BuildError:
        return None


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


def saved_address_id(value: str | None) -> int | None:
    """"" = a new address; digits = an address id; anything else an id that matches nothing."""
    value = (value or "").strip()
    if not value:
        return None
    return int(value) if value.isdigit() and len(value) < 10 else -1
