"""Steps the storefront views share: starting a shopper session, emails, password messages.

Request-bound helpers (they read `g`, the session and the request); the logic itself stays in
the services.
"""

from __future__ import annotations

from urllib.parse import urljoin

from flask import current_app, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.auth.passwords import MIN_LENGTH
from webapp.framework.events import publish
from webapp.framework.i18n_routes import safe_next
from webapp.modules.contracts.events import CustomerRegistered, CustomerSignedIn
from webapp.modules.customers import mailer, services
from webapp.modules.customers.exceptions import DuplicateEmail, WeakPassword
from webapp.modules.customers.models import Customer
from webapp.modules.customers.views import email_locale

ACCOUNT_ENDPOINT = "customers_storefront.account_show"


def rate_limit() -> str:
    return current_app.config["CUSTOMERS_RATE_LIMIT"]


def password_message(reason: str) -> str:
    if reason == "too_short":
        return _("Use at least %(num)d characters.", num=MIN_LENGTH)
    return _("This password is too common. Choose one that is harder to guess.")


def duplicate_email_message() -> str:
    return _("An account with this email already exists. Sign in, or reset your password if you forgot it.")


def external_url(endpoint: str, **values) -> str:
    """An absolute link for an email, on the host and scheme this request came in on."""
    # url_for gives the path as this host serves it (store hosts drop the canonical mount).
    return urljoin(request.host_url, url_for(endpoint, **values))


def start_session(customer: Customer, message: str):
    """Sign the customer in, tell the other modules, commit, and go to `next` or the account."""
    services.sign_in(customer)
    # Handlers (the cart merging the guest cart) run in this transaction.
    publish(CustomerSignedIn(platform_id=g.platform.id, store_id=customer.store_id, customer_id=customer.id))
    db.session.commit()
    flash(message, "success")
    return redirect(safe_next(request.args.get("next"), url_for(ACCOUNT_ENDPOINT)), code=303)


def register(form) -> Customer | None:
    """Create the account from a valid form, or put the refusal on the form and return None."""
    try:
        customer = services.register_customer(
            g.store.id, form.email.data, form.password.data, first_name=form.first_name.data,
            last_name=form.last_name.data, locale=str(get_locale()),
            accepts_marketing=form.accepts_marketing.data)
    except DuplicateEmail:
        form.email.errors.append(duplicate_email_message())
        return None
    except WeakPassword as error:
        form.password.errors.append(password_message(error.reason))
        return None
    publish(CustomerRegistered(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))
    mailer.send(g.store.id, "customers/emails/welcome", customer.email,
                {"first_name": customer.first_name, "store_name": g.store.name,
                 "account_url": external_url(ACCOUNT_ENDPOINT)}, locale=email_locale(customer))
    return customer


def send_reset_link(email: str) -> None:
    """Email a reset link if the store has a customer with this email; silently nothing otherwise."""
    customer = services.find_by_email(g.store.id, email)
    if customer is None:
        return
    token = services.make_reset_token(customer)
    minutes = int(current_app.config["CUSTOMERS_PASSWORD_RESET_MAX_AGE"]) // 60
    mailer.send(g.store.id, "customers/emails/password_reset", customer.email,
                {"first_name": customer.first_name, "store_name": g.store.name, "expires_minutes": minutes,
                 "reset_url": external_url("customers_storefront.password_reset", token=token)},
                locale=email_locale(customer))


def set_new_password(customer: Customer, form) -> bool:
    """Apply the reset form's password; False with the reason on the form when refused."""
    try:
        services.reset_password(customer, form.password.data)
    except WeakPassword as error:
        form.password.errors.append(password_message(error.reason))
        return False
    return True
