"""Adding, changing and removing cart lines; every change is checked against catalog and stock."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.cart.exceptions import (
    CartFull,
    InvalidQuantity,
    LineNotFound,
    NotEnoughStock,
    ProductUnavailable,
    TooMany,
)
from webapp.modules.cart.models import Cart, CartLine, utcnow
from webapp.modules.cart.services.carts import lock_carts
from webapp.modules.cart.services.holds import release_hold
from webapp.modules.cart.services.pricing import stock_by_variant, variant_snapshots

MAX_ID = 2**31 - 1


def _is_whole(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def checked_quantity(quantity, *, allow_zero: bool = False) -> int:
    """`quantity` if it is a whole number within 1 (0 with `allow_zero`) to CART_MAX_QUANTITY."""
    maximum = current_app.config["CART_MAX_QUANTITY"]
    if not _is_whole(quantity) or not (0 if allow_zero else 1) <= quantity <= maximum:
        raise InvalidQuantity(maximum, allow_zero=allow_zero)
    return quantity


def _sellable(store_id: int, cart: Cart, variant_id, language: str):
    """The catalog's snapshot of a purchasable variant of this store, and how many this cart may take."""
    if not _is_whole(variant_id) or not 0 < variant_id <= MAX_ID:
        raise ProductUnavailable()
    snapshots = variant_snapshots(store_id, [variant_id], language)
    snapshot = snapshots.get(variant_id)
    if snapshot is None or not snapshot.is_purchasable:
        raise ProductUnavailable()
    return snapshot, stock_by_variant(store_id, snapshots, cart_id=cart.id)[variant_id]


def _check_stock(quantity: int, available: int | None, *, in_cart: int = 0) -> None:
    if available is not None and quantity > available:
        raise NotEnoughStock(available, in_cart=in_cart)


def _line(store_id: int, cart: Cart, line_id) -> CartLine:
    if not _is_whole(line_id):
        raise LineNotFound()
    line = db.session.scalar(select(CartLine).where(CartLine.store_id == store_id, CartLine.cart_id == cart.id,
                                                    CartLine.id == line_id))
    if line is None:
        raise LineNotFound()
    return line


def add_item(store_id: int, cart: Cart, variant_id: int, quantity: int, *, language: str) -> CartLine:
    """Add `quantity` of a variant (to its line if there is one); CartError and no change otherwise."""
    quantity = checked_quantity(quantity)
    _snapshot, available = _sellable(store_id, cart, variant_id, language)
    lock_carts(cart)
    line = db.session.scalar(select(CartLine).where(CartLine.store_id == store_id, CartLine.cart_id == cart.id,
                                                    CartLine.variant_id == variant_id)
                             .execution_options(populate_existing=True))  # as it is now, under the lock
    in_cart = line.quantity if line is not None else 0
    if quantity + in_cart > current_app.config["CART_MAX_QUANTITY"]:
        raise TooMany(current_app.config["CART_MAX_QUANTITY"])
    _check_stock(quantity + in_cart, available, in_cart=in_cart)
    if line is None:
        max_lines = current_app.config["CART_MAX_LINES"]
        count = db.session.scalar(select(func.count(CartLine.id)).where(CartLine.store_id == store_id,
                                                                        CartLine.cart_id == cart.id))
        if count >= max_lines:
            raise CartFull(max_lines)
        line = CartLine(store_id=store_id, cart_id=cart.id, variant_id=variant_id, quantity=quantity)
        db.session.add(line)
    else:
        line.quantity += quantity
    _changed(store_id, cart)
    return line


def update_quantity(store_id: int, cart: Cart, line_id: int, quantity: int, *, language: str) -> CartLine | None:
    """Set a line's quantity (0 removes it; None is returned then), within stock."""
    line = _line(store_id, cart, line_id)  # first: another cart's line is "not found", whatever else
    quantity = checked_quantity(quantity, allow_zero=True)
    if quantity == 0:
        remove_line(store_id, cart, line.id)
        return None
    _snapshot, available = _sellable(store_id, cart, line.variant_id, language)
    _check_stock(quantity, available)
    line.quantity = quantity
    _changed(store_id, cart)
    return line


def remove_line(store_id: int, cart: Cart, line_id: int) -> None:
    """Remove a line of this cart (LineNotFound for anyone else's)."""
    line = _line(store_id, cart, line_id)
    db.session.delete(line)
    _changed(store_id, cart)


def _changed(store_id: int, cart: Cart) -> None:
    """A line changed: the stock held for a checkout of the cart goes (it is held again at payment)."""
    if cart.holds_stock:
        release_hold(store_id, cart.id)
        cart.holds_stock = False
    cart.updated_at = utcnow()
    db.session.flush()
