"""In a real Chromium: search suggestions appear as one types (htmx) and are reachable by keyboard;
the support view shows its banner, refuses a write and ends with Exit."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def sign_in(page, live_server, email: str) -> None:
    page.goto(f"{live_server}/auth/login")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill("orion-demo")
    form.locator("[type=submit]").click()


def test_admin_search_suggests_as_one_types(live_server, page, page_errors, demo, accessibility):
    sign_in(page, live_server, "admin@orion.test")
    expect(page).to_have_url(f"{live_server}/admin/")
    page.evaluate("window.__marker = 1")
    box = page.get_by_role("search").get_by_label("Search")
    box.press_sequentially("acm", delay=30)
    suggestions = page.locator("#global-search-suggestions")
    link = suggestions.get_by_role("link", name=re.compile("Acme"))
    expect(link.first).to_be_visible()
    assert page.evaluate("window.__marker === 1"), "suggestions are swapped in, not a new page"
    accessibility(page, "admin search suggestions")
    box.press("Tab")
    expect(suggestions.get_by_role("link").first).to_be_focused()
    box.fill("acme")
    box.press("Enter")  # the results page, as without JavaScript
    expect(page).to_have_url(re.compile(r"/admin/search\?q=acme"))
    expect(page.locator("h1")).to_have_text("Search")


def test_support_view_banner_refuses_writes_and_exits(live_server, page, page_errors, demo):
    sign_in(page, live_server, "admin@orion.test")
    page.goto(f"{live_server}/admin/stores")
    page.locator("tr", has_text="Acme").get_by_role("button", name=re.compile("^Support view")).click()
    expect(page).to_have_url(f"{live_server}/store/acme/")
    banner = page.get_by_role("region", name="Support view")
    expect(banner).to_contain_text("Support view of Acme — read only")

    page.goto(f"{live_server}/store/acme/settings")
    business = page.locator("#business-form")
    expect(business.get_by_role("button", name=re.compile("Save"))).to_be_disabled()
    business.evaluate("form => form.requestSubmit()")  # forced anyway, an htmx form: the refusal is a toast
    expect(page.locator("#toasts")).to_contain_text("read-only support view")
    page_errors.clear()  # the browser logs the expected 403

    page.goto(f"{live_server}/store/acme/")
    page.get_by_role("region", name="Support view").get_by_role("button", name="Exit").click()
    expect(page).to_have_url(f"{live_server}/admin/stores")
    assert page.goto(f"{live_server}/store/acme/").status == 404
    page_errors.clear()  # and the expected 404
