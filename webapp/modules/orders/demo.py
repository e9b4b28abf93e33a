"""Demo past orders of SPEC §7 for acme: ~25 orders over the last 60 days in varied statuses.

Deterministic and idempotent (nothing happens once acme has orders). Rows are written directly,
without events: past orders move no stock, earn no loyalty points and send no email.
"""

from __future__ import annotations

import logging
import random
from datetime import datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.framework.providers import implementation
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services as customers
from webapp.modules.orders.models import Fulfilment, FulfilmentLine, Order, OrderLine, utcnow
from webapp.modules.orders.services import timeline
from webapp.modules.orders.services.numbering import next_number
from webapp.modules.tenancy.services import seller_details

log = logging.getLogger(__name__)
VAT = Decimal("17")
CENT = Decimal("0.01")
SHIPPING = Decimal("4.90")
FREE_SHIPPING_FROM = Decimal("50")
# Used when the catalog is absent or has no products yet: (sku, title, price).
FALLBACK_ITEMS = [
    ("DEMO-TEE-M", "Organic cotton T-shirt, M", "24.90"), ("DEMO-MUG", "Stoneware mug", "14.50"),
    ("DEMO-CAP", "Canvas cap", "19.00"), ("DEMO-BOTTLE", "Steel water bottle", "22.00"),
    ("DEMO-SOCKS", "Merino socks", "12.90"), ("DEMO-TOTE", "Tote bag", "9.90"),
]
CUSTOMERS = ["shopper@example.com", "nora.weber@example.com", "emma.hoffmann@example.com", "paul.klein@example.com",
             "max.wagner@example.com", "sofia.ferreira@example.com", "yann.kieffer@example.com", "guest@example.com"]
TOWNS = [("L-1728", "Luxembourg"), ("L-4002", "Esch-sur-Alzette"), ("L-9001", "Ettelbruck"), ("L-6401", "Echternach")]
# (days ago, story) of each order, oldest first; STORIES gives each story's three statuses.
PLAN = [(58, "delivered"), (55, "delivered"), (52, "delivered"), (49, "partially_refunded"), (46, "delivered"),
        (43, "delivered"), (40, "cancelled"), (37, "delivered"), (34, "delivered"), (31, "delivered"),
        (28, "delivered"), (25, "refunded"), (22, "delivered"), (19, "delivered"), (16, "delivered"),
        (13, "delivered"), (10, "delivered"), (8, "delivered"), (6, "shipped"), (4, "shipped"), (3, "shipped"),
        (2, "processing"), (1, "paid"), (1, "paid"), (0, "pending")]
# story: (order status, payment status, fulfilment status); "processing" has shipped its first line.
STORIES = {"pending": ("open", "pending", "unfulfilled"), "paid": ("open", "paid", "unfulfilled"),
           "processing": ("open", "paid", "partially_fulfilled"), "shipped": ("open", "paid", "fulfilled"),
           "delivered": ("open", "paid", "delivered"), "cancelled": ("cancelled", "voided", "unfulfilled"),
           "partially_refunded": ("open", "partially_refunded", "delivered"),
           "refunded": ("closed", "refunded", "delivered")}
CLOSED_AFTER_DAYS = 14  # delivered orders older than this were closed by the merchant


def _items(store_id: int) -> list[tuple[int | None, str, str, Decimal, int | None]]:
    """(variant id, sku, title, price, stock item id) to put on demo orders: the catalog's variants if it can tell."""
    snapshots = implementation("catalog.variant_snapshots")
    if snapshots is not None:
        # Demo ids are small: ask for a bounded window and keep the store's purchasable variants.
        try:
            found = snapshots(store_id, range(1, 1000), "en")
        except Exception:  # demo data must not fail because the catalog cannot answer here
            log.exception("catalog snapshots unavailable for the demo orders")
            found = {}
        items = [(s.variant_id, s.sku, s.title, s.price, s.inventory_item_id)
                 for s in sorted(found.values(), key=lambda s: s.variant_id)
                 if s.is_purchasable and s.price > 0]
        if items:
            return items[::max(1, len(items) // 24)][:24]  # spread over the catalog
    return [(None, sku, title, Decimal(price), None) for sku, title, price in FALLBACK_ITEMS]


def _customer(store_id: int, email: str):
    return customers.find_by_email(store_id, email)


def _address(rng: random.Random, customer, email: str) -> dict:
    """The customer's own default address if they saved one, else a made-up one."""
    saved = customers.default_address(customer.store_id, customer.id) if customer is not None else None
    if saved is not None:
        return {"full_name": saved.full_name, "street": saved.street, "postal_code": saved.postal_code,
                "city": saved.city, "country": saved.country}
    postal_code, city = rng.choice(TOWNS)
    name = customer.display_name if customer is not None else email.split("@")[0].replace(".", " ").title()
    return {"full_name": name, "street": f"{rng.randint(1, 120)} Rue de la Gare", "postal_code": postal_code,
            "city": city, "country": "LU"}


def _order(store, rng: random.Random, items, days_ago: int, story: str, email: str) -> Order:
    customer = _customer(store.id, email)
    customer_id = customer.id if customer is not None else None
    placed = utcnow() - timedelta(days=days_ago, hours=rng.randint(1, 9), minutes=rng.randint(0, 59))
    order = Order(store_id=store.id, number=next_number(store.id), customer_id=customer_id, email=email,
                  status="open", payment_status="pending", fulfilment_status="unfulfilled",
                  currency=store.currency, prices_include_tax=True, placed_at=placed,
                  shipping_address=_address(rng, customer, email), billing_address={},
                  seller=seller_details(store.id), shipping_method_code="post",
                  shipping_method_label="Post Luxembourg", payment_gateway="test", locale="en",
                  refunded_total=Decimal("0"))
    for variant_id, sku, title, price, item_id in rng.sample(items, k=min(len(items), rng.randint(1, 3))):
        quantity = rng.randint(1, 2)
        order.lines.append(OrderLine(store_id=store.id, variant_id=variant_id, sku=sku[:64], title=title[:255],
                                     quantity=quantity, unit_price=price, tax_rate=VAT, inventory_item_id=item_id,
                                     line_total=(price * quantity).quantize(CENT), fulfilled_quantity=0,
                                     cancelled_quantity=0, returned_quantity=0))
    order.subtotal = sum((line.line_total for line in order.lines), Decimal("0"))
    order.shipping_total = Decimal("0") if order.subtotal >= FREE_SHIPPING_FROM else SHIPPING
    order.total = order.subtotal + order.shipping_total
    order.tax_total = (order.total * VAT / (100 + VAT)).quantize(CENT)
    db.session.add(order)
    db.session.flush()
    _history(order, rng, placed, story, days_ago)
    return order


def _note(order: Order, kind: str, when: datetime, **data) -> None:
    timeline.record(order, kind, **data).created_at = when


def _ship(order: Order, lines, when: datetime, tracking: str) -> None:
    fulfilment = Fulfilment(store_id=order.store_id, carrier="Post Luxembourg", tracking_number=tracking,
                            created_at=when)
    for line in lines:
        line.fulfilled_quantity = line.quantity
        fulfilment.lines.append(FulfilmentLine(store_id=order.store_id, line=line, quantity=line.quantity))
    order.fulfilments.append(fulfilment)


def _history(order: Order, rng: random.Random, placed: datetime, story: str, days_ago: int) -> None:
    """Statuses, timestamps, shipments and timeline entries that tell the order's story."""
    order.status, order.payment_status, order.fulfilment_status = STORIES[story]
    _note(order, "placed", placed)
    if story == "pending":
        return
    if story == "cancelled":
        order.cancelled_at = placed + timedelta(hours=5)
        for line in order.lines:
            line.cancelled_quantity = line.quantity
        _note(order, "cancelled", order.cancelled_at)
        return
    order.paid_at = placed + timedelta(minutes=3)
    _note(order, "paid", order.paid_at, amount=order.total)
    if story == "paid":
        return
    order.shipped_at = placed + timedelta(days=1, hours=2)
    order.tracking_number = f"LU{rng.randint(10**8, 10**9 - 1)}LU"
    shipped = order.lines[:1] if story == "processing" else order.lines
    _ship(order, shipped, order.shipped_at, order.tracking_number)
    _note(order, order.fulfilment_status if story == "processing" else "fulfilled", order.shipped_at,
          tracking_number=order.tracking_number, carrier="Post Luxembourg",
          items=sum(line.quantity for line in shipped))
    if story in ("processing", "shipped"):
        return
    order.delivered_at = placed + timedelta(days=3)
    _note(order, "delivered", order.delivered_at)
    if story in ("partially_refunded", "refunded"):
        amount = order.total if story == "refunded" else order.lines[0].unit_price
        order.refunded_total = amount
        _note(order, story, order.delivered_at + timedelta(days=2), amount=amount)
    if story == "refunded" or (story == "delivered" and days_ago > CLOSED_AFTER_DAYS):
        order.status, order.closed_at = "closed", order.delivered_at + timedelta(days=3)
        _note(order, "closed", order.closed_at)


def _record_for_customer(order: Order) -> None:
    # Only the demo shopper starts with no figures (the customers demo sets the others').
    if order.customer_id and order.email == CUSTOMERS[0] and order.paid_at:
        customers.record_order(order.store_id, order.customer_id, order.total, order.placed_at)


def seed() -> list[str]:
    store = tenant_directory().store("acme")
    if store is None:
        return ["store acme not found: no orders added"]
    with store_scope(store.id):
        if db.session.scalar(select(func.count(Order.id)).where(Order.store_id == store.id)):
            return ["acme already has orders: nothing added"]
        rng = random.Random(20261121)  # nosec B311 - demo data, not security
        items = _items(store.id)
        orders = [_order(store, rng, items, days, story, CUSTOMERS[i % len(CUSTOMERS)])
                  for i, (days, story) in enumerate(PLAN)]
        for order in orders:
            _record_for_customer(order)
        db.session.flush()
    return [f"acme: {len(orders)} past orders (#{orders[0].number} to #{orders[-1].number})"]
