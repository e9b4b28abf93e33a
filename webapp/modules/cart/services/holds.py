"""Stock held for a cart while its shopper pays: one inventory reservation per cart, named after it.

Checkout holds the cart's tracked lines when the shopper reaches the payment step and converts
the hold into the sale when the order is placed; any change to the cart's lines lets it go
(`release_hold`), an abandoned one expires. The cart's own hold never counts against it: what
it shows and accepts is the stock net of OTHER carts' holds (`exclude_reference`).
"""

from __future__ import annotations

from webapp.modules.inventory import services as inventory


def hold_reference(cart_id: int) -> str:
    """The inventory reservation reference of this cart's hold."""
    return f"cart-{cart_id}"


def hold_stock(store_id: int, cart, lines: dict[int, int]) -> None:
    """Hold `lines` ({inventory item id: units}) for this cart, replacing its earlier hold; OutOfStock if short."""
    inventory.reserve(store_id, hold_reference(cart.id), lines)
    cart.holds_stock = True


def release_hold(store_id: int, cart_id: int) -> None:
    """Let go of the stock held for this cart (its lines changed, or it is gone)."""
    inventory.release(store_id, hold_reference(cart_id))
