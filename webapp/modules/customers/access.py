"""Storefront access for shoppers: pages that need a signed-in customer."""

from __future__ import annotations

from functools import wraps

from flask import Response, redirect, request, url_for

from webapp.framework.htmx import is_htmx
from webapp.framework.routing.urls import current_path
from webapp.modules.customers.session import current_customer

LOGIN_ENDPOINT = "customers_storefront.account_login"


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
