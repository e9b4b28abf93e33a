"""The checkout steps: open a checkout for a cart, then save contact & address, shipping, payment choice.

Each step checks what arrives against the store's own data (its countries, methods, gateways and
the signed-in customer's own addresses) and raises InvalidCheckoutData with field messages;
nothing is changed then.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.checkout.exceptions import InvalidCheckoutData
from webapp.modules.checkout.models import CheckoutSession
from webapp.modules.checkout.services.settings import active_method, clean_text, tax_rate_for
from webapp.modules.customers import services as customers
from webapp.modules.payments import services as payments

STEPS = ("contact", "shipping", "payment", "review")
TOKEN = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
EMAIL = re.compile(r"^[^@\s\x00-\x1f\x7f]+@[^@\s\x00-\x1f\x7f]+\.[^@\s\x00-\x1f\x7f]+$")
ADDRESS_LIMITS = {"street": 200, "postal_code": 20, "city": 100}


@dataclass(frozen=True)
class AddressInput:
    street: str
    postal_code: str
    city: str
    country: str


@dataclass(frozen=True)
class ContactData:
    email: str
    first_name: str
    last_name: str
    phone: str = ""
    address: AddressInput | None = None
    saved_address_id: int | None = None  # one of the signed-in customer's addresses instead


def new_token() -> str:
    return secrets.token_urlsafe(32)


def get_checkout(store_id: int, token) -> CheckoutSession | None:
    """The store's checkout with this token (another store's token is simply not found)."""
    if not isinstance(token, str) or not TOKEN.match(token):
        return None
    return db.session.scalar(select(CheckoutSession).where(CheckoutSession.store_id == store_id,
                                                           CheckoutSession.token == token))


def open_checkout(store_id: int, cart_id: int, customer=None, *, token: str | None = None) -> CheckoutSession:
    """The open checkout `token` (now for this cart and customer), or a new one prefilled from the customer."""
    checkout = get_checkout(store_id, token)
    owner_changed = checkout is not None and checkout.customer_id is not None and (
        customer is None or customer.id != checkout.customer_id)
    # A placed checkout is done; one of a customer who signed out is theirs, not the next visitor's.
    if checkout is None or checkout.is_placed or owner_changed:
        checkout = CheckoutSession(store_id=store_id, token=new_token(), idempotency_key=new_token(),
                                   cart_id=cart_id, status="open", payment_attempts=0)
        db.session.add(checkout)
    checkout.cart_id = cart_id
    if customer is not None and checkout.customer_id != customer.id:
        checkout.customer_id = customer.id
        checkout.email = checkout.email or customer.email
        checkout.first_name = checkout.first_name or customer.first_name
        checkout.last_name = checkout.last_name or customer.last_name
    db.session.flush()
    return checkout


_text = clean_text


def _clean_address(store_id: int, address: AddressInput, errors: dict) -> dict:
    cleaned = {name: _text(getattr(address, name), limit) for name, limit in ADDRESS_LIMITS.items()}
    for name, limit in ADDRESS_LIMITS.items():
        if not cleaned[name] or len(cleaned[name]) > limit:
            errors[name] = _l("Enter up to %(count)s characters.", count=limit)
    cleaned["country"] = _text(address.country, 2).upper()
    if tax_rate_for(store_id, cleaned["country"]) is None:
        errors["country"] = _l("We do not deliver to this country.")
    return cleaned


def _saved_address(store_id: int, customer, address_id, errors: dict) -> dict:
    address = customers.get_address(store_id, customer.id, address_id) if customer is not None else None
    if address is None:
        errors["saved_address"] = _l("Choose one of your saved addresses.")
        return {}
    if tax_rate_for(store_id, address.country) is None:
        errors["saved_address"] = _l("We do not deliver to this country.")
    return {"street": address.street, "postal_code": address.postal_code, "city": address.city,
            "country": address.country}


def _clean_contact(data: ContactData, errors: dict) -> dict:
    contact = {"email": _text(data.email, 254).lower(), "first_name": _text(data.first_name, 100),
               "last_name": _text(data.last_name, 100), "phone": _text(data.phone, 40)}
    if not EMAIL.match(contact["email"]) or len(contact["email"]) > 254:
        errors["email"] = _l("Enter a valid email address.")
    for name in ("first_name", "last_name"):
        if not contact[name] or len(contact[name]) > 100:
            errors[name] = _l("Enter up to %(count)s characters.", count=100)
    if len(contact["phone"]) > 40:
        errors["phone"] = _l("Enter up to %(count)s characters.", count=40)
    return contact


def save_contact(store_id: int, checkout: CheckoutSession, data: ContactData, *, customer=None) -> CheckoutSession:
    """Email, names and the delivery address (typed in, or a saved one of the signed-in customer)."""
    errors: dict = {}
    contact = _clean_contact(data, errors)
    if data.saved_address_id is not None:
        address = _saved_address(store_id, customer, data.saved_address_id, errors)
    elif data.address is not None:
        address = _clean_address(store_id, data.address, errors)
    else:
        errors["street"] = _l("Enter your address.")
    if errors:
        raise InvalidCheckoutData(errors)
    full_name = f"{contact['first_name']} {contact['last_name']}"
    address = {"full_name": full_name, **address, "phone": contact["phone"]}
    checkout.email, checkout.first_name, checkout.last_name = contact["email"], contact["first_name"], \
        contact["last_name"]
    checkout.shipping_address = address
    checkout.billing_address = dict(address)
    if customer is not None:
        checkout.customer_id = customer.id
    db.session.flush()
    return checkout


def save_shipping(store_id: int, checkout: CheckoutSession, code: str) -> CheckoutSession:
    """The shipping method: one of the store's active methods."""
    method = active_method(store_id, code if isinstance(code, str) else None)
    if method is None:
        raise InvalidCheckoutData({"method": _l("Choose one of the delivery options.")})
    checkout.shipping_method_code = method.code
    db.session.flush()
    return checkout


def gateway_choices(store_id: int) -> list:
    """The payment methods the store offers (code, label, instructions)."""
    return list(payments.available_gateways(store_id))


def save_payment_choice(store_id: int, checkout: CheckoutSession, gateway: str) -> CheckoutSession:
    """The payment method: one the store has enabled."""
    if gateway not in {choice.code for choice in gateway_choices(store_id)}:
        raise InvalidCheckoutData({"gateway": _l("Choose one of the payment methods.")})
    checkout.gateway = gateway
    db.session.flush()
    return checkout


def step_complete(store_id: int, checkout: CheckoutSession, step: str) -> bool:
    """Whether the data of `step` is there and still valid (country served, method active, gateway on)."""
    if step == "contact":
        return bool(checkout.email and checkout.shipping_address) and tax_rate_for(
            store_id, checkout.shipping_address.get("country")) is not None
    if step == "shipping":
        return active_method(store_id, checkout.shipping_method_code) is not None
    if step == "payment":
        return checkout.gateway in {choice.code for choice in gateway_choices(store_id)}
    return True


def missing_step(store_id: int, checkout: CheckoutSession, *, upto: str = "review") -> str | None:
    """The first step before `upto` whose data is missing or no longer valid, or None."""
    return next((step for step in STEPS[:STEPS.index(upto)] if not step_complete(store_id, checkout, step)), None)
