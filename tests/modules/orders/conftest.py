"""Fixtures of the orders tests: orders on the demo stores, captured events, real test-card payments."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import pytest

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services as customers
from webapp.modules.orders import services
from webapp.modules.payments import services as payments_api
from webapp.modules.tenancy.services import platform_id_of_store


def order_data(**overrides) -> services.NewOrder:
    lines = overrides.pop("lines") if "lines" in overrides else [
        services.NewOrderLine(variant_id=11, sku="TEE-M", title="T-shirt M", quantity=2, unit_price=Decimal("20.00"),
                              tax_rate=Decimal("17")),
        services.NewOrderLine(variant_id=12, sku="MUG", title="Mug", quantity=1, unit_price=Decimal("10.00"),
                              tax_rate=Decimal("17")),
    ]
    values = {"customer_id": None, "email": "sam@example.com", "lines": lines, "currency": "EUR",
              "subtotal": Decimal("50.00"), "shipping_total": Decimal("5.00"), "tax_total": Decimal("7.99"),
              "total": Decimal("55.00"), "prices_include_tax": True,
              "shipping_address": {"full_name": "Sam Schmitz", "street": "1 Rue Haute", "postal_code": "L-1234",
                                   "city": "Luxembourg", "country": "LU"},
              "billing_address": {}, "shipping_method_code": "post", "shipping_method_label": "Post",
              "payment_gateway": "test", "locale": "en", "idempotency_key": None}
    values.update(overrides)
    return services.NewOrder(**values)


# The transitions that lead a new order to each story: pending, paid, shipped (all lines), delivered, cancelled.
PATHS = {"pending": [], "paid": ["paid"], "shipped": ["paid", "shipped"],
         "delivered": ["paid", "shipped", "delivered"], "cancelled": ["cancelled"]}


def ship_all(store, order_id: int, *, tracking: str = "TRACK-1", actor_id=None):
    order = services.get_order(store.id, order_id, with_details=True)
    return services.fulfil(store.id, order_id, {line.id: line.to_fulfil for line in order.lines},
                           tracking_number=tracking, actor_id=actor_id, platform_id=store.platform_id)


def advance(store, order_id: int, step: str) -> None:
    """Apply one transition as the system (no actor)."""
    common = {"platform_id": store.platform_id}
    steps = {
        "paid": lambda: services.mark_paid(store.id, order_id, **common),
        "shipped": lambda: ship_all(store, order_id),
        "delivered": lambda: services.mark_delivered(store.id, order_id, actor_id=None, **common),
        "cancelled": lambda: services.cancel(store.id, order_id, actor_id=None, reason="test", **common),
    }
    steps[step]()


@pytest.fixture
def make_order(demo):
    """`make_order(store=acme, status="pending", **NewOrder fields)` creates (and commits) an order;
    `status` is one of PATHS (a story: "shipped" is paid and fulfilled)."""

    def build(store=None, status: str = "pending", **overrides):
        store = store or demo.acme
        with store_scope(store.id):
            order = services.create_order(store.id, order_data(**overrides), platform_id=store.platform_id)
            for step in PATHS[status]:
                advance(store, order.id, step)
            db.session.commit()
            return order

    return build


@pytest.fixture
def published(monkeypatch) -> list:
    """Events published while the test runs (still delivered to their handlers)."""
    seen: list = []
    original = events.publish

    def capture(event):
        seen.append(event)
        original(event)

    monkeypatch.setattr(events, "publish", capture)
    return seen


# The test card gateway's cards (webapp/modules/payments/services/gateways/test.py).
CARDS = {"succeeded": "4242424242424242", "failed": "4000000000000002"}
REFUNDS_REFUSED_CARD = "4000000000005126"


@dataclass
class TestCardPayments:
    """Real payments of the payments module through its test card gateway (no stub of our own code).

    `add` charges an order (a declined card for status="failed"; `refunds_refused=True` takes the
    card whose refunds the gateway refuses); `refunds` lists the refunds the gateway accepted as
    (1-based number of the payment made here, amount).
    """

    __test__ = False

    made: list[tuple[int, int]] = field(default_factory=list)  # (store id, payment id)
    keys: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, order, amount: Decimal | None = None, status: str = "succeeded", *,
            refunds_refused: bool = False):
        number = REFUNDS_REFUSED_CARD if refunds_refused else CARDS[status]
        card = payments_api.CardInput(number, 12, date.today().year + 2, "123")
        with store_scope(order.store_id):
            payment = payments_api.start_payment(
                order.store_id, platform_id=platform_id_of_store(order.store_id), order_id=order.id,
                amount=amount if amount is not None else order.total, currency=order.currency, gateway="test",
                idempotency_key=f"order-{order.id}-{next(self.keys)}", card=card)
            db.session.commit()
            assert payment.status == status, payment.message
        self.made.append((order.store_id, payment.id))
        return payment

    @property
    def refunds(self) -> list[tuple[int, Decimal]]:
        db.session.expire_all()
        found = []
        for number, (store_id, payment_id) in enumerate(self.made, start=1):
            with store_scope(store_id):
                payment = payments_api.get_payment(store_id, payment_id)
                found += [(refund.id, number, refund.amount) for refund in payment.refunds if refund.status != "failed"]
        return [(number, amount) for _id, number, amount in sorted(found)]


@pytest.fixture
def payments(demo) -> TestCardPayments:
    return TestCardPayments()


SHOPPER_PASSWORD = "correct-horse-battery"


@pytest.fixture
def make_customer(demo):
    """`make_customer(store, email)`: a registered shopper (password SHOPPER_PASSWORD), committed."""

    def build(store=None, email: str = "sam@example.com"):
        store = store or demo.acme
        with store_scope(store.id):
            customer = customers.register_customer(store.id, email, SHOPPER_PASSWORD, first_name="Sam",
                                                   last_name="Schmitz")
            db.session.commit()
            return customer

    return build
