"""Handlers of events the cart subscribes to."""

from __future__ import annotations

from flask import g, has_request_context

from webapp.framework.scoping import store_scope
from webapp.modules.cart import services
from webapp.modules.cart import session as cart_session
from webapp.modules.contracts.events import CustomerSignedIn


def merge_guest_cart(event: CustomerSignedIn) -> None:
    """At storefront sign-in, the session's guest cart becomes, or joins, the customer's cart.

    Runs synchronously in the sign-in request (the guest token lives in that session); the
    sign-in view commits.
    """
    if not has_request_context():
        return
    token = cart_session.guest_token(event.store_id)
    if token is None:
        return
    store = g.get("store")
    language = cart_session.content_language() if store is not None and store.id == event.store_id else ""
    with store_scope(event.store_id):
        guest = services.guest_cart(event.store_id, token)
        if guest is not None:
            services.claim_guest_cart(event.store_id, guest, event.customer_id, language=language)
    cart_session.forget_guest_cart(event.store_id)
