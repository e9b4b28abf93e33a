"""The card a subscription is charged to: add or replace it (the gateway keeps the number, billing
keeps its reference and a label), remove it. A new card on a past-due or paused subscription pays
the open invoice at once; paid, everything resumes."""

from __future__ import annotations

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.modules.billing.models import Subscription
from webapp.modules.billing.services.collection import collect, gateway_code, open_invoice
from webapp.modules.billing.services.dunning import DUNNING_STATES, after_attempt
from webapp.modules.payments import services as payments

RETRY_STATES = (*DUNNING_STATES, "paused")


def set_payment_method(subscription: Subscription, card: payments.CardInput, *, actor_id: int | None,
                       store_id: int | None = None) -> str | None:
    """Keep `card` (raises payments.CardRefused, nothing changed) and, past due or paused, charge the
    open invoice with it. Returns that charge's outcome, or None when nothing was charged."""
    saved = payments.save_card(gateway_code(), card)
    # Locked until the commit: a double click or a retry job at the same moment cannot charge twice.
    db.session.refresh(subscription, with_for_update=True)
    before = {"payment_method": subscription.payment_method_label}
    subscription.payment_method_ref, subscription.payment_method_label = saved.reference, saved.label
    db.session.flush()
    audit("billing.payment_method.set", target_type="subscription", target_id=subscription.id, before=before,
          after={"payment_method": saved.label}, actor_id=actor_id, store_id=store_id,
          platform_id=subscription.platform_id)
    if subscription.state not in RETRY_STATES:
        return None
    invoice = open_invoice(subscription)
    if invoice is None:
        return None
    attempt = collect(invoice, subscription)
    after_attempt(subscription, invoice, attempt)
    if invoice.status == "paid":
        return "succeeded"
    return attempt.outcome if attempt else None


def remove_payment_method(subscription: Subscription, *, actor_id: int | None, store_id: int | None = None) -> bool:
    if not subscription.payment_method_ref:
        return False
    before = {"payment_method": subscription.payment_method_label}
    subscription.payment_method_ref, subscription.payment_method_label = None, ""
    db.session.flush()
    audit("billing.payment_method.removed", target_type="subscription", target_id=subscription.id, before=before,
          after={"payment_method": ""}, actor_id=actor_id, store_id=store_id, platform_id=subscription.platform_id)
    return True
