"""In Chromium with the demo data: the stock list's inline adjustment swaps its row in place, and the
product form filters its category checkboxes and keeps one language open at a time."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def sign_in(page, live_server) -> None:
    page.goto(f"{live_server}/auth/login")
    login = page.locator("form:has(input[name=password])")
    login.locator("input[name=email]").fill("owner@acme.test")
    login.locator("input[name=password]").fill("orion-demo")
    login.locator("[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/auth/login"))


def test_inline_stock_adjustment_and_product_form(live_server, page, page_errors, demo_shop):
    sign_in(page, live_server)
    page.goto(f"{live_server}/store/acme/inventory/")
    row = page.locator("tbody tr").first
    row_id = row.get_attribute("id")
    before = int(row.locator("td.num").first.inner_text().replace(",", ""))
    page.evaluate("window.__marker = 1")
    row.locator("input[type=number]").fill("3")
    row.get_by_role("button", name=re.compile("Apply")).click()
    swapped = page.locator(f"#{row_id}")
    expect(swapped.locator("[role=status]")).to_contain_text("updated")
    expect(swapped.locator("td.num").first).to_have_text(str(before + 3))
    assert page.evaluate("window.__marker === 1"), "the row must be swapped in place"

    page.goto(f"{live_server}/store/acme/catalog/products")
    page.locator("#product-table tbody a").first.click()
    expect(page.locator("details[name=product-language][open]")).to_have_count(1)
    page.locator("details[name=product-language] summary").nth(1).click()
    expect(page.locator("details[name=product-language][open]")).to_have_count(1)
    options = page.locator("#categories-options li")
    search = page.locator("[data-filter-list='categories-options']")
    if search.count():
        expect(search).to_be_visible()
        first = options.first.inner_text().strip().lstrip("\u2014 ").strip()
        search.fill(first)
        expect(options.filter(has_text=first).first).to_be_visible()
        assert page.locator("#categories-options li:not([hidden])").count() < options.count() or options.count() == 1
    assert page_errors == []
