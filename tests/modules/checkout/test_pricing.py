"""Totals, VAT incl. and excl., free shipping, and the store settings behind them (exact Decimals)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.checkout import services
from webapp.modules.checkout.models import CheckoutSession

D = Decimal


def line(price: str, quantity: int, title: str = "Tee"):
    return SimpleNamespace(title=title, sku=title.upper(), quantity=quantity, unit_price=D(price), variant_id=1,
                           inventory_item_id=None)


def cart(*lines, currency="EUR"):
    return SimpleNamespace(lines=list(lines), currency=currency)


def test_prices_including_vat_show_the_vat_they_contain():
    quote = services.compute_quote([line("19.90", 2)], rate=D("17"), prices_include_tax=True, shipping=D("4.90"),
                                   currency="EUR", country="LU")
    assert quote.subtotal == D("39.80")
    assert quote.lines[0].tax == D("5.78")  # 39.80 - 39.80 / 1.17 = 5.7829
    assert quote.tax_total == D("6.49")  # + 0.71 in the shipping
    assert quote.total == D("44.70")  # VAT is already in the prices
    assert quote.net_total == D("38.21")


def test_prices_excluding_vat_get_it_added():
    quote = services.compute_quote([line("19.90", 2)], rate=D("17"), prices_include_tax=False, shipping=D("4.90"),
                                   currency="EUR", country="LU")
    assert quote.tax_total == D("7.60")  # 6.766 -> 6.77 and 0.833 -> 0.83
    assert quote.total == D("52.30")


def test_amounts_round_half_up_to_the_cent():
    quote = services.compute_quote([line("2.50", 1)], rate=D("17"), prices_include_tax=False, shipping=D("0"),
                                   currency="EUR", country="LU")
    assert quote.tax_total == D("0.43")  # 0.425: half up, not to even
    assert services.tax_of(D("1.17"), D("17"), included=True) == D("0.17")


@pytest.fixture
def acme(demo):
    with store_scope(demo.acme.id):
        yield demo.acme.id


def checkout_to(store_id: int, country: str | None, method: str | None = None) -> CheckoutSession:
    return CheckoutSession(store_id=store_id, token="t" * 43, idempotency_key="k" * 43, cart_id=1,
                           shipping_address={"country": country} if country else None, shipping_method_code=method)


def test_defaults_are_created_on_first_use(acme):
    settings = services.get_settings(acme)
    assert settings.prices_include_tax is True and settings.default_country == "LU"
    rates = {rate.country: rate.rate for rate in services.list_tax_rates(acme)}
    assert rates == {"BE": D("21"), "DE": D("19"), "FR": D("20"), "LU": D("17"), "NL": D("21")}
    methods = services.list_shipping_methods(acme)
    assert [(m.code, m.price, m.free_over) for m in methods] == [("standard", D("4.90"), D("50.00")),
                                                                 ("express", D("9.90"), None)]


def test_vat_follows_the_shipping_country(acme):
    view = cart(line("12.00", 1))
    assert services.quote(acme, None, view).tax_rate == D("17.00")  # store's country before an address
    french = services.quote(acme, checkout_to(acme, "FR", "express"), view)
    assert (french.country, french.tax_rate, french.shipping) == ("FR", D("20.00"), D("9.90"))
    assert french.tax_total == D("3.65")  # 2.00 in the goods + 1.65 in the shipping
    assert french.total == D("21.90")


def test_excluding_vat_as_the_store_configures(acme):
    services.set_prices_include_tax(acme, False)
    quote = services.quote(acme, checkout_to(acme, "DE", "standard"), cart(line("10.00", 2)))
    assert (quote.subtotal, quote.shipping, quote.tax_total, quote.total) == (
        D("20.00"), D("4.90"), D("4.73"), D("29.63"))  # 3.80 + 0.931 -> 0.93


def test_free_shipping_from_the_threshold_on_the_goods_subtotal(acme):
    free = services.quote(acme, checkout_to(acme, "LU", "standard"), cart(line("25.00", 2)))
    assert (free.shipping, free.free_shipping, free.total) == (D("0.00"), True, D("50.00"))
    paid = services.quote(acme, checkout_to(acme, "LU", "standard"), cart(line("49.99", 1)))
    assert (paid.shipping, paid.total) == (D("4.90"), D("54.89"))
    express = services.quote(acme, checkout_to(acme, "LU", "express"), cart(line("25.00", 4)))
    assert express.shipping == D("9.90")  # no threshold: never free


def test_an_inactive_method_costs_nothing_and_is_missing(acme):
    method = services.list_shipping_methods(acme)[0]
    method.active = False
    db.session.flush()
    checkout = checkout_to(acme, "LU", "standard")
    assert services.quote(acme, checkout, cart(line("10.00", 1))).shipping == D("0.00")
    assert services.active_method(acme, "standard") is None


@pytest.mark.parametrize("country, rate", [("LU", "101"), ("LU", "-1"), ("LU", "NaN"), ("LU", "Infinity"),
                                           ("L1", "10"), ("", "10"), ("LU", "abc")])
def test_tax_rates_are_checked(acme, country, rate):
    with pytest.raises(services.InvalidCheckoutData):
        services.save_tax_rate(acme, country, rate)


def test_a_tax_rate_is_added_or_changed_per_country(acme):
    services.save_tax_rate(acme, "at", "20")
    services.save_tax_rate(acme, "LU", D("16"))
    assert services.tax_rate_for(acme, "AT") == D("20.00")
    assert services.tax_rate_for(acme, "LU") == D("16.00")


def test_shipping_methods_are_checked(acme):
    data = services.ShippingMethodData
    with pytest.raises(services.DuplicateCode):
        services.create_shipping_method(acme, data("standard", "Again", D("1")))
    with pytest.raises(services.InvalidCheckoutData) as refused:
        services.create_shipping_method(acme, data("Bad Code", "", D("-1"), D("-5")))
    assert set(refused.value.errors) == {"code", "label", "price", "free_over"}
    pickup = services.create_shipping_method(acme, data("pickup", "Pick up in store", D("0")))
    assert services.shipping_price(pickup, D("1")) == D("0.00")
