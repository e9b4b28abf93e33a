"""In a real Chromium against the full demo data: a shopper buys in French from home page to account,
and the merchant ships, refunds and finds the sale in the stock ledger."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from tests.fixtures.journey import ACME, on_hand
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.orders.models import Order

pytestmark = pytest.mark.browser

PASSWORD = "Journey-pass-2024!"


# WCAG contrast of every status badge's text on its own background (solid colours, as orion.css sets them).
CONTRAST_JS = """() => {
  const rgb = (c) => c.match(/[\\d.]+/g).slice(0, 3).map(Number);
  const lum = (c) => { const [r, g, b] = rgb(c).map(v => { v /= 255; return v <= 0.03928 ? v / 12.92
      : Math.pow((v + 0.055) / 1.055, 2.4); }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('.order-badges .badge')].map(el => {
    const s = getComputedStyle(el); const a = lum(s.color), b = lum(s.backgroundColor);
    return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05); });
}"""


def set_marker(page) -> None:
    """A JS variable that survives htmx swaps and dies with any full page load."""
    page.evaluate("window.__marker = 1")


def marker_kept(page) -> bool:
    return page.evaluate("window.__marker === 1")


def submit(form) -> None:
    form.locator("[type=submit]").first.click()


def test_a_shopper_buys_in_french_and_finds_the_order_in_their_account(live_server, page, page_errors, demo_shop,
                                                                       artifacts_dir, accessibility):
    base = f"{live_server}{ACME}"
    page.goto(f"{base}/?lang=fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    store_nav = page.locator("header nav").first
    expect(store_nav.get_by_role("link", name="Accueil")).to_be_visible()
    expect(page.locator(".site-actions")).to_contain_text("Se connecter")

    # A URL language is for that page; the switcher keeps it for the session.
    page.goto(f"{base}/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.locator("#language-select").select_option("fr")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".site-actions")).to_contain_text("Se connecter")

    page.locator("#catalog-home .category-links").get_by_role("button", name="Vêtements").click()
    expect(page).to_have_url(re.compile(r"/c/vetements$"))
    expect(page.locator("h1")).to_have_text("Vêtements")
    cards = page.locator("#catalog-results .product-card")
    assert cards.count() > 2
    set_marker(page)
    page.locator("#filter-max").fill("30")
    page.locator("#filter-max").press("Tab")  # a change event: htmx asks for the results
    expect(page).to_have_url(re.compile(r"max=30"))
    expect(cards).to_have_count(2)  # 24.90 and 27.90; the rest costs more
    expect(cards.first).to_contain_text("Chemise en lin")
    assert marker_kept(page), "the filter must swap the results in place"

    cards.first.get_by_role("link", name="Chemise en lin").click()
    expect(page).to_have_url(re.compile(r"/p/chemise-en-lin$"))
    panel = page.locator("#variant-panel")
    expect(panel.locator("h1")).to_have_text("Chemise en lin")
    expect(panel.locator(".sku")).to_contain_text("APP-01-S-BLUE")
    expect(panel.locator(".stock")).to_contain_text("2")  # only 2 of S/Blue left
    assert page.locator("#option-1 option").count() == 3 and page.locator("#option-2 option").count() == 2
    first_buy_box = panel.locator(".buy-box").get_attribute("id")
    set_marker(page)
    page.locator("#option-1").select_option("Size:M")
    expect(panel.locator(".sku")).to_contain_text("APP-01-M-BLUE")
    expect(panel.locator(".stock")).not_to_contain_text("2")
    expect(panel.locator(".price")).to_contain_text("24,90")
    assert panel.locator(".buy-box").get_attribute("id") != first_buy_box
    expect(page.locator("#option-1")).to_have_value("Size:M")
    assert marker_kept(page), "the variant panel must be swapped in place"
    accessibility(page, "product page after a variant swap")

    expect(page.locator("#mini-cart .count")).to_have_text("0")
    submit(panel.locator(".buy-box form"))
    expect(panel.locator(".buy-box [role=status]")).to_be_visible()
    expect(page.locator("#mini-cart .count")).to_have_text("1")
    assert marker_kept(page), "adding must update the mini-cart without a page load"

    page.locator("#mini-cart").click()
    expect(page).to_have_url(f"{base}/cart")
    expect(page.locator("#cart-panel")).to_contain_text("Chemise en lin")
    page.locator("#cart-panel").locator(f"a[href='{ACME}/checkout']").first.click()
    expect(page).to_have_url(f"{base}/checkout/contact")

    step = page.locator("#checkout-step")
    for name, value in (("email", "camille@example.com"), ("first_name", "Camille"), ("last_name", "Muller"),
                        ("street", "5 Rue du Fort"), ("postal_code", "2419"), ("city", "Luxembourg")):
        step.locator(f"input[name={name}]").fill(value)
    step.locator("select[name=country]").select_option("LU")
    step.locator("input[name=create_account]").check()
    step.locator("input[name=password]").fill(PASSWORD)
    submit(step.locator("form"))
    expect(page).to_have_url(f"{base}/checkout/shipping")
    page.locator("input[name=method][value=standard]").check()
    submit(page.locator("#checkout-step form"))
    expect(page).to_have_url(f"{base}/checkout/payment")
    page.locator("input[name=gateway][value=test]").check()
    submit(page.locator("#checkout-step form"))
    expect(page).to_have_url(f"{base}/checkout/review")
    review = page.locator("#checkout-step form:has(input[name=card_number])")
    review.locator("input[name=card_number]").fill("4242 4242 4242 4242")
    review.locator("input[name=exp_month]").fill("12")
    review.locator("input[name=exp_year]").fill("2099")
    review.locator("input[name=cvc]").fill("123")
    submit(review)

    expect(page).to_have_url(re.compile(r"/checkout/complete/[A-Za-z0-9_-]{43}$"))
    with store_scope(demo_shop.acme.id):
        db.session.expire_all()
        order = db.session.scalar(select(Order).where(Order.email == "camille@example.com"))
        assert order is not None and order.payment_status == "paid" and order.customer_id is not None
        number = str(order.number)
    expect(page.locator("main")).to_contain_text(number)
    expect(page.locator("#checkout-payment .badge-success")).to_be_visible()
    accessibility(page, "order confirmation")
    page.screenshot(path=str(artifacts_dir / "journey-confirmation.png"), full_page=True)

    # Registered during checkout: signed in, the header leads to the account and its orders.
    page.locator(f".site-actions a[href='{ACME}/account/']").click()
    expect(page).to_have_url(f"{base}/account/")
    expect(page.locator(".account-orders")).to_contain_text(f"#{number}")
    assert page_errors == []


def test_the_merchant_ships_refunds_with_restock_and_sees_it_in_the_ledger(live_server, page, page_errors, paid_order,
                                                                    artifacts_dir, accessibility):
    page.goto(f"{live_server}/auth/login")
    login = page.locator("form:has(input[name=password])")
    login.locator("input[name=email]").fill("owner@acme.test")
    login.locator("input[name=password]").fill("orion-demo")
    submit(login)
    expect(page).not_to_have_url(re.compile(r"/auth/login"))

    main_nav = page.get_by_role("navigation", name="Main")
    main_nav.get_by_role("link", name="Orders").click()
    expect(page).to_have_url(re.compile(r"/store/acme/orders/?"))
    page.locator("#order-list").get_by_role("link", name=f"#{paid_order.number}").click()
    expect(page).to_have_url(re.compile(rf"/store/acme/orders/{paid_order.id}$"))
    detail = page.locator("#order-detail")
    summary = detail.locator("section[aria-labelledby=order-summary-title] .order-meta")
    status = summary.locator("dd").first
    expect(status).to_have_text("Paid · Unfulfilled")

    set_marker(page)
    ship = detail.locator("form:has(input[name=tracking_number])")
    expect(ship.locator("input[name^=ship-]")).to_have_value(str(paid_order.quantity))
    ship.locator("input[name=carrier]").fill("Post Luxembourg")
    ship.locator("input[name=tracking_number]").fill("LU123456789")
    submit(ship)
    expect(status).to_have_text("Paid · Fulfilled")
    expect(summary).to_contain_text("LU123456789")
    expect(detail.get_by_role("button", name="Mark as shipped")).to_have_count(0)

    refund = detail.locator("form:has(input[name=amount])")
    refund.locator("input[name=amount]").fill("1.00")
    refund.locator("input[name^=restock-]").fill("1")
    submit(refund)
    expect(status).to_have_text("Partially refunded · Fulfilled")
    expect(detail.locator(".flash-success")).to_be_visible()
    expect(detail.locator("section[aria-labelledby=order-timeline-title]")).to_contain_text(
        "€1.00 refunded. 1 item put back in stock.")
    # Shipped and partly refunded: no fulfil or ship action is offered any more.
    expect(detail.locator("form[action$='/fulfil']")).to_have_count(0)
    expect(detail.get_by_role("button", name="Mark as shipped")).to_have_count(0)
    assert marker_kept(page), "shipping and refunding must update the order in place"
    badge_contrast = page.evaluate(CONTRAST_JS)
    assert badge_contrast and min(badge_contrast) >= 4.5, badge_contrast
    accessibility(page, "order detail after shipping and refunding")
    page.screenshot(path=str(artifacts_dir / "journey-merchant-order.png"), full_page=True)

    main_nav.get_by_role("link", name="Inventory").click()
    expect(page).to_have_url(re.compile(r"/store/acme/inventory"))
    page.locator("#stock-search").fill(paid_order.sku)
    sku_link = page.get_by_role("link", name=paid_order.sku, exact=True)
    expect(sku_link).to_have_count(1)
    sku_link.click()
    sale = page.locator("#movements tbody tr", has_text=f"order-{paid_order.id}").filter(has_not_text="refund")
    expect(sale).to_have_count(1)
    expect(sale).to_contain_text("Sale")
    expect(sale.locator("td.num").first).to_contain_text(f"{paid_order.quantity}")
    expect(page.locator("#movements tbody tr", has_text=f"order-{paid_order.id}-refund-1")).to_have_count(1)
    assert page_errors == []

    assert on_hand(paid_order.store.id, paid_order.sku) == paid_order.stock_before - paid_order.quantity + 1
    with store_scope(paid_order.store.id):
        db.session.expire_all()
        order = db.session.get(Order, paid_order.id)
        assert (order.payment_status, order.fulfilment_status, order.tracking_number, str(order.refunded_total)) == (
            "partially_refunded", "fulfilled", "LU123456789", "1.00")
