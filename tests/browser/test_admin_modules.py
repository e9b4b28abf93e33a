"""In a real Chromium against a real server: the admin's module switch (htmx, no page loads) and
the storefront's language switcher."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

CASCADE = ["catalog", "cart", "checkout", "marketplace"]
CASCADE_NAMES = {"Catalog", "Cart", "Checkout", "Marketplace"}


def set_marker(page) -> None:
    """A JS variable that survives htmx swaps and dies with any full page load."""
    page.evaluate("window.__marker = 1")


def marker_kept(page) -> bool:
    return page.evaluate("window.__marker === 1")


def test_admin_disables_a_module_with_its_cascade_in_place(live_server, page, page_errors, demo, artifacts_dir,
                                                           accessibility):
    page.goto(f"{live_server}/admin/")
    expect(page).to_have_url(re.compile(r"/auth/login"))

    login_form = page.locator("form:has(input[name=password])")
    login_form.locator("input[name=email]").fill("admin@orion.test")
    login_form.locator("input[name=password]").fill("orion-demo")
    login_form.locator("[type=submit]").click()
    expect(page).to_have_url(f"{live_server}/admin/")
    expect(page.locator("h1")).to_contain_text("Welcome")

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Platforms", exact=True).click()
    expect(page).to_have_url(f"{live_server}/admin/platforms")
    page.locator("tr", has=page.locator("code", has_text=re.compile(r"^main$"))).get_by_role(
        "link", name="Modules").click()
    expect(page).to_have_url(f"{live_server}/admin/platforms/main/modules")
    expect(page.locator("h1")).to_contain_text("Orion")
    rows = {code: page.locator(f"tr[data-module={code}]") for code in ["inventory", *CASCADE]}
    for row in rows.values():
        expect(row).to_have_attribute("data-enabled", "true")

    set_marker(page)
    disable = rows["inventory"].get_by_role("button", name=re.compile(r"^Disable"))
    disable.click()

    preview = page.locator("#cascade-preview")
    expect(preview.locator("h2")).to_contain_text("Disable Inventory?")
    cascade = preview.locator(".cascade-list li")
    expect(cascade).to_have_count(len(CASCADE))
    assert set(cascade.all_inner_texts()) == CASCADE_NAMES
    assert sorted(cascade.evaluate_all("items => items.map(i => i.dataset.module)")) == sorted(CASCADE)
    assert marker_kept(page), "the preview must be swapped in, not loaded as a new page"
    accessibility(page, "admin modules with the cascade preview")

    preview.get_by_role("button", name="Confirm").click()

    for row in rows.values():
        expect(row).to_have_attribute("data-enabled", "false")
    message = page.locator("#modules-panel .flash-success")
    expect(message).to_be_visible()
    expect(message).to_contain_text("Disabled: ")
    disabled = message.inner_text().strip().removeprefix("Disabled: ").split(", ")
    assert set(disabled) == CASCADE_NAMES | {"Inventory"}
    expect(page.locator("#cascade-preview .cascade-list")).to_have_count(0)
    assert marker_kept(page), "the module table must update in place"
    expect(page).to_have_url(f"{live_server}/admin/platforms/main/modules")
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts_dir / "admin-modules.png"), full_page=True)

    page.reload()
    assert not marker_kept(page)
    for row in rows.values():
        expect(row).to_have_attribute("data-enabled", "false")
    expect(page.locator("tr[data-module=loyalty]")).to_have_attribute("data-enabled", "true")
    expect(page.locator("tr[data-module=tenancy]")).to_have_attribute("data-enabled", "true")

    assert page_errors == []


def test_storefront_shows_the_store_and_switches_language(live_server, page, page_errors, demo):
    page.goto(f"{live_server}/platforms/main/storefront/acme/")
    expect(page.locator("header .brand")).to_have_text("Acme")
    expect(page.locator("html")).to_have_attribute("lang", "en")

    with page.expect_navigation():
        page.locator("#language-select").select_option(label="Français")

    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("header .brand")).to_have_text("Acme")
    expect(page.locator("#language-select")).to_have_value("fr")
    assert page.url.startswith(f"{live_server}/platforms/main/storefront/acme/")
    assert page_errors == []
