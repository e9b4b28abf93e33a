"""Renewals: at a period's end (billing's clock) the next period is invoiced once, a scheduled downgrade
applies and a cancellation takes effect; trials are left alone; re-runs change nothing."""

import itertools

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice, Subscription
from webapp.modules.billing.services import advance_clock, now, renew_due


def _invoices(subscription_id):
    return list(db.session.scalars(select(Invoice).where(Invoice.subscription_id == subscription_id)
                                   .order_by(Invoice.id)))


def _reload(subscription_id) -> Subscription:
    db.session.expire_all()
    return db.session.get(Subscription, subscription_id)


def test_an_ended_period_is_invoiced_once_and_the_period_advances(app, demo, subscribe):
    with app.test_request_context():
        subscription = subscribe(demo.acme, "professional")
        end = subscription.current_period_end
        assert renew_due().invoices == []  # nothing has ended yet
        advance_clock(days=15)
        report = renew_due()
        db.session.commit()
        assert len(report.invoices) == 1
        invoice = report.invoices[0]
        assert invoice.idempotency_key == f"renewal:{subscription.id}:{end.date().isoformat()}"
        assert (invoice.subtotal_cents, invoice.vat_cents, invoice.total_cents) == (7900, 1343, 9243)
        assert invoice.period_start == end.date() and invoice.lines[0].unit_price_cents == 7900
        assert "Professional" in invoice.lines[0].description
        renewed = _reload(subscription.id)
        assert renewed.current_period_start.date() == end.date()
        assert renewed.current_period_end.date() == invoice.period_end
        assert renewed.current_period_end.month != end.month  # one month on

        for _run in range(3):  # re-runs, the same clock
            assert renew_due().invoices == []
            db.session.commit()
        assert len(_invoices(subscription.id)) == 1


def test_a_yearly_subscription_is_invoiced_the_yearly_price(app, demo, subscribe):
    with app.test_request_context():
        subscription = subscribe(demo.acme, "essential")
        subscription.interval = "year"
        db.session.commit()
        advance_clock(days=15)
        [invoice] = renew_due().invoices
        db.session.commit()
        assert invoice.subtotal_cents == 29000 and "yearly" in invoice.lines[0].description
        assert (invoice.period_end - invoice.period_start).days in (365, 366)


def test_a_scheduled_downgrade_applies_at_the_period_end(app, demo, subscribe, tiers):
    with app.test_request_context():
        subscription = subscribe(demo.acme, "business")
        essential = tiers[(demo.main.id, "essential")]
        subscription.scheduled_tier_id = essential.id
        db.session.commit()
        advance_clock(days=15)
        report = renew_due()
        db.session.commit()
        renewed = _reload(subscription.id)
        assert report.downgraded == [subscription.id]
        assert renewed.tier_id == essential.id and renewed.scheduled_tier_id is None
        assert report.invoices[0].subtotal_cents == 2900


def test_a_cancellation_takes_effect_at_the_period_end_without_an_invoice(app, demo, subscribe):
    with app.test_request_context():
        subscription = subscribe(demo.acme, "professional")
        subscription.cancel_at_period_end, subscription.cancel_reason = True, "Closing the shop"
        end = subscription.current_period_end
        db.session.commit()
        advance_clock(days=15)
        report = renew_due()
        db.session.commit()
        cancelled = _reload(subscription.id)
        assert report.cancelled == [subscription.id] and report.invoices == []
        assert cancelled.state == "cancelled" and cancelled.cancelled_at.date() == end.date()
        assert renew_due().invoices == [] and _invoices(subscription.id) == []


def test_trials_paused_and_cancelled_subscriptions_are_not_renewed(app, demo, subscribe):
    with app.test_request_context():
        trial = subscribe(demo.acme, "professional", state="trialing")
        paused = subscribe(demo.bistro, "professional", state="paused")
        advance_clock(days=40)
        assert renew_due().invoices == []
        db.session.commit()
        assert _reload(trial.id).state == "trialing" and _invoices(trial.id) == []
        assert _reload(paused.id).state == "paused" and _invoices(paused.id) == []


def test_a_subscription_behind_by_several_periods_catches_up_one_invoice_per_period(app, demo, subscribe):
    with app.test_request_context():
        subscription = subscribe(demo.acme, "professional")
        advance_clock(days=15 + 31 + 31)  # the first end, then two more months at least
        report = renew_due()
        db.session.commit()
        periods = [(i.period_start, i.period_end) for i in report.invoices]
        assert len(periods) >= 3
        assert all(a[1] == b[0] for a, b in itertools.pairwise(periods))  # back to back
        numbers = [int(i.number.split("-")[1]) for i in report.invoices]
        assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))
        assert _reload(subscription.id).current_period_end.date() >= now().date()
        assert renew_due().invoices == []


def test_renewals_can_be_run_for_one_platform(app, demo, subscribe):
    with app.test_request_context():
        acme = subscribe(demo.acme, "professional")  # main platform
        bistro = subscribe(demo.bistro, "professional")  # loyalty platform
        advance_clock(days=15)
        report = renew_due(platform_id=demo.loyalty.id)
        db.session.commit()
        assert [i.subscription_id for i in report.invoices] == [bistro.id]
        assert _invoices(acme.id) == []


def test_the_periodic_job_renews_and_is_declared(app, demo, subscribe):
    from webapp.modules.billing import jobs
    from webapp.modules.billing.definition import module

    with app.test_request_context():
        declared = [job.job for job in module.periodic_jobs]
        assert "jobs:renew_subscriptions" in declared
        subscription = subscribe(demo.acme, "professional")
        advance_clock(days=15)
        assert jobs.renew_subscriptions() == {"invoices": 1, "cancelled": 0, "downgraded": 0}
        db.session.commit()
        assert jobs.renew_subscriptions()["invoices"] == 0
        db.session.commit()
        count = db.session.scalar(select(func.count(Invoice.id)).where(Invoice.subscription_id == subscription.id))
        assert count == 1
