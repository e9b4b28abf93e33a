"""Payment services: idempotency, refunds, manual payments, settings and bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.payments.conftest import STRIPE_KEYS, pay
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.payments import services
from webapp.modules.payments.models import Payment, PaymentSettings, Refund


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_same_key_twice_charges_once(acme, published):
    first = pay(acme, "checkout-42")
    db.session.commit()
    second = pay(acme, "checkout-42", amount="999.00")  # a re-sent form never charges again
    assert second.id == first.id and second.amount == Decimal("49.90")
    assert count(Payment) == 1
    assert len(published) == 1


def test_keys_are_per_store(acme, demo):
    first = pay(acme, "same-key")
    with store_scope(demo.bistro.id):
        other = pay(demo.bistro, "same-key")
    assert other.id != first.id and other.store_id == demo.bistro.id


@pytest.mark.parametrize("field, value", [
    ("amount", "0"), ("amount", "-5"), ("amount", "abc"), ("amount", "NaN"), ("amount", "Infinity"),
    ("amount", "10000000000"), ("currency", "EURO"), ("currency", "€€€"), ("currency", ""),
    ("idempotency_key", ""), ("idempotency_key", "x" * 101), ("idempotency_key", "bad\x00key"),
])
def test_bad_input_is_refused_and_nothing_is_stored(acme, published, field, value):
    arguments = {"platform_id": acme.platform_id, "order_id": 1, "amount": "10.00", "currency": "EUR",
                 "gateway": "manual", "idempotency_key": "k1", field: value}
    with pytest.raises(services.PaymentError):
        services.start_payment(acme.id, **arguments)
    assert count(Payment) == 0 and published == []


@pytest.mark.parametrize("gateway", ["stripe", "bitcoin", ""])
def test_a_gateway_the_store_does_not_offer_is_refused(acme, gateway):
    with pytest.raises(services.GatewayNotEnabled):
        pay(acme, gateway=gateway)
    assert count(Payment) == 0


def test_partial_then_full_refund(acme):
    payment = pay(acme, amount="100.00")
    first = services.refund(acme.id, payment.id, "30.00", platform_id=acme.platform_id)
    assert (first.status, payment.refunded_amount, payment.status) == ("succeeded", Decimal("30.00"),
                                                                       "partially_refunded")
    services.refund(acme.id, payment.id, Decimal("70.00"), platform_id=acme.platform_id)
    db.session.commit()
    assert (payment.refunded_amount, payment.status) == (Decimal("100.00"), "refunded")
    assert [r.amount for r in db.session.scalars(select(Refund).order_by(Refund.id))] == [Decimal("30.00"),
                                                                                       Decimal("70.00")]


@pytest.mark.parametrize("amount", ["100.01", "0", "-1", "junk"])
def test_refunds_beyond_what_is_left_are_refused(acme, amount):
    payment = pay(acme, amount="100.00")
    with pytest.raises(services.RefundError):
        services.refund(acme.id, payment.id, amount, platform_id=acme.platform_id)
    assert count(Refund) == 0 and payment.refunded_amount == 0


def test_an_over_refund_after_a_partial_one_is_refused(acme):
    payment = pay(acme, amount="100.00")
    services.refund(acme.id, payment.id, "60.00", platform_id=acme.platform_id)
    with pytest.raises(services.RefundError):
        services.refund(acme.id, payment.id, "40.01", platform_id=acme.platform_id)
    assert payment.refunded_amount == Decimal("60.00")


def test_unpaid_payments_cannot_be_refunded(acme):
    payment = pay(acme, gateway="manual")
    with pytest.raises(services.RefundError):
        services.refund(acme.id, payment.id, "1.00", platform_id=acme.platform_id)


def test_another_store_payment_cannot_be_refunded(acme, demo):
    payment = pay(acme)
    db.session.commit()
    with pytest.raises(services.PaymentNotFound):
        services.refund(demo.bistro.id, payment.id, "1.00", platform_id=demo.loyalty.id)


def test_mark_manual_paid_once(acme, published):
    payment = pay(acme, gateway="manual")
    services.mark_manual_paid(acme.id, payment.id, platform_id=acme.platform_id)
    assert payment.status == "succeeded"
    with pytest.raises(services.PaymentError):
        services.mark_manual_paid(acme.id, payment.id, platform_id=acme.platform_id)
    assert [event.name for event in published] == ["payments.succeeded"]


def test_only_manual_payments_are_marked_paid_by_hand(acme):
    payment = pay(acme, card_input=None, gateway="test")
    with pytest.raises(services.PaymentError):
        services.mark_manual_paid(acme.id, payment.id, platform_id=acme.platform_id)


def test_settings_are_created_on_first_save_only(acme):
    assert services.current_settings(acme.id).enabled_gateways == ["manual", "test"]
    assert count(PaymentSettings) == 0  # reading never writes
    assert [info.code for info in services.available_gateways(acme.id)] == ["manual", "test"]
    assert services.settings_for(acme.id).id is not None
    assert count(PaymentSettings) == 1


def test_the_test_gateway_is_refused_in_production(app, acme, monkeypatch):
    monkeypatch.setitem(app.config, "ORION_ENV", "production")
    assert [info.code for info in services.available_gateways(acme.id)] == ["manual"]
    with pytest.raises(services.GatewayNotEnabled):
        pay(acme)
    monkeypatch.setitem(app.config, "PAYMENTS_TEST_GATEWAY_IN_PRODUCTION", True)
    assert pay(acme).status == "succeeded"


def test_available_gateways_follow_the_settings(acme):
    services.update_settings(acme.id, enabled_gateways=["stripe", "manual"], manual_instructions=" IBAN LU00 ",
                             **STRIPE_KEYS)
    infos = services.available_gateways(acme.id)
    assert [(info.code, info.instructions) for info in infos] == [("stripe", ""), ("manual", "IBAN LU00")]
    assert infos[0].publishable_key == "pk_test_orion0123456789"


@pytest.mark.parametrize("changes, fields", [
    ({"enabled_gateways": []}, {"enabled_gateways"}),
    ({"enabled_gateways": ["bitcoin"]}, {"enabled_gateways"}),
    ({"enabled_gateways": ["stripe"]}, {"stripe_publishable_key", "stripe_secret_key", "stripe_webhook_secret"}),
    ({"enabled_gateways": ["stripe"], "stripe_secret_key": "pk_wrong_kind_of_key"},
     {"stripe_publishable_key", "stripe_secret_key", "stripe_webhook_secret"}),
    ({"stripe_webhook_secret": "whsec_with spaces"}, {"stripe_webhook_secret"}),
])
def test_invalid_settings_are_refused_field_by_field(acme, changes, fields):
    with pytest.raises(services.SettingsInvalid) as error:
        services.update_settings(acme.id, **{"enabled_gateways": ["manual"], "manual_instructions": "", **changes})
    assert set(error.value.errors) == fields
    assert count(PaymentSettings) == 0


def test_saved_keys_are_kept_when_left_empty_and_can_be_removed(acme):
    services.update_settings(acme.id, enabled_gateways=["stripe"], manual_instructions="", **STRIPE_KEYS)
    settings = services.update_settings(acme.id, enabled_gateways=["stripe", "test"], manual_instructions="",
                                        stripe_secret_key="", stripe_webhook_secret=None)
    assert settings.stripe_secret_key == STRIPE_KEYS["stripe_secret_key"]
    with pytest.raises(services.SettingsInvalid):
        services.update_settings(acme.id, enabled_gateways=["stripe"], manual_instructions="", clear_stripe=True)
    settings = services.update_settings(acme.id, enabled_gateways=["test"], manual_instructions="", clear_stripe=True)
    assert (settings.stripe_secret_key, settings.stripe_webhook_secret) == (None, None)
