"""The shopper's sign-in realm: a small session entry per store, separate from Flask-Login.

Flask-Login belongs to platform users (staff, merchants). A shopper's session holds
`{"store_id", "customer_id", "version"}` under one key: it is valid only on that store, and only
while the customer's `session_version` is unchanged (a password change ends other sessions).
`customer_required` guards the pages of other modules too (the orders pages): sign in first,
htmx requests get 401 with HX-Redirect.
"""

from __future__ import annotations

from functools import wraps

from flask import Response, g, redirect, request, session, url_for

from webapp.extensions import db
from webapp.framework.htmx import is_htmx
from webapp.framework.routing.urls import current_path
from webapp.framework.sessions import rotate_session_id
from webapp.modules.customers.models import Customer

SESSION_KEY = "customer"
LOGIN_ENDPOINT = "customers_storefront.account_login"
_CACHE = "_customers_current"
_NONE = object()


def _drop_customer_keys() -> None:
    for key in [k for k in session if k == SESSION_KEY or k.startswith(f"{SESSION_KEY}.")]:
        session.pop(key, None)
    # A new CSRF token with the new identity: a token seen before sign-in is worthless after.
    session.pop("csrf_token", None)


def sign_in(customer: Customer) -> None:
    """Make `customer` the signed-in shopper of their store (a fresh session id)."""
    _drop_customer_keys()
    session[SESSION_KEY] = {"store_id": customer.store_id, "customer_id": customer.id,
                            "version": customer.session_version}
    rotate_session_id()
    setattr(g, _CACHE, customer)


def sign_out() -> None:
    """Forget the shopper; other session data (language, guest cart) stays."""
    _drop_customer_keys()
    rotate_session_id()
    setattr(g, _CACHE, _NONE)


def current_customer() -> Customer | None:
    """The signed-in customer of the current store, or None (cached for the request)."""
    cached = g.get(_CACHE)
    if cached is not None:
        return None if cached is _NONE else cached
    customer = _load()
    setattr(g, _CACHE, customer if customer is not None else _NONE)
    return customer


def _load() -> Customer | None:
    store = g.get("store")
    entry = session.get(SESSION_KEY)
    if store is None or not isinstance(entry, dict) or entry.get("store_id") != store.id:
        return None
    customer_id = entry.get("customer_id")
    if not isinstance(customer_id, int):
        return None
    customer = db.session.get(Customer, customer_id)
    if customer is None or customer.store_id != store.id or customer.session_version != entry.get("version"):
        return None
    return customer


def customer_login_redirect() -> Response:
    """To the shopper's sign-in page and back (htmx: 401 with HX-Redirect)."""
    query = request.query_string.decode("latin-1")
    target = url_for(LOGIN_ENDPOINT, next=current_path() + (f"?{query}" if query else ""))
    if is_htmx():
        response = Response(status=401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def customer_required(view):
    """The view runs only for a signed-in customer of this store; it gets `customer` as argument."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        customer = current_customer()
        if customer is None:
            return customer_login_redirect()
        return view(customer, *args, **kwargs)
    return wrapped
