"""Changing tiers: an upgrade is prorated by day and its invoice matches the preview to the cent;
a downgrade waits for the period end and is refused below current usage; cancelling waits too."""

from datetime import timedelta

import pytest

from webapp.extensions import db
from webapp.modules.billing.exceptions import ChangeRefused
from webapp.modules.billing.services import cancel, change_tier, keep, now, preview_change

pytestmark = pytest.mark.usefixtures("isolated_requests")


@pytest.fixture
def essential_on_day_15(app, demo, subscribe):
    """Acme on Essential (€29), day 15 of a 31-day period: 17 days left."""
    subscription = subscribe(demo.acme, "essential")
    subscription.current_period_start = now() - timedelta(days=14)
    subscription.current_period_end = subscription.current_period_start + timedelta(days=31)
    db.session.commit()
    return subscription


def test_an_upgrade_on_day_15_is_prorated_and_invoiced_as_previewed(app, demo, tiers, essential_on_day_15):
    professional = tiers[(demo.main.id, "professional")]
    with app.test_request_context():
        preview = preview_change(essential_on_day_15.id, professional.id)
        assert preview.kind == "upgrade" and (preview.days_left, preview.period_days) == (17, 31)
        assert [line.amount_cents for line in preview.lines] == [-1590, 4332]
        assert (preview.subtotal_cents, preview.vat_cents, preview.total_cents) == (2742, 466, 3208)
        outcome = change_tier(essential_on_day_15.id, professional.id)
        db.session.commit()
        invoice = outcome.invoice
        assert [(line.amount_cents, line.unit_price_cents, line.days, line.period_days) for line in invoice.lines] == [
            (-1590, 2900, 17, 31), (4332, 7900, 17, 31)]
        assert (invoice.subtotal_cents, invoice.vat_cents, invoice.total_cents) == (2742, 466, 3208)
        assert [line.description for line in invoice.lines] == [line.description for line in preview.lines]
        assert essential_on_day_15.tier_id == professional.id


def test_a_later_price_change_never_rewrites_an_issued_invoice(app, demo, tiers, essential_on_day_15):
    professional = tiers[(demo.main.id, "professional")]
    with app.test_request_context():
        invoice = change_tier(essential_on_day_15.id, professional.id).invoice
        db.session.commit()
        professional.monthly_price_cents = 9900
        db.session.commit()
        db.session.expire_all()
        assert [line.unit_price_cents for line in invoice.lines] == [2900, 7900]


def test_a_downgrade_waits_for_the_period_end(app, demo, tiers, subscribe):
    subscription = subscribe(demo.acme, "business")
    essential = tiers[(demo.main.id, "professional")]
    with app.test_request_context():
        outcome = change_tier(subscription.id, essential.id)
        db.session.commit()
        assert outcome.invoice is None and outcome.preview.kind == "downgrade"
        assert subscription.tier.code == "business" and subscription.scheduled_tier_id == essential.id


def test_a_downgrade_below_current_usage_is_refused_with_what_to_remove(app, demo, tiers, subscribe):
    from webapp.modules.tenancy.services import add_member, create_user

    subscription = subscribe(demo.acme, "business")
    for number in range(3):  # five people on a tier of two seats
        add_member(demo.acme.id, create_user(f"extra{number}@acme.test", "orion-demo").id, "staff")
    db.session.commit()
    with app.test_request_context():
        preview = preview_change(subscription.id, tiers[(demo.main.id, "essential")].id)
        assert [(p.limit, p.used, p.allowed) for p in preview.problems] == [("staff_seats", 5, 2), ("languages", 3, 2)]
        with pytest.raises(ChangeRefused):
            change_tier(subscription.id, tiers[(demo.main.id, "essential")].id)
        assert subscription.scheduled_tier_id is None


def test_the_same_or_another_platforms_tier_is_refused(app, demo, tiers, subscribe):
    subscription = subscribe(demo.acme, "essential")
    with app.test_request_context():
        for tier in (tiers[(demo.main.id, "essential")], tiers[(demo.loyalty.id, "business")]):
            with pytest.raises(ChangeRefused):
                preview_change(subscription.id, tier.id)


def test_cancel_needs_a_reason_and_can_be_undone_before_the_period_end(app, demo, subscribe):
    subscription = subscribe(demo.acme, "essential")
    with app.test_request_context():
        with pytest.raises(ChangeRefused):
            cancel(subscription.id, "   ")
        cancel(subscription.id, "Closing the shop")
        assert subscription.cancel_at_period_end and subscription.state == "active"
        keep(subscription.id)
        assert not subscription.cancel_at_period_end and subscription.cancel_reason == ""
