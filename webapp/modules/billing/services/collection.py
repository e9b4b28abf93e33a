"""Collecting a platform invoice: one charge of its total to the subscription's saved card.

The platform's gateway is configuration (`BILLING_GATEWAY`: "test" in development and tests,
"stripe" in production), not a store's payment settings; the card is the subscription's
`payment_method_ref`. Every try is a `PaymentAttempt` (succeeded, soft_decline or hard_decline);
what a failure means for the subscription is `dunning.py`'s business. Which test cards decline
softly or hard: `webapp/modules/payments/services/platform.py`.
"""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice, PaymentAttempt, Subscription
from webapp.modules.billing.services import clock
from webapp.modules.payments import services as payments


def gateway_code() -> str:
    """The platform's gateway: `BILLING_GATEWAY`, else Stripe in production and the test gateway elsewhere."""
    configured = current_app.config.get("BILLING_GATEWAY")
    if configured:
        return configured
    return "stripe" if current_app.config["ORION_ENV"] == "production" else "test"


def open_invoice(subscription: Subscription) -> Invoice | None:
    """The oldest unpaid invoice of the subscription (what dunning collects), or None."""
    return db.session.scalar(select(Invoice).where(Invoice.subscription_id == subscription.id,
                                                   Invoice.kind == "invoice", Invoice.status == "open")
                             .order_by(Invoice.issued_at, Invoice.id).limit(1))


def attempts_of(invoice_id: int) -> list[PaymentAttempt]:
    return list(db.session.scalars(select(PaymentAttempt).where(PaymentAttempt.invoice_id == invoice_id)
                                   .order_by(PaymentAttempt.attempted_at, PaymentAttempt.id)))


def collect(invoice: Invoice, subscription: Subscription) -> PaymentAttempt | None:
    """Charge the open invoice's total to the subscription's card. None when nothing was tried (paid or
    void already, or no card on file); a zero invoice is paid without a charge."""
    if invoice.status != "open":
        return None
    now = clock.now()
    if invoice.total_cents <= 0:
        invoice.status, invoice.paid_at = "paid", now
        db.session.flush()
        return None
    if not subscription.payment_method_ref:
        return None
    previous = db.session.scalar(select(func.count(PaymentAttempt.id)).where(
        PaymentAttempt.invoice_id == invoice.id)) or 0
    result = payments.charge_saved_card(
        gateway_code(), subscription.payment_method_ref, amount_cents=invoice.total_cents, currency=invoice.currency,
        idempotency_key=f"orion-invoice-{invoice.id}-{previous + 1}", description=f"Invoice {invoice.number}",
        previous_attempts=previous, secret_key=current_app.config.get("BILLING_STRIPE_SECRET_KEY") or "")
    attempt = PaymentAttempt(invoice_id=invoice.id, attempted_at=now, outcome=result.outcome,
                             gateway_reference=result.reference or "", message=result.message)
    db.session.add(attempt)
    if result.outcome == "succeeded":
        invoice.status, invoice.paid_at = "paid", now
    db.session.flush()
    return attempt


def uncollected_invoices() -> list[int]:
    """Open invoices of active subscriptions never charged yet (a renewal's, an upgrade's): collect them."""
    tried = select(PaymentAttempt.id).where(PaymentAttempt.invoice_id == Invoice.id).exists()
    return list(db.session.scalars(select(Invoice.id).join(Subscription, Invoice.subscription_id == Subscription.id)
                                   .where(Invoice.status == "open", Invoice.kind == "invoice",
                                          Subscription.state == "active", ~tried)
                                   .order_by(Invoice.issued_at, Invoice.id)))
