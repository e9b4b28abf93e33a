"""Trial end: with a card the first invoice is charged; without one the store pauses (503 storefront,
read-only dashboard) and adding a card pays and reopens it, nothing lost."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription
from webapp.modules.billing.services import now
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import Store

pytestmark = pytest.mark.usefixtures("isolated_requests")
SHOP = "/platforms/main/storefront/acme"
CARD = {"card_number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2099", "cvc": "123"}


def _emails(template: str) -> list[OutboxMessage]:
    return list(db.session.scalars(select(OutboxMessage).where(OutboxMessage.template == template)))


def _products(store_id: int) -> int:
    from webapp.framework.scoping import store_scope
    from webapp.modules.catalog.models import Product

    with store_scope(store_id):
        return db.session.scalar(select(func.count(Product.id)).where(Product.store_id == store_id))


def _store_status(store_id: int) -> str:
    db.session.expire_all()
    return db.session.get(Store, store_id).status


def test_a_trial_with_a_card_is_invoiced_and_charged_at_its_end(demo, subscribe, with_card, travel):
    subscription = with_card(subscribe(demo.acme, "essential", state="trialing"))
    trial_end = subscription.trial_ends_at
    assert travel(13)["trials_ended"] == 0
    assert travel(1, seconds=60)["trials_ended"] == 1
    db.session.expire_all()
    invoice = db.session.scalar(select(Invoice).where(Invoice.idempotency_key == f"trial-end:{subscription.id}"))
    assert invoice.status == "paid" and invoice.paid_at is not None
    assert invoice.total_cents == 3393  # €29 + 17 % VAT
    assert subscription.state == "active"
    assert subscription.current_period_start.replace(tzinfo=None) == trial_end.replace(tzinfo=None)
    assert [a.outcome for a in db.session.scalars(select(PaymentAttempt))] == ["succeeded"]
    assert _store_status(demo.acme.id) == "active"


def test_re_running_the_day_does_nothing_twice(demo, subscribe, with_card, travel):
    with_card(subscribe(demo.acme, "essential", state="trialing"))
    travel(15)
    assert travel(0) == {"trials_ended": 0, "collected": 0, "retries": 0, "cancelled": 0}
    assert db.session.scalar(select(func.count(Invoice.id))) == 1
    assert db.session.scalar(select(func.count(PaymentAttempt.id))) == 1


def test_a_trial_ending_without_a_card_pauses_the_store_and_a_card_resumes_it(
        client, demo, subscribe, travel, login_as, htmx_headers):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    products_before = _products(demo.acme.id)
    assert client.get(f"{SHOP}/").status_code == 200
    travel(15)
    db.session.expire_all()
    assert subscription.state == "paused" and subscription.paused_at is not None
    invoice = db.session.scalar(select(Invoice).where(Invoice.subscription_id == subscription.id))
    assert invoice.status == "open" and invoice.idempotency_key == f"trial-end:{subscription.id}"
    assert _store_status(demo.acme.id) == "paused"
    assert [m.to_address for m in _emails("billing/emails/paused")] == [demo.owner.email]

    # The storefront: the translated closed page, 503 with Retry-After.
    response = client.get(f"{SHOP}/")
    assert response.status_code == 503 and "Temporarily closed" in response.get_data(as_text=True)
    assert int(response.headers["Retry-After"]) > 0
    french = client.get(f"{SHOP}/?lang=fr")
    assert french.status_code == 503 and "Fermeture temporaire" in french.get_data(as_text=True)

    # The dashboard: readable with a banner, nothing can be changed but billing.
    login_as(demo.owner)
    page = client.get("/store/acme/")
    assert page.status_code == 200 and "Your store is paused" in page.get_data(as_text=True)
    refused = client.post("/store/acme/settings/general", data={"name": "Renamed"})
    assert refused.status_code == 403 and "read only" in refused.get_data(as_text=True)
    assert db.session.get(Store, demo.acme.id).name != "Renamed"
    assert client.get("/store/acme/billing/payment-method").status_code == 200

    # A card pays the open invoice and reopens everything.
    response = client.post("/store/acme/billing/payment-method", data=CARD)
    assert response.status_code == 303
    db.session.expire_all()
    assert subscription.state == "active" and subscription.paused_at is None
    assert db.session.get(Invoice, invoice.id).status == "paid"
    assert _store_status(demo.acme.id) == "active"
    assert client.get(f"{SHOP}/").status_code == 200
    assert "Your store is paused" not in client.get("/store/acme/").get_data(as_text=True)
    assert _products(demo.acme.id) == products_before
    assert len(_emails("billing/emails/resumed")) == 1


def test_resuming_never_reopens_a_store_an_admin_suspended(demo, subscribe, travel, with_card):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    travel(15)
    assert _store_status(demo.acme.id) == "paused"
    db.session.get(Store, demo.acme.id).status = "suspended"  # the platform closes it meanwhile
    db.session.commit()
    from webapp.modules.billing.services.payment_methods import set_payment_method
    from webapp.modules.payments.services import CardInput

    assert set_payment_method(subscription, CardInput("4242424242424242", 12, 2099, "123"),
                              actor_id=None) == "succeeded"
    db.session.commit()
    assert subscription.state == "active"
    assert _store_status(demo.acme.id) == "suspended"


def test_a_pending_store_stays_pending_through_a_pause(demo, subscribe, travel):
    db.session.get(Store, demo.acme.id).status = "pending"
    db.session.commit()
    subscribe(demo.acme, "essential", state="trialing")
    travel(15)
    assert _store_status(demo.acme.id) == "pending"


def test_the_test_clock_command_moves_time_and_runs_the_jobs(app, demo, subscribe):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    before = now()
    result = app.test_cli_runner().invoke(args=["billing", "advance-clock", "--days", "15"])
    assert result.exit_code == 0, result.output
    assert "Billing clock: " in result.output and "trials_ended: 1" in result.output
    db.session.expire_all()
    assert now() - before >= timedelta(days=15)
    assert db.session.get(Subscription, subscription.id).state == "paused"


def test_the_test_clock_is_refused_in_production(app, demo, monkeypatch):
    monkeypatch.setitem(app.config, "ORION_ENV", "production")
    result = app.test_cli_runner().invoke(args=["billing", "advance-clock", "--days", "1"])
    assert result.exit_code != 0 and "production" in result.output
    monkeypatch.setitem(app.config, "ORION_ENV", "development")
    assert now() - __import__("datetime").datetime.now(now().tzinfo) < timedelta(minutes=1)


def test_a_paused_store_cannot_be_launched_again(client, demo, subscribe, travel, login_as):
    from webapp.modules.tenancy.services import launch_state

    subscribe(demo.acme, "essential", state="trialing")
    travel(15)
    assert launch_state(demo.acme.id) == "paused"
    login_as(demo.owner)
    assert "paused until the subscription is paid" in client.get("/store/acme/").get_data(as_text=True)
    assert client.post("/store/acme/launch").status_code == 403
    assert _store_status(demo.acme.id) == "paused"


def test_a_trial_cancelled_before_its_end_just_ends(demo, subscribe, with_card, travel):
    from webapp.modules.billing.services import cancel

    subscription = with_card(subscribe(demo.acme, "essential", state="trialing"))
    cancel(subscription.id, "Too early for us")
    db.session.commit()
    travel(15)
    db.session.expire_all()
    assert subscription.state == "cancelled" and subscription.cancel_reason == "Too early for us"
    assert db.session.scalar(select(func.count(Invoice.id))) == 0
    assert _store_status(demo.acme.id) == "paused"
    [email] = _emails("billing/emails/cancelled")
    assert "Your trial has ended" in email.body_text
