"""At 360 and 390 px no page of any frontend scrolls sideways, menus and drawers work on a phone,
and the pages log no console error. Against the full demo data, in one Chromium context."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.journey import ACME

pytestmark = pytest.mark.browser

WIDTHS = (360, 390)
PASSWORD = "orion-demo"

# The widest element that sticks out of the viewport and is not inside a scrolling box (a table in
# its .table-wrap may be wider: it scrolls there). Visually hidden 1px texts count too: an absolutely
# placed one outside its scroller widens the page as much as a visible one.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const scrolls = (node) => {
    for (let p = node.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (style.position === "fixed" || ["auto", "scroll", "hidden"].includes(style.overflowX)) return true;
    }
    return false;
  };
  let widest = null;
  for (const node of document.body.querySelectorAll("*")) {
    const box = node.getBoundingClientRect();
    if ((box.width || box.height) && box.right > width + 0.5 && !scrolls(node)
        && (!widest || box.right > widest.right)) {
      const classes = typeof node.className === "string" && node.className.trim()
        ? "." + node.className.trim().split(/\\s+/).join(".") : "";
      const id = node.id ? "#" + node.id : "";
      widest = {right: Math.round(box.right), element: node.tagName.toLowerCase() + id + classes,
                text: (node.textContent || "").trim().replace(/\\s+/g, " ").slice(0, 60)};
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, widest};
}"""


def overflows(page, name: str) -> list[str]:
    """What scrolls sideways on the current page at each phone width (empty: nothing)."""
    found = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 780})
        result = page.evaluate(OVERFLOW)
        if result["scrollWidth"] > result["width"]:
            widest = result["widest"] or {"element": "?", "right": "?", "text": ""}
            found.append(f"{name} at {width}px is {result['scrollWidth']}px wide: widest {widest['element']} "
                         f"reaches {widest['right']}px ({widest['text']!r})")
    page.set_viewport_size({"width": WIDTHS[0], "height": 780})
    return found


def visit(page, url: str, name: str, problems: list[str]) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, f"{name}: {url} answered {response and response.status}"
    problems.extend(overflows(page, name))


def shoot(page, artifacts_dir, name: str) -> None:
    # caret="initial": hiding the caret would inject a style the page's CSP reports as an error
    page.screenshot(path=str(artifacts_dir / name), full_page=True, caret="initial")


def sign_in(page, url: str, email: str) -> None:
    page.goto(url)
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=email]").fill(email)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").first.click()
    expect(page).not_to_have_url(re.compile(r"/login"))


def first_link(page, pattern: str) -> str | None:
    """The first link of the page's content whose path matches the regular expression `pattern`."""
    return page.evaluate("(pattern) => { const re = new RegExp(pattern); const link = [...document.querySelectorAll("
                         "'#content a[href]')].find((a) => re.test(a.getAttribute('href'))); "
                         "return link ? link.getAttribute('href') : null; }", pattern)


def test_no_page_scrolls_sideways_on_a_phone(live_server, page, page_errors, demo_shop, artifacts_dir):
    problems: list[str] = []
    shop = f"{live_server}{ACME}"
    page.set_viewport_size({"width": WIDTHS[0], "height": 780})

    # Platform site: all of its pages (home and the sign-in page it links to).
    visit(page, f"{live_server}/platforms/main/", "platform home", problems)
    visit(page, f"{live_server}/auth/login", "sign-in", problems)

    # Storefront: the menu folds the navigation, search and language behind one button.
    visit(page, f"{shop}/", "storefront home", problems)
    menu = page.locator(".site-menu")
    expect(page.locator("#header-search-q")).to_be_hidden()
    menu.locator("summary").click()
    expect(page.locator("#header-search-q")).to_be_visible()
    expect(page.locator("#language-select")).to_be_visible()
    problems.extend(overflows(page, "storefront home, menu open"))
    shoot(page, artifacts_dir, "phone-storefront-menu.png")
    page.keyboard.press("Escape")
    expect(page.locator("#header-search-q")).to_be_hidden()
    page.locator(".site-menu summary").focus()
    page.keyboard.press("Enter")  # the menu opens from the keyboard too
    expect(page.locator("#header-search-q")).to_be_visible()
    page.locator("#header-search-q").fill("shirt")
    page.locator("#header-search-q").press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=shirt"))
    problems.extend(overflows(page, "storefront search"))
    visit(page, f"{shop}/search?q={'unbrokenword' * 8}", "storefront search for one long word", problems)

    # Listing: the filters wait behind a button; htmx still filters in place.
    visit(page, f"{shop}/c/apparel", "storefront category", problems)
    expect(page.locator("#filter-max")).to_be_hidden()
    page.locator(".filter-drawer summary").click()
    expect(page.locator("#filter-max")).to_be_visible()
    page.evaluate("window.__kept = 1")
    page.locator("#filter-max").fill("30")
    page.locator("#filter-max").press("Tab")
    expect(page).to_have_url(re.compile(r"max=30"))
    expect(page.locator("#catalog-results .product-card")).to_have_count(2)
    assert page.evaluate("window.__kept === 1"), "filtering must swap the results in place"
    problems.extend(overflows(page, "storefront category, filters open"))
    shoot(page, artifacts_dir, "phone-storefront-filters.png")
    page.locator(".filters-apply").click()
    expect(page.locator("#filter-max")).to_be_hidden()

    visit(page, f"{shop}/p/linen-shirt", "storefront product", problems)
    shoot(page, artifacts_dir, "phone-storefront-product.png")
    page.get_by_role("button", name="Add to cart").first.click()
    expect(page.locator("#mini-cart .count")).not_to_have_text("0")
    visit(page, f"{shop}/cart", "storefront cart", problems)
    shoot(page, artifacts_dir, "phone-storefront-cart.png")
    visit(page, f"{shop}/checkout/contact", "checkout contact step", problems)
    summary = page.locator(".checkout-summary")
    expect(summary.locator("table")).to_be_hidden()  # folded at the top, the total in its bar
    assert summary.bounding_box()["y"] < page.locator("#checkout-step h1").bounding_box()["y"]
    summary.locator("summary").click()
    expect(summary.locator("table")).to_be_visible()
    problems.extend(overflows(page, "checkout contact step, summary open"))
    shoot(page, artifacts_dir, "phone-checkout.png")

    sign_in(page, f"{shop}/account/login", "shopper@example.com")
    visit(page, f"{shop}/account/", "storefront account", problems)
    order_url = first_link(page, r"/account/orders/\d+$")
    if order_url:
        visit(page, f"{live_server}{order_url}", "storefront account order", problems)
    visit(page, f"{shop}/account/addresses", "storefront addresses", problems)

    # Store dashboard.
    page.context.clear_cookies()
    sign_in(page, f"{live_server}/auth/login", "owner@acme.test")
    store = f"{live_server}/store/acme"
    visit(page, f"{store}/", "store dashboard home", problems)
    visit(page, f"{store}/catalog/products", "store products", problems)
    product_url = first_link(page, r"/catalog/products/\d+$")
    visit(page, f"{live_server}{product_url}", "store product form", problems)
    visit(page, f"{store}/catalog/products/new", "store new product", problems)
    visit(page, f"{store}/orders/", "store orders", problems)
    shoot(page, artifacts_dir, "phone-store-orders.png")
    order_url = first_link(page, r"/orders/\d+$")
    visit(page, f"{live_server}{order_url}", "store order detail", problems)
    shoot(page, artifacts_dir, "phone-store-order.png")
    visit(page, f"{store}/inventory/", "store inventory", problems)
    visit(page, f"{store}/customers/", "store customers", problems)
    visit(page, f"{store}/payments/", "store payments", problems)
    visit(page, f"{store}/checkout/", "store checkout settings", problems)
    page.locator("[data-nav-toggle]").click()  # the off-canvas menu on a phone
    expect(page.locator("#sidebar .nav-list a").first).to_be_visible()
    assert page.evaluate("document.getElementById('sidebar').contains(document.activeElement)")
    problems.extend(overflows(page, "store dashboard, menu open"))
    page.keyboard.press("Escape")
    expect(page.locator("[data-nav-toggle]")).to_have_attribute("aria-expanded", "false")
    visit(page, f"{store}/billing/invoices", "store invoices", problems)
    invoice_url = first_link(page, r"/billing/invoices/\d+$")
    visit(page, f"{live_server}{invoice_url}", "store invoice", problems)
    shoot(page, artifacts_dir, "phone-store-invoice.png")
    visit(page, f"{live_server}{invoice_url}/print", "store printable invoice", problems)

    # Admin.
    page.context.clear_cookies()
    sign_in(page, f"{live_server}/auth/login", "admin@orion.test")
    visit(page, f"{live_server}/admin/", "admin home", problems)
    visit(page, f"{live_server}/admin/platforms", "admin platforms", problems)
    visit(page, f"{live_server}/admin/platforms/main/modules", "admin modules", problems)
    visit(page, f"{live_server}/admin/stores", "admin stores", problems)
    shoot(page, artifacts_dir, "phone-admin-stores.png")
    visit(page, f"{live_server}/admin/merchants", "admin merchants", problems)
    merchant = first_link(page, r"^/admin/merchants/[0-9]+$")
    pages = (("/admin/platforms/main", "admin platform"), ("/admin/platforms/main/edit", "admin platform form"),
             ("/admin/platforms/new", "admin new platform"), (merchant, "admin merchant"),
             (f"{merchant}/edit", "admin merchant form"), ("/admin/merchants/new", "admin new merchant"),
             (f"{merchant}/stores/new", "admin new store"), ("/admin/stores/acme", "admin store"),
             ("/admin/stores/acme/edit", "admin store form"), ("/admin/users/new", "admin invite user"),
             ("/admin/users", "admin users"))
    for path, name in pages:
        visit(page, f"{live_server}{path}", name, problems)
    visit(page, f"{live_server}{first_link(page, r'^/admin/users/[0-9]+$')}", "admin user", problems)
    visit(page, f"{live_server}/admin/messaging/outbox", "admin outbox", problems)
    visit(page, f"{live_server}/admin/billing/invoices", "admin invoices", problems)
    visit(page, f"{live_server}{first_link(page, r'^/admin/billing/invoices/[0-9]+$')}", "admin invoice", problems)

    assert problems == [], "pages scroll sideways on a phone:\n" + "\n".join(problems)
    assert page_errors == []
