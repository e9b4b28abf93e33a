"""View models and response helpers of the cart's storefront pages and fragments."""

from __future__ import annotations

from dataclasses import dataclass

from flask import Response, current_app, render_template, url_for

from webapp.framework.htmx import is_partial_request, render
from webapp.framework.navigation import enabled_here
from webapp.modules.cart.services import CartView

CART_PAGE = "cart/storefront/cart/index.html"
CART_PANEL = "cart/storefront/cart/_panel.html"
MINI_CART = "cart/storefront/cart/_mini_cart.html"
BUY_BOX = "cart/storefront/buy/_buy_box.html"
CHECKOUT_ENDPOINT = "checkout_storefront.start"
PRODUCT_ENDPOINT = "catalog_storefront.product_show"  # its URL takes the product's `slug`
LISTING_ENDPOINT = "catalog_storefront.product_list"


@dataclass(frozen=True)
class BuyBox:
    """The add-to-cart form of one variant on the product page."""

    variant_id: int
    max_quantity: int
    sold_out: bool
    quantity: str = "1"  # what the input shows: the shopper's own entry after a refusal

    @classmethod
    def build(cls, variant_id: int | None, available: int | None, *, purchasable: bool = True,
              quantity: str = "1") -> BuyBox:
        maximum = current_app.config["CART_MAX_QUANTITY"]
        if available is not None:
            maximum = min(maximum, available)
        return cls(variant_id or 0, max(maximum, 1), not purchasable or maximum <= 0, quantity[:12])


def checkout_url(cart: CartView) -> str | None:
    """Where "Checkout" leads, when a checkout module is there and enabled, and the cart has lines."""
    if cart.is_empty or CHECKOUT_ENDPOINT not in current_app.view_functions or not enabled_here("checkout"):
        return None
    return url_for(CHECKOUT_ENDPOINT)


def _catalog_endpoint(endpoint: str) -> bool:
    return endpoint in current_app.view_functions and enabled_here("catalog")


def continue_url() -> str:
    """Where "Continue shopping" leads: the catalog's product list, else the store's home page."""
    return url_for(LISTING_ENDPOINT if _catalog_endpoint(LISTING_ENDPOINT) else "core_storefront.home_show")


def product_urls(cart: CartView) -> dict[int, str]:
    """Line id -> the product's page, when the catalog's storefront is there and enabled."""
    if not _catalog_endpoint(PRODUCT_ENDPOINT):
        return {}
    return {line.line_id: url_for(PRODUCT_ENDPOINT, slug=line.product_slug) for line in cart.lines
            if line.product_slug}


def with_mini_cart(response: Response, cart: CartView) -> Response:
    """Append the mini-cart as an out-of-band swap, so the header follows every change in place."""
    response.set_data(response.get_data() + render_template(MINI_CART, cart=cart, oob=True).encode())
    return response


def cart_response(cart: CartView, *, status: int = 200, error: str | None = None, error_line: int | None = None,
                  trigger: str | None = None) -> Response:
    """The cart page, or for htmx its panel (#cart-panel) plus the mini-cart out of band.

    `error` is shown next to the line `error_line` when it is in the cart, above the lines otherwise.
    """
    if error_line not in {line.line_id for line in cart.lines}:
        error_line = None
    response = render(CART_PAGE, CART_PANEL, status=status, trigger=trigger, cart=cart, error=error,
                      error_line=error_line, continue_url=continue_url(),
                      checkout_url=checkout_url(cart), product_urls=product_urls(cart),
                      max_quantity=current_app.config["CART_MAX_QUANTITY"])
    return with_mini_cart(response, cart) if is_partial_request() else response


def buy_box_response(box: BuyBox, cart: CartView, *, status: int = 200, message: str | None = None,
                     error: str | None = None, trigger: str | None = None) -> Response:
    """For htmx: the buy box (#buy-<variant id>) with its confirmation or error, plus the mini-cart."""
    response = render(BUY_BOX, BUY_BOX, status=status, trigger=trigger, box=box, message=message, error=error)
    return with_mini_cart(response, cart)
