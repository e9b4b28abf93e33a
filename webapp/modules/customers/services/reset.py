"""Password-reset links: signed, expiring, bound to one store and single-use."""

from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from webapp.modules.customers.models import Customer
from webapp.modules.customers.services.accounts import get_customer, set_password

SALT = "customers.password-reset"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def _fingerprint(customer: Customer) -> str:
    # Changes with every new password hash: a used link, or one older than the last password
    # change, no longer matches. Guests (no password yet) share the empty fingerprint until
    # they set one.
    return hashlib.sha256((customer.password_hash or "").encode()).hexdigest()[:24]


def make_reset_token(store_id: int, customer_id: int) -> str | None:
    """A signed token naming the customer, their store and their current password (None: no such customer)."""
    customer = get_customer(store_id, customer_id)
    if customer is None:
        return None
    return _serializer().dumps({"c": customer.id, "s": customer.store_id, "f": _fingerprint(customer)})


def customer_from_reset_token(store_id: int, token: str) -> Customer | None:
    """The customer a still-valid token of store `store_id` was made for, or None."""
    max_age = int(current_app.config["CUSTOMERS_PASSWORD_RESET_MAX_AGE"])
    try:
        payload = _serializer().loads(token, max_age=max_age)
    except BadSignature:  # also SignatureExpired
        return None
    if not isinstance(payload, dict) or payload.get("s") != store_id or not isinstance(payload.get("c"), int):
        return None
    customer = get_customer(store_id, payload["c"])
    if customer is None or payload.get("f") != _fingerprint(customer):
        return None
    return customer


def reset_password(store_id: int, customer_id: int, password: str) -> Customer:
    """Set the new password; the link is spent and every other session ends."""
    return set_password(store_id, customer_id, password)
