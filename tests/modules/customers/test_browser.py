"""In a real Chromium: a shopper signs up, keeps an address book with htmx, and the merchant finds them."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.modules.customers.helpers import ACME, PASSWORD

pytestmark = pytest.mark.browser

HOME = {"full_name": "Sam Schmitz", "street": "12 Rue du Marché", "postal_code": "L-1728", "city": "Luxembourg"}


def fill_address(page, **fields) -> None:
    for name, value in {**HOME, **fields}.items():
        page.locator(f"input[name={name}]").fill(value)
    page.locator("select[name=country]").select_option("LU")
    page.get_by_role("button", name="Save address").click()


def test_a_shopper_signs_up_and_manages_addresses(live_server, page, page_errors, demo, outbox, artifacts_dir):
    page.goto(f"{live_server}{ACME}/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_role("link", name="Create an account").click()
    for name, value in (("first_name", "Sam"), ("last_name", "Schmitz"), ("email", "sam@example.com"),
                        ("password", PASSWORD), ("password_confirm", PASSWORD)):
        page.locator(f"input[name={name}]").fill(value)
    page.get_by_role("button", name="Create my account").click()
    expect(page).to_have_url(f"{live_server}{ACME}/account/")
    expect(page.locator("h1")).to_contain_text("Hello, Sam Schmitz")
    page.screenshot(path=str(artifacts_dir / "customers-account.png"), full_page=True)

    page.get_by_role("link", name="Manage your addresses").click()
    page.get_by_role("button", name="Add an address").first.click()
    fill_address(page)
    page.get_by_role("button", name="Add an address").first.click()
    fill_address(page, city="Diekirch", street="3 Place Guillaume")
    expect(page.locator("#address-list article")).to_have_count(2)

    page.evaluate("window.__marker = 1")
    page.get_by_role("button", name="Make default").click()
    expect(page.locator("#address-list .flash")).to_contain_text("This is now your default address.")
    expect(page.locator("#address-list article").first).to_contain_text("Diekirch")
    assert page.evaluate("window.__marker === 1"), "htmx swapped the list without a page load"
    page.screenshot(path=str(artifacts_dir / "customers-addresses.png"), full_page=True)
    assert page_errors == []


def test_the_merchant_searches_customers_in_place(live_server, page, page_errors, demo, make_customer, artifacts_dir):
    make_customer(email="rita@example.com", first_name="Rita")
    make_customer(email="tom@example.com", first_name="Tom")
    page.goto(f"{live_server}/auth/login")
    page.locator("input[name=email]").fill("owner@acme.test")
    page.locator("input[name=password]").fill("orion-demo")
    page.locator("#content").get_by_role("button", name="Sign in").click()
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Customers").click()
    expect(page).to_have_url(f"{live_server}/store/acme/customers/")
    expect(page.locator("#customer-table tbody tr")).to_have_count(2)

    page.evaluate("window.__marker = 1")
    page.locator("#customer-search").fill("rita")
    expect(page.locator("#customer-table tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=rita"))
    assert page.evaluate("window.__marker === 1")
    page.screenshot(path=str(artifacts_dir / "customers-store-list.png"), full_page=True)
    page.locator("#customer-table a").first.click()
    expect(page.locator("h1")).to_contain_text("Rita")
    page.screenshot(path=str(artifacts_dir / "customers-store-detail.png"), full_page=True)
    assert page_errors == []
