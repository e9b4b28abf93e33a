"""The shopper's checkout in the session, and the pre-conditions the checkout steps declare.

A pre-condition is a small named function of the current request: None when it holds, otherwise
the redirect to where the missing piece is entered (the cart, an earlier step). A step states its
pre-conditions with `@preconditions(...)`; they run in the order given, so the shopper lands on
the first thing missing (as django-oscar's `pre_conditions`).
"""

from __future__ import annotations

from functools import wraps

from flask import flash, g, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.modules.cart.session import cart_view
from webapp.modules.checkout import services
from webapp.modules.checkout.views import CART_ENDPOINT, redirect_to, step_url
from webapp.modules.customers import session as customer_session

SESSION_KEY = "checkout"
_CURRENT = "_checkout_current"


def _tokens(key: str) -> dict:
    tokens = session.get(key)
    return tokens if isinstance(tokens, dict) else {}


def ui_language() -> str:
    return str(get_locale() or g.store.default_language)


def remember_checkout(checkout) -> None:
    session[SESSION_KEY] = {**_tokens(SESSION_KEY), str(g.store.id): checkout.token}
    g.pop(_CURRENT, None)


def session_checkout():
    """The checkout named in this shopper's session, placed or open (None if unknown)."""
    return services.get_checkout(g.store.id, _tokens(SESSION_KEY).get(str(g.store.id)))


def _current_checkout():
    checkout = session_checkout()
    if checkout is None or checkout.is_placed:
        return None
    customer = customer_session.current_customer()
    if checkout.customer_id is not None and (customer is None or customer.id != checkout.customer_id):
        return None
    return checkout


def current_checkout():
    """The session's open checkout, if it still belongs to whoever is signed in now (once per request)."""
    if _CURRENT not in g:
        setattr(g, _CURRENT, _current_checkout())
    return g.get(_CURRENT)


# -- pre-conditions ---------------------------------------------------------------------------

def cart_not_empty():
    """There is something to check out; otherwise back to the cart."""
    if cart_view().lines:
        return None
    flash(_("Your cart is empty. Add something before checking out."), "info")
    return redirect_to(url_for(CART_ENDPOINT))


def _step_done(step: str):
    checkout = current_checkout()
    if checkout is not None and services.step_complete(g.store.id, checkout, step):
        return None
    return redirect_to(step_url(step))


def contact_given():
    """Email and a delivery address the store ships to; otherwise to the contact step."""
    return _step_done("contact")


def shipping_chosen():
    """One of the store's active delivery methods; otherwise to the delivery step."""
    return _step_done("shipping")


def payment_chosen():
    """One of the store's payment methods; otherwise to the payment step."""
    return _step_done("payment")


def not_placed_yet():
    """A repeated "Place order" (same key) waits for the first one, then goes to its confirmation."""
    checkout = session_checkout()
    key = request.form.get("idempotency_key", "")
    # Locked before the cart is read: a double click waits here for the first click's commit.
    if (checkout is not None and key and key == checkout.idempotency_key
            and services.lock_checkout(g.store.id, checkout.id).is_placed):
        return redirect_to(url_for("checkout_storefront.complete_show", token=checkout.token))
    return None


def preconditions(*checks):
    """Run the view only when every check holds; otherwise answer the first failing check's redirect."""
    def decorate(view):
        @wraps(view)
        def guarded(*args, **kwargs):
            for check in checks:
                response = check()
                if response is not None:
                    return response
            return view(*args, **kwargs)
        guarded.preconditions = checks
        return guarded
    return decorate
