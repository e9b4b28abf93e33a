"""The cart's stock while the shopper pays: held at the payment step, converted into the sale at placement.

The hold is the cart's inventory reservation (`carts.hold_reference`), for the inventory's
INVENTORY_RESERVATION_MINUTES (15 by default). A change to the cart lets it go and expiry ends an
abandoned one; placement takes the stock and deletes the hold in one transaction.
"""

from __future__ import annotations

from webapp.modules.cart import services as carts
from webapp.modules.checkout.exceptions import CartHasProblems, EmptyCart, SoldOut
from webapp.modules.inventory import services as inventory


def priced_cart(store_id: int, cart, language: str):
    """The cart priced now; EmptyCart, or CartHasProblems naming lines that cannot be ordered as they are."""
    view = carts.price_cart(store_id, cart, language=language) if cart is not None else None
    if view is None or not view.lines:
        raise EmptyCart()
    if view.has_problems or any(line.unit_price is None for line in view.lines):
        raise CartHasProblems([line.title for line in view.lines if line.problem])
    return view


def tracked_quantities(lines) -> dict[int, int]:
    """{inventory item id: units} of the lines whose stock inventory keeps."""
    wanted: dict[int, int] = {}
    for line in lines:
        if line.inventory_item_id is not None:
            wanted[line.inventory_item_id] = wanted.get(line.inventory_item_id, 0) + line.quantity
    return wanted


def _titles(lines, item_ids) -> list[str]:
    short = set(item_ids)
    return [line.title for line in lines if line.inventory_item_id in short]


def hold_stock(store_id: int, cart, *, language: str) -> None:
    """Hold the cart's stock for its shopper (replacing an earlier hold); CartHasProblems naming what is short."""
    view = priced_cart(store_id, cart, language)
    wanted = tracked_quantities(view.lines)
    if not wanted:
        return
    try:
        carts.hold_stock(store_id, cart, wanted)
    except inventory.OutOfStock as error:
        raise CartHasProblems(_titles(view.lines, error.item_ids)) from error


def take_stock(store_id: int, order, lines, cart) -> None:
    """Sell the order's tracked lines, converting the cart's hold; SoldOut naming what ran out."""
    wanted = tracked_quantities(lines)
    if not wanted:
        carts.release_hold(store_id, cart.id)
        return
    try:
        inventory.decrement(store_id, wanted, reference=f"order-{order.id}", hold=carts.hold_reference(cart.id))
    except inventory.OutOfStock as error:
        raise SoldOut(_titles(lines, error.item_ids)) from error
    cart.holds_stock = False  # the hold became the sale
