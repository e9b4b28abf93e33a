"""Dunning: a soft decline is retried on the platform's schedule (days 1, 3, 7, 14) through past due →
restricted → paused → cancelled, with an email at each step; a hard decline is never charged again."""

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.limits import check_limit
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import Store

pytestmark = pytest.mark.usefixtures("isolated_requests")
SOFT = "4000000000000002"
FUNDS = "4000000000009995"
LOST = "4000000000009987"


def _attempts() -> list[str]:
    return [a.outcome for a in db.session.scalars(select(PaymentAttempt).order_by(PaymentAttempt.id))]


def _emails() -> list[str]:
    return [m.template.rsplit("/", 1)[1] for m in db.session.scalars(select(OutboxMessage).where(
        OutboxMessage.template.like("billing/emails/%")).order_by(OutboxMessage.id))]


def _state(subscription: Subscription) -> str:
    db.session.expire_all()
    return db.session.get(Subscription, subscription.id).state


@pytest.fixture
def failing(demo, subscribe, with_card, travel):
    """`failing(card)`: acme's Essential trial ends with `card` on file and its first charge is tried."""
    def run(card: str) -> Subscription:
        subscription = with_card(subscribe(demo.acme, "essential", state="trialing"), card)
        travel(14, seconds=60)
        return subscription

    return run


def test_a_soft_decline_is_retried_on_the_schedule_through_every_state(app, demo, failing, travel):
    subscription = failing(SOFT)
    assert _state(subscription) == "past_due" and _attempts() == ["soft_decline"]
    assert _emails() == ["past_due"]
    with app.test_request_context():  # past due keeps the tier: creating still works
        assert check_limit(demo.acme.id, "products", adding=1).allowed

    assert travel(0)["retries"] == 0  # nothing is due on the day of the failure
    travel(1)  # day 1: first retry, still past due
    assert _state(subscription) == "past_due" and len(_attempts()) == 2
    travel(1)  # day 2: nothing due
    assert len(_attempts()) == 2
    travel(1)  # day 3: second retry fails → restricted
    assert _state(subscription) == "restricted" and len(_attempts()) == 3
    with app.test_request_context():
        assert not check_limit(demo.acme.id, "products", adding=1).allowed
    assert db.session.get(Store, demo.acme.id).status == "active"  # restricted: the shop stays open
    travel(4)  # day 7: third retry
    assert _state(subscription) == "restricted" and len(_attempts()) == 4
    travel(7)  # day 14: the last retry fails → paused
    assert _state(subscription) == "paused" and _attempts() == ["soft_decline"] * 5
    assert db.session.get(Store, demo.acme.id).status == "paused"
    assert _emails() == ["past_due", "restricted", "paused"]

    travel(29)
    assert _state(subscription) == "paused"
    travel(1)  # 30 days paused → cancelled; the store stays closed, nothing deleted
    assert _state(subscription) == "cancelled"
    assert db.session.get(Store, demo.acme.id).status == "paused"
    assert _emails() == ["past_due", "restricted", "paused", "cancelled"]
    assert len(_attempts()) == 5
    travel(60)
    assert _emails()[-1] == "cancelled" and len(_emails()) == 4


def test_a_hard_decline_is_not_retried(demo, failing, travel):
    subscription = failing(LOST)
    assert _state(subscription) == "past_due" and _attempts() == ["hard_decline"]
    for days in (1, 2, 4, 7):
        travel(days)
    assert _state(subscription) == "paused"
    assert _attempts() == ["hard_decline"]  # the schedule ran, the card was never charged again


def test_a_retry_that_succeeds_ends_dunning(demo, failing, travel):
    subscription = failing(FUNDS)  # insufficient funds on the first charge, paid on the next
    assert _state(subscription) == "past_due"
    travel(1)
    db.session.expire_all()
    subscription = db.session.get(Subscription, subscription.id)
    assert subscription.state == "active" and subscription.next_retry_at is None
    assert subscription.past_due_since is None and subscription.failed_attempts == 0
    assert _attempts() == ["soft_decline", "succeeded"]
    assert db.session.scalar(select(Invoice.status)) == "paid"
    assert _emails() == ["past_due", "recovered"]
    travel(30)
    assert len(_attempts()) == 2


def test_a_missed_week_catches_up_each_retry_once(demo, failing, travel):
    subscription = failing(SOFT)
    travel(7)  # days 1, 3 and 7 were missed: each retry runs once, in order
    assert _state(subscription) == "restricted" and len(_attempts()) == 4
    travel(0)
    assert len(_attempts()) == 4


def test_the_schedule_is_the_platforms(demo, failing, travel, tiers):
    from webapp.modules.billing.models import BillingSettings

    db.session.get(BillingSettings, demo.main.id).retry_days = [2]
    db.session.commit()
    subscription = failing(SOFT)
    travel(1)
    assert len(_attempts()) == 1
    travel(1)  # the one retry, on day 2, is the last: paused
    assert _state(subscription) == "paused" and len(_attempts()) == 2


def test_the_emails_are_in_the_owners_language(demo, failing):
    demo.owner.locale = "fr"
    db.session.commit()
    failing(SOFT)
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.template == "billing/emails/past_due"))
    assert message.to_address == demo.owner.email and message.locale == "fr"
    assert message.subject.startswith("Échec du paiement") and "33,93" in message.body_text


def test_each_step_is_audited(demo, failing, travel):
    from webapp.modules.core.models import AuditEntry

    failing(SOFT)
    travel(3)
    actions = [e.action for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]
    assert "billing.subscription.past_due" in actions and "billing.subscription.restricted" in actions


def _renewal_invoice(subscription: Subscription) -> Invoice:
    """An open invoice of the subscription as a renewal issues it (renewals themselves are elsewhere)."""
    from webapp.modules.billing.services import LineDraft, issue_invoice

    invoice = issue_invoice(subscription.platform_id, subscription.merchant_id,
                            [LineDraft("Essential", 2900, 2900, tier_id=subscription.tier_id)],
                            key=f"test-renewal:{subscription.id}", subscription_id=subscription.id)
    db.session.commit()
    return invoice


@pytest.mark.parametrize(("card", "state", "outcomes"), [
    ("4242424242424242", "active", ["succeeded"]),
    (SOFT, "past_due", ["soft_decline"]),
    (None, "past_due", []),
])
def test_a_new_open_invoice_of_an_active_subscription_is_charged_once(demo, subscribe, with_card, travel,
                                                                      card, state, outcomes):
    subscription = subscribe(demo.acme, "essential")
    if card:
        with_card(subscription, card)
    invoice = _renewal_invoice(subscription)
    assert travel(0)["collected"] == 1
    assert _state(subscription) == state and _attempts() == outcomes
    assert travel(0)["collected"] == 0 and _attempts() == outcomes
    assert db.session.get(Invoice, invoice.id).status == ("paid" if state == "active" else "open")
