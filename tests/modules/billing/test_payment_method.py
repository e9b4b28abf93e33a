"""Store → Billing → Payment method: add, replace, remove the card; never the number; a card on a
past-due subscription pays the open invoice at once."""

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription

pytestmark = pytest.mark.usefixtures("isolated_requests")
PAGE = "/store/acme/billing/payment-method"
CARD = {"card_number": "4242 4242 4242 4242", "exp_month": "12", "exp_year": "2099", "cvc": "123"}


def _fresh(subscription: Subscription) -> Subscription:
    db.session.expire_all()
    return db.session.get(Subscription, subscription.id)


def test_the_owner_adds_a_card_and_only_its_reference_and_label_are_kept(client, demo, subscribe, login_as):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    login_as(demo.owner)
    page = client.get(PAGE)
    assert page.status_code == 200 and "No card yet." in page.get_data(as_text=True)
    assert "Test cards: 4242" in page.get_data(as_text=True)  # the platform's gateway here is the test one
    assert client.post(PAGE, data=CARD).status_code == 303
    subscription = _fresh(subscription)
    assert subscription.payment_method_label == "Visa •••• 4242"
    assert subscription.payment_method_ref.startswith("test_pm_")
    assert "4242424242424242" not in subscription.payment_method_ref
    assert "Visa •••• 4242" in client.get(PAGE).get_data(as_text=True)
    assert db.session.scalar(select(PaymentAttempt.id)) is None  # a trial: nothing to charge yet


def test_replacing_the_card_by_htmx_answers_the_section(client, demo, subscribe, login_as, htmx_headers,
                                                       with_card):
    subscription = with_card(subscribe(demo.acme, "essential"))
    login_as(demo.owner)
    response = client.post(PAGE, data={**CARD, "card_number": "5555 5555 5555 4444"}, headers=htmx_headers)
    text = response.get_data(as_text=True)
    assert response.status_code == 200 and text.lstrip().startswith('<div id="payment-method">')
    assert "Mastercard •••• 4444" in text and _fresh(subscription).payment_method_label == "Mastercard •••• 4444"


@pytest.mark.parametrize(("changes", "field"), [
    ({"card_number": "4242"}, "card_number"),
    ({"card_number": "4242-4242-4242-4242"}, "card_number"),
    ({"exp_month": "13"}, "exp_month"),
    ({"exp_year": "soon"}, "exp_year"),
    ({"cvc": "12"}, "cvc"),
    ({"cvc": ""}, "cvc"),
])
def test_bad_card_details_answer_422_and_save_nothing(client, demo, subscribe, login_as, changes, field):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    login_as(demo.owner)
    response = client.post(PAGE, data={**CARD, **changes})
    assert response.status_code == 422
    assert f'id="{field}-error"' in response.get_data(as_text=True)
    assert _fresh(subscription).payment_method_ref is None


def test_an_expired_card_is_refused_by_the_gateway(client, demo, subscribe, login_as):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    login_as(demo.owner)
    response = client.post(PAGE, data={**CARD, "exp_year": "2001"})
    assert response.status_code == 422 and "Your card has expired." in response.get_data(as_text=True)
    assert _fresh(subscription).payment_method_ref is None


def test_removing_the_card(client, demo, subscribe, login_as, with_card):
    subscription = with_card(subscribe(demo.acme, "essential"))
    login_as(demo.owner)
    assert client.post(f"{PAGE}/remove").status_code == 303
    subscription = _fresh(subscription)
    assert subscription.payment_method_ref is None and subscription.payment_method_label == ""
    assert "No card yet." in client.get(PAGE).get_data(as_text=True)


def test_a_card_on_a_past_due_subscription_pays_the_open_invoice(client, demo, subscribe, with_card, travel,
                                                                 login_as):
    subscription = with_card(subscribe(demo.acme, "essential", state="trialing"), "4000000000000002")
    travel(15)
    assert _fresh(subscription).state == "past_due"
    login_as(demo.owner)
    assert "is unpaid" in client.get(PAGE).get_data(as_text=True)
    assert client.post(PAGE, data=CARD).status_code == 303
    subscription = _fresh(subscription)
    assert subscription.state == "active" and subscription.next_retry_at is None
    assert db.session.scalar(select(Invoice.status)) == "paid"
    assert [a.outcome for a in db.session.scalars(select(PaymentAttempt).order_by(PaymentAttempt.id))] == [
        "soft_decline", "succeeded"]


def test_a_declined_new_card_keeps_the_store_paused(client, demo, subscribe, travel, login_as):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    travel(15)
    login_as(demo.owner)
    response = client.post(PAGE, data={**CARD, "card_number": "4000 0000 0000 0002"})
    assert response.status_code == 303
    assert "could not be charged" in client.get(PAGE).get_data(as_text=True)
    assert _fresh(subscription).state == "paused"


def test_only_who_may_manage_billing_sees_the_page(client, demo, subscribe, login_as):
    subscribe(demo.acme, "essential")
    login_as(demo.staff)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data=CARD).status_code == 403


def test_another_merchants_store_is_404(client, demo, subscribe, login_as):
    acme = subscribe(demo.acme, "essential")
    subscribe(demo.bistro, "essential")
    login_as(demo.bistro_owner)
    assert client.get(PAGE).status_code == 404
    assert client.post(PAGE, data=CARD).status_code == 404
    assert _fresh(acme).payment_method_ref is None
    bistro = db.session.scalar(select(Subscription).where(Subscription.merchant_id == demo.bistro.merchant_id))
    assert client.post("/store/bistro/billing/payment-method", data=CARD).status_code == 303
    assert _fresh(bistro).payment_method_label == "Visa •••• 4242" and _fresh(acme).payment_method_ref is None


def test_a_platform_selling_no_tiers_has_no_payment_method_page(client, demo, login_as):
    login_as(demo.owner)
    assert client.get(PAGE).status_code == 404


def test_a_card_added_by_htmx_to_a_paused_store_reloads_the_whole_page(client, demo, subscribe, travel, login_as,
                                                                       htmx_headers):
    subscription = subscribe(demo.acme, "essential", state="trialing")
    travel(15)
    login_as(demo.owner)
    response = client.post(PAGE, data=CARD, headers=htmx_headers)
    assert response.status_code == 200 and response.headers["HX-Redirect"] == PAGE
    assert _fresh(subscription).state == "active"
    assert "your store is open again" in client.get(PAGE).get_data(as_text=True)
