"""Finding and creating carts; a guest cart becomes (or joins) the customer's cart at sign-in."""

from __future__ import annotations

import secrets

from flask import current_app
from sqlalchemy import delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.modules.cart.models import Cart, CartLine, utcnow
from webapp.modules.cart.services.holds import release_hold
from webapp.modules.cart.services.pricing import cart_lines, stock_by_variant, variant_snapshots

TOKEN_LENGTH = 43  # secrets.token_urlsafe(32)


def new_token() -> str:
    return secrets.token_urlsafe(32)


def _insert(model):
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)


def lock_carts(*carts: Cart) -> None:
    """Serialise changes to these carts (two tabs adding at once), always in id order."""
    ids = sorted({cart.id for cart in carts})
    db.session.execute(select(Cart.id).where(Cart.id.in_(ids)).order_by(Cart.id).with_for_update())


def guest_cart(store_id: int, token) -> Cart | None:
    """The guest cart with this token; a customer's cart is never opened by a token."""
    if not isinstance(token, str) or len(token) != TOKEN_LENGTH:
        return None
    return db.session.scalar(select(Cart).where(Cart.store_id == store_id, Cart.token == token,
                                                Cart.customer_id.is_(None)))


def create_guest_cart(store_id: int) -> Cart:
    cart = Cart(store_id=store_id, token=new_token())
    db.session.add(cart)
    db.session.flush()
    return cart


def _customer_cart(store_id: int, customer_id: int) -> Cart | None:
    return db.session.scalar(select(Cart).where(Cart.store_id == store_id, Cart.customer_id == customer_id))


def cart_for_customer(store_id: int, customer_id: int, *, create: bool = False) -> Cart | None:
    """The customer's cart in this store (one at most), created when asked to."""
    cart = _customer_cart(store_id, customer_id)
    if cart is None and create:
        now = utcnow()
        # A concurrent request may create it first: the unique constraint decides, nobody fails.
        db.session.execute(_insert(Cart).values(store_id=store_id, customer_id=customer_id, token=new_token(),
                                                created_at=now, updated_at=now).on_conflict_do_nothing())
        cart = _customer_cart(store_id, customer_id)
    return cart


def clear_cart(store_id: int, cart: Cart) -> None:
    """Empty the cart (after an order was placed)."""
    db.session.execute(delete(CartLine).where(CartLine.store_id == store_id, CartLine.cart_id == cart.id))
    cart.updated_at = utcnow()
    db.session.flush()


def _delete_cart(store_id: int, cart: Cart) -> None:
    release_hold(store_id, cart.id)
    db.session.execute(delete(CartLine).where(CartLine.store_id == store_id, CartLine.cart_id == cart.id))
    db.session.delete(cart)


def merge_carts(store_id: int, guest: Cart, customer_cart: Cart, *, language: str = "") -> Cart:
    """Move the guest cart's lines into the customer's cart, then delete the guest cart.

    Quantities of the same variant are added, capped by what can be sold and CART_MAX_QUANTITY
    (never below what the customer's cart already held); unavailable products are dropped.
    """
    if guest.id == customer_cart.id:
        return customer_cart
    lock_carts(guest, customer_cart)
    incoming = cart_lines(store_id, guest)
    own = {line.variant_id: line for line in cart_lines(store_id, customer_cart)}
    snapshots = variant_snapshots(store_id, [line.variant_id for line in incoming], language)
    stock = stock_by_variant(store_id, snapshots, cart_id=customer_cart.id)
    max_quantity = current_app.config["CART_MAX_QUANTITY"]
    for line in incoming:
        snapshot = snapshots.get(line.variant_id)
        if snapshot is None or not snapshot.is_purchasable:
            continue
        available = stock[line.variant_id]
        cap = max_quantity if available is None else min(max_quantity, available)
        mine = own.get(line.variant_id)
        if mine is not None:
            mine.quantity = max(mine.quantity, min(mine.quantity + line.quantity, cap))
        elif cap > 0 and len(own) < current_app.config["CART_MAX_LINES"]:
            own[line.variant_id] = CartLine(store_id=store_id, cart_id=customer_cart.id, variant_id=line.variant_id,
                                            quantity=min(line.quantity, cap))
            db.session.add(own[line.variant_id])
    customer_cart.updated_at = utcnow()
    release_hold(store_id, customer_cart.id)
    _delete_cart(store_id, guest)
    db.session.flush()
    return customer_cart


def claim_guest_cart(store_id: int, guest: Cart, customer_id: int, *, language: str = "") -> Cart:
    """At sign-in: the guest cart becomes the customer's cart, or is merged into the one they have."""
    existing = _customer_cart(store_id, customer_id)
    if existing is None:
        try:
            with db.session.begin_nested():
                guest.customer_id = customer_id
                guest.token = new_token()  # the token in the guest's session no longer opens it
                guest.updated_at = utcnow()
            return guest
        except IntegrityError:  # the customer's cart was created meanwhile (another tab signed in)
            existing = _customer_cart(store_id, customer_id)
    return merge_carts(store_id, guest, existing, language=language)
