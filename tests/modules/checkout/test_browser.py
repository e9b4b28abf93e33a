"""In a real Chromium: the steps swap in place with htmx (URL pushed, no page load), then the order is placed."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from .conftest import ACME

pytestmark = pytest.mark.browser


# Invalid input on purpose: the browser logs the form's 422 answer, which htmx swaps in.
@pytest.mark.allow_page_errors(r"status of 422")
def test_checkout_steps_swap_in_place_and_the_order_is_placed(live_server, page, page_errors, shop):
    base = f"{live_server}{ACME}"
    page.goto(f"{base}/")
    token = page.locator('meta[name="csrf-token"]').get_attribute("content")
    added = page.request.post(f"{base}/cart/add", form={"variant_id": str(shop.tee), "quantity": "2"},
                              headers={"X-CSRFToken": token}, max_redirects=0)
    assert added.status in (200, 303)

    page.goto(f"{base}/checkout")
    expect(page).to_have_url(f"{base}/checkout/contact")
    page.evaluate("window.__marker = 1")
    step = page.locator("#checkout-step")
    step.get_by_label("Email").fill("not-an-email")
    step.get_by_role("button", name="Continue to delivery").click()
    expect(step.locator(".field-error").first).to_be_visible()  # 422 swapped in, input kept
    expect(step.get_by_label("Email")).to_have_value("not-an-email")
    step.get_by_label("Email").fill("jane@example.com")
    step.get_by_label("First name").fill("Jane")
    step.get_by_label("Last name").fill("Doe")
    step.get_by_label("Street and number").fill("1 Rue de la Gare")
    step.get_by_label("Postal code").fill("1611")
    step.get_by_label("City").fill("Luxembourg")
    step.get_by_role("button", name="Continue to delivery").click()
    expect(page).to_have_url(f"{base}/checkout/shipping")
    expect(page.locator("input[name=method][value=standard]")).to_be_checked()  # preselected
    page.locator("input[name=method][value=express]").check()
    page.get_by_role("button", name="Continue to payment").click()
    expect(page).to_have_url(f"{base}/checkout/payment")
    page.locator("input[name=gateway][value=test]").check()
    page.get_by_role("button", name="Continue to review").click()
    expect(page).to_have_url(f"{base}/checkout/review")
    assert page.evaluate("window.__marker === 1"), "the steps must be swapped in, not loaded as new pages"

    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_label("Expiry month").fill("12")
    page.get_by_label("Expiry year").fill("2099")
    page.get_by_label("Security code").fill("123")
    page.get_by_role("button", name=re.compile(r"^Place order")).click()
    expect(page).to_have_url(re.compile(r"/checkout/complete/[A-Za-z0-9_-]{43}$"))
    expect(page.locator("h1")).to_contain_text("Thank you for your order!")
    expect(page.locator("#checkout-payment")).to_contain_text("Paid")
    # The browser logs the 422 of the invalid email as a failed resource; anything else is a real error.
    assert [e for e in page_errors if "status of 422" not in e] == []
