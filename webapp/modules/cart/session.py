"""The cart of the current request: the signed-in customer's, else the guest cart named in the session.

Views, slot renderers and the sign-in handler use this glue; services never see the session.
A guest cart's token is kept in `session["carts"][str(store_id)]`, so a shopper has one guest
cart per store, and a cart is created only when something is added.
"""

from __future__ import annotations

from flask import g, session

from webapp.extensions import db
from webapp.framework.providers import implementation
from webapp.modules.cart.models import Cart
from webapp.modules.cart.services.carts import cart_for_customer, create_guest_cart, guest_cart
from webapp.modules.cart.services.pricing import CartView, price_cart
from webapp.modules.customers.session import current_customer

SESSION_KEY = "carts"
_VIEW = "_cart_view"
_CREATED = "_cart_created"
_LANGUAGE = "_cart_language"


def _tokens() -> dict:
    tokens = session.get(SESSION_KEY)
    return tokens if isinstance(tokens, dict) else {}


def guest_token(store_id: int) -> str | None:
    token = _tokens().get(str(store_id))
    return token if isinstance(token, str) else None


def remember_guest_cart(store_id: int, cart: Cart) -> None:
    session[SESSION_KEY] = {**_tokens(), str(store_id): cart.token}


def forget_guest_cart(store_id: int) -> None:
    tokens = _tokens()
    if str(store_id) in tokens:
        session[SESSION_KEY] = {key: value for key, value in tokens.items() if key != str(store_id)}
    g.pop(_VIEW, None)


def content_language() -> str:
    """The language product texts are shown in (the catalog decides; the store's default without it)."""
    if _LANGUAGE not in g:
        provider = implementation("catalog.content_language")
        setattr(g, _LANGUAGE, provider(g.store) if provider is not None else g.store.default_language)
    return g.get(_LANGUAGE)


def current_cart(*, create: bool = False) -> Cart | None:
    """The shopper's cart in the current store; with `create`, a new (empty) one if they have none."""
    store_id = g.store.id
    customer = current_customer()
    if customer is not None:
        return cart_for_customer(store_id, customer.id, create=create)
    cart = guest_cart(store_id, guest_token(store_id))
    if cart is None and create:
        cart = create_guest_cart(store_id)
        remember_guest_cart(store_id, cart)
        g.setdefault(_CREATED, cart.token)
    return cart


def cart_view(*, refresh: bool = False) -> CartView:
    """The current cart priced now; computed once per request (the page and the mini-cart share it)."""
    if refresh or g.get(_VIEW) is None:
        setattr(g, _VIEW, price_cart(g.store.id, current_cart(), language=content_language(),
                                              currency=g.store.currency))
    return g.get(_VIEW)


def rollback() -> None:
    """Undo a refused change; a guest cart created for it is forgotten with it."""
    db.session.rollback()
    created = g.pop(_CREATED, None)
    if created is not None and guest_token(g.store.id) == created:
        forget_guest_cart(g.store.id)
    g.pop(_VIEW, None)
