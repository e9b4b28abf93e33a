"""Services other modules call (guests, order figures, segments), the emails through messaging, the demo data."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.customers.helpers import ACME, PASSWORD
from webapp.extensions import db
from webapp.framework.scoping import TenantScopeError, store_scope
from webapp.modules.customers import demo as customers_demo
from webapp.modules.customers import services
from webapp.modules.customers.models import Customer


def fresh(customer) -> Customer:
    db.session.expire_all()
    with store_scope(customer.store_id):
        return db.session.get(Customer, customer.id)


def test_find_or_create_guest_reuses_the_row_per_store(demo, make_customer):
    with store_scope(demo.acme.id):
        guest = services.find_or_create_guest(demo.acme.id, " Guest@Example.com", "Gina", "Guest")
        again = services.find_or_create_guest(demo.acme.id, "guest@example.com", "Other", "Name")
        db.session.commit()
    assert guest.id == again.id and guest.is_guest and guest.first_name == "Gina"
    with store_scope(demo.bistro.id):
        elsewhere = services.find_or_create_guest(demo.bistro.id, "guest@example.com", "Gina", "Guest")
    assert elsewhere.id != guest.id and elsewhere.store_id == demo.bistro.id


def test_record_order_and_refund_keep_the_figures(demo, shopper):
    first = datetime(2026, 3, 1, 10, tzinfo=UTC)
    assert services.record_order(demo.acme.id, shopper.id, Decimal("120.50"), first)
    assert services.record_order(demo.acme.id, shopper.id, Decimal("79.50"), first - timedelta(days=3))
    db.session.commit()
    customer = fresh(shopper)
    assert (customer.orders_count, customer.total_spent) == (2, Decimal("200.00"))
    assert customer.last_order_at.replace(tzinfo=UTC) == first  # an older order does not move it back

    assert services.record_refund(demo.acme.id, shopper.id, Decimal("50"))
    assert services.record_refund(demo.acme.id, shopper.id, Decimal("500"), order_cancelled=True)
    db.session.commit()
    customer = fresh(shopper)
    assert (customer.orders_count, customer.total_spent) == (1, Decimal("0.00"))


def test_record_order_refuses_a_customer_of_another_store(demo, shopper):
    assert not services.record_order(demo.bistro.id, shopper.id, Decimal("10"), datetime.now(UTC))
    db.session.commit()
    assert fresh(shopper).orders_count == 0


def test_record_order_updates_a_loaded_copy(demo, shopper):
    with store_scope(demo.acme.id):
        loaded = db.session.get(Customer, shopper.id)
        services.record_order(demo.acme.id, shopper.id, Decimal("10"), datetime.now(UTC))
        assert loaded.orders_count == 1


def test_concurrent_orders_are_all_counted(app, demo, shopper, postgres_required):
    store_id, customer_id = demo.acme.id, shopper.id  # plain ids: ORM objects stay in this thread
    errors = []

    def place():
        with app.app_context():
            try:
                services.record_order(store_id, customer_id, Decimal("1.00"), datetime.now(UTC))
                db.session.commit()
            except Exception as error:  # reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=place) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    customer = fresh(shopper)
    assert (customer.orders_count, customer.total_spent) == (8, Decimal("8.00"))


def test_segments_follow_the_rules(demo, app, monkeypatch):
    monkeypatch.setitem(app.config, "CUSTOMERS_TOP_SPENDER_THRESHOLD", 300)
    now = datetime.now(UTC)
    old = now - timedelta(days=31)
    cases = [
        (dict(orders_count=0, created_at=now - timedelta(days=29)), ["new"]),
        (dict(orders_count=1, created_at=now), ["new"]),
        (dict(orders_count=1, created_at=old), []),
        (dict(orders_count=2, created_at=now), ["returning"]),
        (dict(orders_count=1, total_spent=Decimal("300"), created_at=old), ["top"]),
        (dict(orders_count=5, total_spent=Decimal("900"), created_at=old), ["returning", "top"]),
    ]
    with store_scope(demo.acme.id):
        rows = [Customer(store_id=demo.acme.id, email=f"s{n}@example.com", **fields)
                for n, (fields, _expected) in enumerate(cases)]
        db.session.add_all(rows)
        db.session.commit()
        for row, (_fields, expected) in zip(rows, cases, strict=True):
            assert row.segments(now, services.top_spender_threshold()) == expected
        counts = services.segment_counts(demo.acme.id, now=now)
        found = {seg: {c.email for c in services.search_customers(demo.acme.id, segment=seg, now=now).items}
                 for seg in ("new", "returning", "top")}
    assert counts == {"all": 6, "new": 2, "returning": 2, "top": 2}
    assert found == {"new": {"s0@example.com", "s1@example.com"}, "returning": {"s3@example.com", "s5@example.com"},
                     "top": {"s4@example.com", "s5@example.com"}}


def test_queries_on_customers_need_a_store_in_scope(demo, shopper):
    with pytest.raises(TenantScopeError):
        services.find_by_email(demo.acme.id, "sam@example.com")


def test_the_welcome_email_goes_through_messaging_into_the_outbox(app, client, demo, outbox):
    response = client.post(f"{ACME}/account/register?lang=fr", data={
        "email": "sam@example.com", "password": PASSWORD, "password_confirm": PASSWORD, "first_name": "Sam",
        "last_name": "Schmitz"})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    [email] = outbox
    assert (email.store_id, email.template, email.to, email.locale) == (
        demo.acme.id, "customers/emails/welcome", "sam@example.com", "fr")
    assert email.subject == "Bienvenue chez Acme" and "Bonjour Sam," in email.body
    assert email.link == f"http://localhost{ACME}/account/"
    # Without Redis the delivery job runs in-process after the commit: the development outbox sent it.
    assert email.status == ("queued" if app.extensions["orion.jobs"]["is_async"] else "sent")


def test_the_reset_email_uses_the_customers_own_language(app, demo, shopper, outbox):
    with store_scope(demo.acme.id):
        db.session.get(Customer, shopper.id).locale = "de"
        assert services.send_password_reset(demo.acme.id, "SAM@example.com", locale="en",
                                            reset_url=lambda token: f"https://acme.example/reset/{token}")
        assert not services.send_password_reset(demo.acme.id, "nobody@example.com", locale="en",
                                                reset_url=lambda token: f"https://acme.example/reset/{token}")
        db.session.commit()
    [email] = outbox
    assert (email.to, email.template, email.locale) == ("sam@example.com", "customers/emails/password_reset", "de")
    token = email.link.rsplit("/", 1)[1]
    assert email.link == f"https://acme.example/reset/{token}"
    with store_scope(demo.acme.id):
        assert services.customer_from_reset_token(demo.acme.id, token).id == shopper.id


def test_services_take_the_store_and_customer_ids(demo, shopper, make_customer):
    other = make_customer(demo.bistro, email="sam@example.com")
    with store_scope(demo.acme.id):
        with pytest.raises(services.CustomerNotFound):  # a customer of another store does not exist here
            services.update_profile(demo.acme.id, other.id, services.Profile(first_name="X", last_name="Y"))
        address = services.add_address(demo.acme.id, shopper.id, services.AddressData(
            "Sam Schmitz", "1 Rue Haute", "L-1234", "Luxembourg", "lu"))
        assert address.is_default and address.country == "LU"
        with pytest.raises(services.AddressNotFound):
            services.delete_address(demo.acme.id, other.id, address.id)
        services.erase_customer(demo.acme.id, shopper.id)
        db.session.commit()
        assert services.get_customer(demo.acme.id, shopper.id) is None
    with store_scope(demo.bistro.id):
        assert services.get_customer(demo.bistro.id, other.id).first_name == "Sam"


def test_demo_data_is_idempotent_and_the_shopper_can_sign_in(client, demo):
    customers_demo.seed()
    db.session.commit()
    customers_demo.seed()
    db.session.commit()
    counts = dict(db.session.execute(select(Customer.store_id, func.count(Customer.id))
                                     .group_by(Customer.store_id).execution_options(all_stores=True)).all())
    assert counts == {demo.acme.id: 13, demo.bistro.id: 3}
    with store_scope(demo.acme.id):
        assert services.segment_counts(demo.acme.id)["top"] >= 3
        shopper = services.find_by_email(demo.acme.id, "shopper@example.com")
        assert shopper.first_name == "Sam" and len(services.list_addresses(demo.acme.id, shopper.id)) == 1
    response = client.post(f"{ACME}/account/login", data={"email": "shopper@example.com", "password": "orion-demo"})
    assert response.status_code == 303
