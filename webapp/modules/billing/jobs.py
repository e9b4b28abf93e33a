"""RQ entry points of billing (the runner commits), and the `flask billing` commands."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.extensions import db
from webapp.modules.billing import services


def renew_subscriptions() -> dict[str, int]:
    """Periodic: invoice the next period of every subscription whose period has ended; safe to re-run."""
    report = services.renew_due()
    return {"invoices": len(report.invoices), "cancelled": len(report.cancelled),
            "downgraded": len(report.downgraded)}


# --- trial ends, first charges, payment retries, pause → cancel ----------------------------------------
# Each finds what is due by billing's clock and takes each step once: re-running a day does nothing
# twice (a trial ends once, a retry moves `next_retry_at` on, a cancelled subscription is not paused).
# One commit per subscription: a charge made at the gateway is recorded even if a later one fails.


def end_due_trials() -> int:
    """End every trial whose end has come (first invoice and charge, or pause); returns how many."""
    from webapp.modules.billing.services import clock, trials

    done = 0
    for subscription_id in trials.due_trials(clock.now()):
        if trials.end_trial(subscription_id) is not None:
            done += 1
        db.session.commit()
    return done


def collect_new_invoices() -> int:
    """Charge every open invoice of an active subscription not charged yet (renewals, upgrades)."""
    from webapp.modules.billing.services import collection, dunning

    done = 0
    for invoice_id in collection.uncollected_invoices():
        if dunning.collect_new(invoice_id) is not None:
            done += 1
        db.session.commit()
    return done


def retry_due_payments() -> int:
    """Charge again every past-due invoice whose retry day has come; returns how many subscriptions."""
    from webapp.modules.billing.services import clock, dunning

    done = 0
    for subscription_id in dunning.due_retries(clock.now()):
        if dunning.run_retry(subscription_id) is not None:
            done += 1
        db.session.commit()
    return done


def cancel_long_paused() -> int:
    """Cancel subscriptions paused for 30 days; returns how many."""
    from webapp.modules.billing.services import clock, dunning

    done = 0
    for subscription_id in dunning.due_cancellations(clock.now()):
        done += dunning.cancel_paused(subscription_id)
        db.session.commit()
    return done


def run_dunning_day() -> dict[str, int]:
    """The four steps above, in order."""
    return {"trials_ended": end_due_trials(), "collected": collect_new_invoices(), "retries": retry_due_payments(),
            "cancelled": cancel_long_paused()}


def run_billing_day() -> dict[str, int]:
    """Every billing job, in order (what the test clock runs after moving): trial ends, then renewals,
    so the invoices they issue are charged in the same pass."""
    trials_ended = end_due_trials()
    renewed = renew_subscriptions()
    db.session.commit()
    return {"trials_ended": trials_ended, "renewal_invoices": renewed["invoices"], "collected": collect_new_invoices(),
            "retries": retry_due_payments(), "cancelled": cancel_long_paused()}


billing_cli = AppGroup("billing", help="Billing tools (development).")


@billing_cli.command("advance-clock")
@click.option("--days", type=click.IntRange(min=0), required=True, help="How many days to move forward.")
def advance_clock_command(days: int):
    """Move billing's clock forward (development only) and run the billing jobs that became due."""
    from webapp.modules.billing.exceptions import ClockLocked
    from webapp.modules.billing.services import clock

    if current_app.config["ORION_ENV"] == "production":
        raise click.ClickException("the billing clock is real time in production")
    try:
        moved = clock.advance(days=days)
    except ClockLocked as error:
        raise click.ClickException(str(error)) from error
    db.session.commit()
    click.echo(f"Billing clock: {moved.isoformat(timespec='seconds')}")
    for name, count in run_billing_day().items():
        click.echo(f"{name}: {count}")
# --- end of trial ends, first charges, payment retries, pause → cancel ---------------------------------
