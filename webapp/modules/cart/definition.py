"""Cart: the shopper's cart, for guests and signed-in customers, with prices computed on the server."""

from webapp.framework.registry import ModuleDefinition

module = ModuleDefinition(
    code="cart",
    name="Cart",
    description="The storefront shopping cart for guests and signed-in customers, kept when they log in, "
                "with a mini-cart that updates in place.",
    version="1.0.0",
    requires=("inventory",),
)
