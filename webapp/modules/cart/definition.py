"""Cart: the shopper's cart, for guests and signed-in customers, with prices computed on the server."""

from webapp.framework.registry import EventSubscription, ModuleDefinition

module = ModuleDefinition(
    code="cart",
    name="Cart",
    description="The storefront shopping cart for guests and signed-in customers, kept when they log in, "
                "with a mini-cart that updates in place.",
    version="1.0.0",
    requires=("inventory",),
    slots={
        "storefront.header.actions": "slots:mini_cart",
        "storefront.product.buy": "slots:buy_box",
    },
    event_handlers=(EventSubscription("customers.signed_in", "events:merge_guest_cart"),),
    config={
        # Different products one cart may hold, and units of one product per line.
        "MAX_LINES": 50,
        "MAX_QUANTITY": 99,
    },
)
