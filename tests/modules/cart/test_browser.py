"""In a real Chromium: add from the product page, change and remove on the cart page, all in place."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.modules.cart.conftest import ACME

pytestmark = pytest.mark.browser


def set_marker(page) -> None:
    """A JS variable that survives htmx swaps and dies with any full page load."""
    page.evaluate("window.__marker = 1")


def marker_kept(page) -> bool:
    return page.evaluate("window.__marker === 1")


# Invalid input on purpose: the browser logs the form's 422 answer, which htmx swaps in.
@pytest.mark.allow_page_errors(r"status of 422")
def test_add_change_and_remove_without_page_loads(live_server, page, page_errors, shop):
    base = f"{live_server}{ACME}"
    page.goto(f"{base}/p/mug")
    box = page.locator(f"#buy-{shop.mug}")
    box.locator("input[name=quantity]").fill("2")
    set_marker(page)
    box.get_by_role("button", name="Add to cart").click()
    expect(page.locator(f"#buy-{shop.mug} [role=status]")).to_contain_text("Added to cart.")
    expect(page.locator("#mini-cart .count")).to_have_text("2")
    assert marker_kept(page), "adding must swap the buy box and the mini-cart, not load a page"

    page.locator("#mini-cart").click()
    expect(page).to_have_url(f"{base}/cart")
    expect(page.locator("#cart-panel")).to_contain_text("€17.00")
    expect(page.get_by_role("button", name="Update")).to_be_hidden()  # htmx posts on change instead
    set_marker(page)
    quantity = page.get_by_label("Quantity of Mug")
    quantity.fill("3")
    quantity.press("Tab")
    expect(page.locator("#mini-cart .count")).to_have_text("3")
    expect(page.locator("#cart-panel tfoot")).to_contain_text("€25.50")

    page.get_by_label("Quantity of Mug").fill("4")  # 3 in stock
    page.get_by_label("Quantity of Mug").press("Tab")
    expect(page.locator("#cart-panel .field-error")).to_contain_text("Only 3 left in stock.")
    expect(page.locator("#mini-cart .count")).to_have_text("3")

    page.get_by_role("button", name="Remove Mug").click()
    expect(page.locator("#cart-panel")).to_contain_text("Your cart is empty")
    expect(page.locator("#mini-cart .count")).to_have_text("0")
    assert marker_kept(page)
    # The browser logs the refused change (422) itself; anything else (a CSP violation, a script error) fails.
    assert [error for error in page_errors if "status of 422" not in error] == []
