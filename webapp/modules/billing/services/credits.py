"""Credits an admin grants a merchant: a credit note with one negative line, tied to the subscription."""

from __future__ import annotations

import uuid

from webapp.modules.billing.exceptions import ChangeRefused
from webapp.modules.billing.models import Invoice
from webapp.modules.billing.services.invoicing import LineDraft, issue_invoice
from webapp.modules.billing.services.subscriptions import get_subscription
from webapp.modules.billing.services.tiers import MAX_PRICE_CENTS


def issue_credit(subscription_id: int, amount_cents: int, reason: str, *, key: str | None = None,
                 language: str = "en") -> Invoice:
    """A credit note of `amount_cents` (positive; the line is negative) with `reason` as its line.

    `key` makes a resubmitted form issue it once; without one every call is a new credit note.
    """
    subscription = get_subscription(subscription_id)
    reason = " ".join((reason or "").split())
    if not reason or len(reason) > 300:
        raise ChangeRefused("reason")
    if not isinstance(amount_cents, int) or not 0 < amount_cents <= MAX_PRICE_CENTS:
        raise ChangeRefused("amount")
    line = LineDraft(reason, -amount_cents, -amount_cents)
    return issue_invoice(subscription.platform_id, subscription.merchant_id, [line],
                         key=f"credit:{subscription.id}:{key or uuid.uuid4().hex}", currency=subscription.tier.currency,
                         subscription_id=subscription.id, kind="credit_note", language=language)
