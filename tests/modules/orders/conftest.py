"""Fixtures of the orders tests: orders on the demo stores, captured events, a payments stub."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.scoping import store_scope
from webapp.modules.orders import services
from webapp.modules.orders.services import peers


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


@dataclass
class FakePayment:
    id: int
    amount: Decimal
    status: str = "succeeded"
    refunded_amount: Decimal = Decimal("0")
    gateway: str = "test"


@dataclass
class PaymentsStub:
    """Stands in for the payments module at its public boundary (payments_for_order, refund)."""

    payments: dict[int, list[FakePayment]] = field(default_factory=dict)
    refunds: list[tuple[int, Decimal]] = field(default_factory=list)
    refuse: set[int] = field(default_factory=set)
    ids: itertools.count = field(default_factory=lambda: itertools.count(1))

    def add(self, order, amount: Decimal | None = None, status: str = "succeeded") -> FakePayment:
        payment = FakePayment(next(self.ids), amount if amount is not None else order.total, status)
        self.payments.setdefault(order.id, []).append(payment)
        return payment

    def payments_for_order(self, store_id: int, order_id: int) -> list[FakePayment]:
        return list(self.payments.get(order_id, []))

    def refund(self, store_id: int, payment_id: int, amount, *, platform_id: int):
        if payment_id in self.refuse:
            return type("Refund", (), {"status": "failed"})()
        for payment in itertools.chain.from_iterable(self.payments.values()):
            if payment.id == payment_id:
                payment.refunded_amount += Decimal(amount)
        self.refunds.append((payment_id, Decimal(amount)))
        return type("Refund", (), {"status": "succeeded"})()


@pytest.fixture
def payments(monkeypatch) -> PaymentsStub:
    stub = PaymentsStub()
    api = peers.payments()
    assert api is not None, "the payments module (core) is missing"
    monkeypatch.setattr(api, "payments_for_order", stub.payments_for_order, raising=False)
    monkeypatch.setattr(api, "refund", stub.refund, raising=False)
    return stub


SHOPPER_PASSWORD = "correct-horse-battery"


@pytest.fixture
def make_customer(demo):
    """`make_customer(store, email)`: a registered shopper (password SHOPPER_PASSWORD), committed."""

    def build(store=None, email: str = "sam@example.com"):
        store = store or demo.acme
        customers = peers.customers()
        with store_scope(store.id):
            customer = customers.register_customer(store.id, email, SHOPPER_PASSWORD, first_name="Sam",
                                                   last_name="Schmitz")
            db.session.commit()
            return customer

    return build
