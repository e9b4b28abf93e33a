"""The emails customers get: welcome after sign-up, the password-reset link.

They go through the messaging module (core): rendered, kept in its outbox, delivered by its job.
Links arrive built by the caller (only a request knows the host the shopper came in on).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app

from webapp.framework.scoping import store_scope
from webapp.modules.customers.models import Customer
from webapp.modules.customers.services.accounts import find_by_email, get_customer
from webapp.modules.customers.services.reset import make_reset_token
from webapp.modules.messaging import services as messaging
from webapp.modules.tenancy.services import store_names

WELCOME_TEMPLATE = "customers/emails/welcome"
RESET_TEMPLATE = "customers/emails/password_reset"


def _language(customer: Customer, fallback: str) -> str:
    # The customer's own choice wins over the language of the page they were on.
    return customer.locale or fallback


def _store_name(store_id: int) -> str:
    return store_names([store_id]).get(store_id, "")


def send_welcome_email(store_id: int, customer_id: int, *, account_url: str, locale: str) -> bool:
    """Queue the welcome email of a new account; False if there is no such customer."""
    with store_scope(store_id):
        customer = get_customer(store_id, customer_id)
        if customer is None:
            return False
        messaging.send_email(store_id, WELCOME_TEMPLATE, customer.email,
                             {"first_name": customer.first_name, "store_name": _store_name(store_id),
                              "account_url": account_url}, locale=_language(customer, locale))
        return True


def send_password_reset(store_id: int, email: str, *, reset_url: Callable[[str], str], locale: str) -> bool:
    """Email a reset link (`reset_url(token)`) if the store has a customer with this email; else nothing."""
    with store_scope(store_id):
        customer = find_by_email(store_id, email)
        if customer is None:
            return False
        minutes = int(current_app.config["CUSTOMERS_PASSWORD_RESET_MAX_AGE"]) // 60
        token = make_reset_token(store_id, customer.id)
        messaging.send_email(store_id, RESET_TEMPLATE, customer.email,
                             {"first_name": customer.first_name, "store_name": _store_name(store_id),
                              "expires_minutes": minutes, "reset_url": reset_url(token)},
                             locale=_language(customer, locale))
        return True
