"""In Chromium: a French shopper reads option names and countries in French, then switches to German
and stays on the same product under its German address."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.fixtures.journey import ACME

pytestmark = pytest.mark.browser


def test_a_french_shopper_sees_french_options_and_countries_and_switches_to_german(live_server, page, page_errors,
                                                                                    demo_shop):
    base = f"{live_server}{ACME}"
    page.goto(f"{base}/p/linen-shirt")
    page.locator("#language-select").select_option("fr")  # the switcher keeps French for the session
    expect(page).to_have_url(f"{base}/p/chemise-en-lin?lang=fr")
    panel = page.locator("#variant-panel")
    expect(panel.locator("label[for=option-1]")).to_have_text("Taille")
    expect(panel.locator("label[for=option-2]")).to_have_text("Couleur")
    expect(page.locator("#option-2 option:checked")).to_have_text("Bleu")
    page.locator("#option-1").select_option("Size:M")  # canonical values choose the variant in every language
    expect(panel.locator(".sku")).to_contain_text("APP-01-M-BLUE")

    panel.locator(".buy-box form [type=submit]").first.click()
    expect(page.locator("#mini-cart .count")).to_have_text("1")
    page.goto(f"{base}/checkout/contact")
    step = page.locator("#checkout-step")
    for name, value in (("email", "lena@example.com"), ("first_name", "Lena"), ("last_name", "Weber"),
                        ("street", "Hauptstraße 1"), ("postal_code", "54290"), ("city", "Trier")):
        step.locator(f"input[name={name}]").fill(value)
    expect(step.locator("select[name=country] option[value=DE]")).to_have_text("Allemagne")
    step.locator("select[name=country]").select_option("DE")
    step.locator("form [type=submit]").first.click()
    expect(page).to_have_url(f"{base}/checkout/shipping")
    page.locator("input[name=method]").first.check()
    page.locator("#checkout-step form [type=submit]").first.click()
    expect(page).to_have_url(f"{base}/checkout/payment")
    page.locator("input[name=gateway][value=test]").check()
    page.locator("#checkout-step form [type=submit]").first.click()
    expect(page).to_have_url(f"{base}/checkout/review")
    expect(page.locator("#checkout-step")).to_contain_text("Allemagne")
    expect(page.locator("#checkout-step")).not_to_contain_text(re.compile(r"\bDE\b"))

    page.goto(f"{base}/p/chemise-en-lin")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.locator("#language-select").select_option("de")
    expect(page).to_have_url(f"{base}/p/leinenhemd?lang=de")
    expect(page.locator("html")).to_have_attribute("lang", "de")
    expect(page.locator("#variant-panel h1")).to_have_text("Leinenhemd")
    expect(page.locator("label[for=option-2]")).to_have_text("Farbe")
    expect(page.locator("#option-2 option:checked")).to_have_text("Blau")
    assert page_errors == []
