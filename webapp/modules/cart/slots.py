"""Fragments the cart renders into other modules' pages: the mini-cart and the add-to-cart form."""

from __future__ import annotations

from flask import g, render_template

from webapp.modules.cart import session as cart_session
from webapp.modules.cart.views import BUY_BOX, MINI_CART, BuyBox


def mini_cart(**_context) -> str:
    """Slot "storefront.header.actions": the cart link with its count and subtotal."""
    store = g.get("store")
    if store is None or not store.is_open:
        return ""
    return render_template(MINI_CART, cart=cart_session.cart_view())


def buy_box(variant=None, available: int | None = None, **_context) -> str:
    """Slot "storefront.product.buy": quantity and "Add to cart" for a catalog variant snapshot."""
    if variant is None:
        return ""
    box = BuyBox.build(variant.variant_id, available, purchasable=variant.is_purchasable)
    return render_template(BUY_BOX, box=box, message=None, error=None)
