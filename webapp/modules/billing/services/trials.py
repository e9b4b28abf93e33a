"""The end of a trial: the first invoice and its charge, or a pause when there is no card.

A trial that ends with a payment method on file becomes a paid `active` subscription whose first
period starts at the trial's end; its invoice (key `trial-end:<subscription id>`, so a re-run
issues nothing twice) is charged at once and a failure starts dunning. Without a payment method the
invoice is issued all the same and the subscription is **paused**: the stores close until a card is
added, which pays that invoice and reopens them. A trial cancelled before its end just ends (cancelled,
stores closed, nothing invoiced).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.modules.billing.models import Invoice, Subscription
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.collection import collect
from webapp.modules.billing.services.dunning import _aware, after_attempt, end_subscription, pause
from webapp.modules.billing.services.entitlements import invalidate_after_commit
from webapp.modules.billing.services.invoicing import LineDraft, issue_invoice
from webapp.modules.billing.services.subscriptions import add_interval
from webapp.modules.tenancy import services as tenancy


def due_trials(now: datetime) -> list[int]:
    return list(db.session.scalars(select(Subscription.id).where(
        Subscription.state == "trialing", Subscription.trial_ends_at.is_not(None),
        Subscription.trial_ends_at <= now).order_by(Subscription.trial_ends_at, Subscription.id)))


def end_trial(subscription_id: int) -> str | None:
    """End the subscription's trial if it is due: "paid", "past_due", "paused"; None when not due."""
    subscription = db.session.get(Subscription, subscription_id, with_for_update=True)  # one run at a time
    if (subscription is None or subscription.state != "trialing" or subscription.trial_ends_at is None
            or _aware(subscription.trial_ends_at) > clock.now()):
        return None
    if subscription.cancel_at_period_end:  # cancelled during the trial: it ends, nothing is invoiced
        end_subscription(subscription, reason="cancelled_during_trial")
        return "cancelled"
    if subscription.scheduled_tier_id:  # a downgrade chosen during the trial takes effect now
        subscription.tier_id, subscription.scheduled_tier_id = subscription.scheduled_tier_id, None
        db.session.flush()
        db.session.refresh(subscription)
    start = _aware(subscription.trial_ends_at)
    end = add_interval(start, subscription.interval)
    subscription.state = "active"
    subscription.current_period_start, subscription.current_period_end = start, end
    invalidate_after_commit()
    invoice = first_invoice(subscription, start, end)
    audit("billing.trial.ended", target_type="subscription", target_id=subscription.id,
          before={"state": "trialing"}, after={"state": "active"},
          details={"invoice_id": invoice.id, "payment_method": bool(subscription.payment_method_ref)},
          actor_id=None, store_id=None, platform_id=subscription.platform_id)
    if not subscription.payment_method_ref and invoice.total_cents > 0:
        pause(subscription, invoice=invoice, reason="trial_ended_without_payment_method")
        return "paused"
    attempt = collect(invoice, subscription)
    after_attempt(subscription, invoice, attempt)
    return "paid" if invoice.status == "paid" else subscription.state


def first_invoice(subscription: Subscription, start: datetime, end: datetime) -> Invoice:
    tier = subscription.tier
    price = tier.price_cents(subscription.interval)
    contact = tenancy.merchant_contact(subscription.merchant_id, subscription.platform_id)
    line = LineDraft(description=f"{tier.name} ({start.date().isoformat()} to {end.date().isoformat()})",
                     unit_price_cents=price, amount_cents=price, tier_id=tier.id)
    return issue_invoice(subscription.platform_id, subscription.merchant_id, [line],
                         key=f"trial-end:{subscription.id}", currency=tier.currency, subscription_id=subscription.id,
                         period=(start.date(), end.date()), language=contact.locale if contact else "en")
