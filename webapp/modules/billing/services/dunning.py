"""Dunning: what an unpaid invoice does to a subscription, and paying it back to normal.

The first failed charge makes the subscription `past_due` and starts the platform's retry schedule
(`BillingSettings.retry_days`, default days 1, 3, 7 and 14 after that failure). A soft decline is
charged again on each of those days; a hard decline is not (the card will never work), but the
schedule still runs so the merchant is warned at each step and a new card can end it at once:

    active ──first failure──▶ past_due ──2nd retry fails──▶ restricted ──last retry fails──▶ paused
    paused ──30 days──▶ cancelled

What each state may do is `entitlements.py`'s (FULL_STATES / CLOSED_STATES). Pausing closes the
merchant's stores through tenancy (storefront 503, dashboard read only); a payment reopens them.
Every step is audited and emailed to the merchant's owner in their language. Each function is safe
to call again: a step is only taken when the subscription's dates say it is due.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from babel import UnknownLocaleError
from babel.numbers import format_currency
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.collection import collect, open_invoice
from webapp.modules.billing.services.entitlements import invalidate_after_commit
from webapp.modules.billing.services.invoicing import settings_for
from webapp.modules.messaging import services as messaging
from webapp.modules.tenancy import services as tenancy

DUNNING_STATES = ("past_due", "restricted")
PAUSED_DAYS_BEFORE_CANCEL = 30
RESTRICT_AFTER_RETRIES = 2
EMAILS = "billing/emails/"


def retry_days(platform_id: int) -> list[int]:
    days = settings_for(platform_id).retry_days
    return sorted(int(day) for day in (days if days else [1, 3, 7, 14]))


# --- outcomes of a charge -------------------------------------------------------------------------

def after_attempt(subscription: Subscription, invoice: Invoice, attempt: PaymentAttempt | None) -> None:
    """Apply a charge's outcome: paid → back to normal; a first failure → past due with a schedule."""
    if invoice.status == "paid":
        recover(subscription, invoice)
    elif attempt is not None and subscription.state not in (*DUNNING_STATES, "paused", "cancelled"):
        start_dunning(subscription, invoice, attempt)


def start_dunning(subscription: Subscription, invoice: Invoice, attempt: PaymentAttempt | None) -> None:
    now = clock.now()
    before = _snapshot(subscription)
    subscription.state = "past_due"
    subscription.past_due_since = now
    subscription.failed_attempts = 0
    subscription.next_retry_at = now + timedelta(days=retry_days(subscription.platform_id)[0])
    _changed(subscription, "billing.subscription.past_due", before, invoice=invoice, attempt=attempt)


def recover(subscription: Subscription, invoice: Invoice | None = None) -> None:
    """The open invoice is paid: the subscription is active again and paused stores reopen."""
    if subscription.state == "active" and subscription.past_due_since is None:
        return
    before = _snapshot(subscription)
    was_paused = subscription.state == "paused"
    subscription.state = "active"
    subscription.past_due_since = subscription.next_retry_at = subscription.paused_at = None
    subscription.failed_attempts = 0
    if was_paused:
        tenancy.resume_merchant_stores(subscription.merchant_id, subscription.platform_id)
    _changed(subscription, "billing.subscription.resumed" if was_paused else "billing.subscription.recovered",
             before, invoice=invoice)


def pause(subscription: Subscription, *, invoice: Invoice | None = None, reason: str = "unpaid") -> None:
    """Close the merchant's stores until a payment method pays the open invoice (nothing is deleted)."""
    if subscription.state in ("paused", "cancelled"):
        return
    before = _snapshot(subscription)
    subscription.state = "paused"
    subscription.paused_at = clock.now()
    subscription.next_retry_at = None
    tenancy.pause_merchant_stores(subscription.merchant_id, subscription.platform_id)
    _changed(subscription, "billing.subscription.paused", before, invoice=invoice, reason=reason)


# --- the scheduled steps ----------------------------------------------------------------------------

def collect_new(invoice_id: int) -> str | None:
    """First charge of an open invoice of an active subscription (once: later ones follow the schedule)."""
    invoice = db.session.get(Invoice, invoice_id)
    if invoice is None or invoice.subscription_id is None:
        return None
    subscription = db.session.get(Subscription, invoice.subscription_id, with_for_update=True)
    if subscription.state != "active" or invoice.status != "open" or db.session.scalar(
            select(PaymentAttempt.id).where(PaymentAttempt.invoice_id == invoice.id).limit(1)):
        return None
    attempt = collect(invoice, subscription)
    if attempt is None and invoice.status != "paid":  # no card on file: dunning starts without a charge
        start_dunning(subscription, invoice, None)
        return "no_payment_method"
    after_attempt(subscription, invoice, attempt)
    return "paid" if invoice.status == "paid" else attempt.outcome


def due_retries(now: datetime) -> list[int]:
    return list(db.session.scalars(select(Subscription.id).where(
        Subscription.state.in_(DUNNING_STATES), Subscription.next_retry_at.is_not(None),
        Subscription.next_retry_at <= now).order_by(Subscription.next_retry_at, Subscription.id)))


def run_retry(subscription_id: int) -> str | None:
    """Take the subscription's retry if it is due (catching up on missed ones, each at its own date);
    returns the last outcome, or None when nothing was due."""
    subscription = db.session.get(Subscription, subscription_id, with_for_update=True)  # one charger at a time
    outcome = None
    while (subscription is not None and subscription.state in DUNNING_STATES and subscription.next_retry_at
           and _aware(subscription.next_retry_at) <= clock.now()):
        outcome = _retry_once(subscription)
    return outcome


def _retry_once(subscription: Subscription) -> str:
    invoice = open_invoice(subscription)
    if invoice is None:  # paid some other way (an admin, a credit): nothing to chase
        recover(subscription)
        return "nothing_open"
    attempts = list(db.session.scalars(select(PaymentAttempt).where(PaymentAttempt.invoice_id == invoice.id)
                                       .order_by(PaymentAttempt.id.desc()).limit(1)))
    hard = bool(attempts) and attempts[0].outcome == "hard_decline"
    attempt = None if hard else collect(invoice, subscription)
    if invoice.status == "paid":
        recover(subscription, invoice)
        return "succeeded"
    schedule = retry_days(subscription.platform_id)
    subscription.failed_attempts += 1
    done = subscription.failed_attempts
    outcome = "skipped_hard_decline" if hard else (attempt.outcome if attempt else "no_payment_method")
    if done >= len(schedule):
        pause(subscription, invoice=invoice)
        return outcome
    subscription.next_retry_at = _aware(subscription.past_due_since) + timedelta(days=schedule[done])
    if done >= RESTRICT_AFTER_RETRIES and subscription.state == "past_due":
        before = _snapshot(subscription)
        subscription.state = "restricted"
        _changed(subscription, "billing.subscription.restricted", before, invoice=invoice, attempt=attempt)
    else:
        audit("billing.invoice.retry_failed", target_type="invoice", target_id=invoice.id,
              details={"retry": done, "outcome": outcome}, actor_id=None, platform_id=subscription.platform_id,
              store_id=None)
    db.session.flush()
    return outcome


def due_cancellations(now: datetime) -> list[int]:
    return list(db.session.scalars(select(Subscription.id).where(
        Subscription.state == "paused", Subscription.paused_at.is_not(None),
        Subscription.paused_at <= now - timedelta(days=PAUSED_DAYS_BEFORE_CANCEL)).order_by(Subscription.id)))


def cancel_paused(subscription_id: int) -> bool:
    """A subscription paused for 30 days ends (its stores stay closed, nothing is deleted)."""
    subscription = db.session.get(Subscription, subscription_id)
    if (subscription is None or subscription.state != "paused" or subscription.paused_at is None
            or _aware(subscription.paused_at) > clock.now() - timedelta(days=PAUSED_DAYS_BEFORE_CANCEL)):
        return False
    end_subscription(subscription, reason="unpaid")
    return True


def end_subscription(subscription: Subscription, *, reason: str) -> None:
    """The subscription is over: its stores stay closed (paused), nothing is deleted."""
    before = _snapshot(subscription)
    subscription.state = "cancelled"
    subscription.cancelled_at = clock.now()
    subscription.cancel_reason = subscription.cancel_reason or reason
    subscription.next_retry_at = None
    tenancy.pause_merchant_stores(subscription.merchant_id, subscription.platform_id)
    _changed(subscription, "billing.subscription.cancelled", before, invoice=open_invoice(subscription),
             reason=reason)


# --- helpers ---------------------------------------------------------------------------------------

def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes; everything billing stores is UTC.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _snapshot(subscription: Subscription) -> dict:
    return {"state": subscription.state, "failed_attempts": subscription.failed_attempts}


def _changed(subscription: Subscription, action: str, before: dict, *, invoice: Invoice | None = None,
             attempt: PaymentAttempt | None = None, reason: str = "") -> None:
    db.session.flush()
    invalidate_after_commit()
    details = {"invoice_id": invoice.id if invoice else None, "outcome": attempt.outcome if attempt else None}
    if reason:
        details["reason"] = reason
    audit(action, target_type="subscription", target_id=subscription.id, before=before,
          after=_snapshot(subscription), details=details, actor_id=None, store_id=None,
          platform_id=subscription.platform_id)
    notify(subscription, subscription.state if action != "billing.subscription.recovered" else "recovered",
           invoice, reason=reason)


def notify(subscription: Subscription, step: str, invoice: Invoice | None, *, reason: str = "") -> bool:
    """Email the merchant's owner about `step` (past_due, restricted, paused, cancelled, active, recovered)."""
    template = {"past_due": "past_due", "restricted": "restricted", "paused": "paused", "cancelled": "cancelled",
                "active": "resumed", "recovered": "recovered"}.get(step)
    contact = tenancy.merchant_contact(subscription.merchant_id, subscription.platform_id)
    if template is None or contact is None:
        return False
    context = {"name": contact.name, "store_name": contact.first_store_name, "tier": subscription.tier.name,
               "invoice_number": invoice.number if invoice else "",
               "amount": _amount(invoice.total_cents, invoice.currency, contact.locale) if invoice else "",
               "next_retry": subscription.next_retry_at.date().isoformat() if subscription.next_retry_at else "",
               "cancel_days": PAUSED_DAYS_BEFORE_CANCEL, "reason": reason}
    messaging.send_email(None, EMAILS + template, contact.email, context, locale=contact.locale,
                         platform_id=subscription.platform_id)
    return True


def _amount(cents: int, currency: str, locale: str) -> str:
    try:
        return format_currency(Decimal(cents) / 100, currency, locale=locale)
    except (ValueError, UnknownLocaleError):
        return format_currency(Decimal(cents) / 100, currency, locale="en")
