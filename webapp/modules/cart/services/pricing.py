"""What a cart costs and what is wrong with it, always from the catalog and inventory as they are now.

Nothing about a product is stored in the cart but its variant id: names, prices and stock are
looked up at every call, through the catalog's "catalog.variant_snapshots" contract (the cart
does not require the catalog; without it every line is unavailable) and inventory's availability.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.framework.providers import implementation
from webapp.modules.cart.exceptions import _
from webapp.modules.cart.models import Cart, CartLine
from webapp.modules.cart.services.holds import hold_reference
from webapp.modules.inventory.services import availability
from webapp.modules.tenancy import services as tenancy

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LineView:
    line_id: int
    variant_id: int
    sku: str
    title: str
    image_url: str | None
    product_slug: str
    quantity: int
    unit_price: Decimal | None  # None: the product is not available
    compare_at_price: Decimal | None
    line_total: Decimal | None
    inventory_item_id: int | None
    available: int | None  # how many can be sold; None = stock not tracked
    problem: str | None  # why this line cannot be bought as it is


@dataclass(frozen=True)
class CartView:
    lines: tuple[LineView, ...]
    subtotal: Decimal  # of the lines that have a price
    item_count: int  # units, all lines
    currency: str
    has_problems: bool

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def has_images(self) -> bool:
        """Whether any line has a picture: without one, the cart shows no (empty) image column."""
        return any(line.image_url for line in self.lines)


def variant_snapshots(store_id: int, variant_ids, language: str) -> dict:
    """The catalog's snapshots of the store's variants among `variant_ids`; {} without a catalog."""
    ids = sorted(set(variant_ids))
    provider = implementation("catalog.variant_snapshots")
    if provider is None or not ids:
        return {}
    return provider(store_id, ids, language)


def stock_by_variant(store_id: int, snapshots: dict, *, cart_id: int | None = None) -> dict[int, int | None]:
    """Sellable quantity per variant id (None = not tracked), in one query; `cart_id`'s own hold is not
    counted against it."""
    item_ids = {s.inventory_item_id for s in snapshots.values() if s.inventory_item_id is not None}
    exclude = hold_reference(cart_id) if cart_id is not None else None
    figures = availability(store_id, item_ids, exclude_reference=exclude) if item_ids else {}
    return {variant_id: None if s.inventory_item_id is None else figures.get(s.inventory_item_id, 0)
            for variant_id, s in snapshots.items()}


def store_currency(store_id: int) -> str:
    """The store's currency, from the tenant directory (outside requests, e.g. at order placement)."""
    code = tenancy.store_codes([store_id]).get(store_id)
    store = tenant_directory().store(code) if code is not None else None
    return store.currency if store is not None else "EUR"


def stock_problem(quantity: int, available: int | None) -> str | None:
    if available is None or quantity <= available:
        return None
    return _("Sold out.") if available <= 0 else _("Only %(count)s left in stock.", count=available)


def _line_view(line: CartLine, snapshot, available: int | None) -> LineView:
    if snapshot is None or not snapshot.is_purchasable:
        return LineView(line_id=line.id, variant_id=line.variant_id, sku=getattr(snapshot, "sku", ""),
                        title=getattr(snapshot, "title", ""), image_url=getattr(snapshot, "image_url", None),
                        product_slug=getattr(snapshot, "product_slug", ""), quantity=line.quantity,
                        unit_price=None, compare_at_price=None, line_total=None,
                        inventory_item_id=getattr(snapshot, "inventory_item_id", None), available=0,
                        problem=_("This product is no longer available."))
    return LineView(line_id=line.id, variant_id=line.variant_id, sku=snapshot.sku, title=snapshot.title,
                    image_url=snapshot.image_url, product_slug=snapshot.product_slug, quantity=line.quantity,
                    unit_price=snapshot.price, compare_at_price=snapshot.compare_at_price,
                    line_total=snapshot.price * line.quantity, inventory_item_id=snapshot.inventory_item_id,
                    available=available, problem=stock_problem(line.quantity, available))


def cart_lines(store_id: int, cart: Cart) -> list[CartLine]:
    return list(db.session.scalars(select(CartLine).where(CartLine.store_id == store_id, CartLine.cart_id == cart.id)
                                   .order_by(CartLine.id)))


def price_cart(store_id: int, cart: Cart | None, *, language: str, currency: str | None = None) -> CartView:
    """The cart with current prices, totals and problems, in a constant number of queries."""
    currency = currency or store_currency(store_id)
    lines = cart_lines(store_id, cart) if cart is not None else []
    snapshots = variant_snapshots(store_id, [line.variant_id for line in lines], language)
    stock = stock_by_variant(store_id, snapshots, cart_id=cart.id if cart is not None else None)
    views = tuple(_line_view(line, snapshots.get(line.variant_id), stock.get(line.variant_id)) for line in lines)
    subtotal = sum((view.line_total for view in views if view.line_total is not None), ZERO)
    return CartView(lines=views, subtotal=subtotal, item_count=sum(view.quantity for view in views),
                    currency=currency, has_problems=any(view.problem for view in views))
