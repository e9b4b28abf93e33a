"""Event types other modules publish and subscribe to. Plain values only (they cross job queues)."""

from __future__ import annotations

from dataclasses import dataclass

from webapp.framework.events import Event


@dataclass(frozen=True)
class StoreEvent(Event):
    store_id: int


@dataclass(frozen=True)
class OrderEvent(StoreEvent):
    order_id: int


@dataclass(frozen=True)
class OrderPlaced(OrderEvent):
    name = "orders.placed"


@dataclass(frozen=True)
class OrderPaid(OrderEvent):
    name = "orders.paid"


@dataclass(frozen=True)
class OrderShipped(OrderEvent):
    """A fulfilment left: some or (complete) all of what remained to ship."""

    name = "orders.shipped"
    fulfilment_id: int = 0
    complete: bool = True


@dataclass(frozen=True)
class OrderDelivered(OrderEvent):
    name = "orders.delivered"


@dataclass(frozen=True)
class OrderClosed(OrderEvent):
    """The order is complete (shipped and settled) and closed by the merchant."""

    name = "orders.closed"


@dataclass(frozen=True)
class OrderCancelled(OrderEvent):
    name = "orders.cancelled"


@dataclass(frozen=True)
class OrderRefunded(OrderEvent):
    name = "orders.refunded"
    amount: str = "0"  # Decimal as text: events carry plain values
    full: bool = False
    # What the merchant chose to put back in stock: ((inventory item id or 0, sku, quantity), ...).
    restock: tuple = ()
    refund_number: int = 0  # the order's n-th refund: one stock movement per refund, never twice


@dataclass(frozen=True)
class CustomerRegistered(StoreEvent):
    name = "customers.registered"
    customer_id: int = 0


@dataclass(frozen=True)
class CustomerSignedIn(StoreEvent):
    """A shopper signed in on the storefront; the cart merges the guest cart into theirs."""

    name = "customers.signed_in"
    customer_id: int = 0


@dataclass(frozen=True)
class PaymentSucceeded(StoreEvent):
    """A gateway confirmed a payment for an order (published once per payment)."""

    name = "payments.succeeded"
    payment_id: int = 0
    order_id: int = 0
    amount: str = "0"
    currency: str = "EUR"


@dataclass(frozen=True)
class PaymentFailed(StoreEvent):
    name = "payments.failed"
    payment_id: int = 0
    order_id: int = 0


@dataclass(frozen=True)
class MerchantSignedUp(StoreEvent):
    """A visitor signed up on a platform: a merchant, its first store and its owner exist now.

    Billing starts the trial from it, messaging sends the welcome email; tenancy imports neither.
    """

    name = "tenancy.merchant_signed_up"
    merchant_id: int = 0
    user_id: int = 0
