"""Gateway webhooks: verified, handled once per event, amounts checked before anything is paid."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.payments.exceptions import UnknownGateway, WebhookError
from webapp.modules.payments.models import Payment, Refund, WebhookDelivery
from webapp.modules.payments.services.gateways import GATEWAYS, WebhookEvent, gateway_for
from webapp.modules.payments.services.gateways.stripe_gateway import webhook_store_id
from webapp.modules.payments.services.payments import (
    PAID,
    publish_failed,
    publish_succeeded,
    record_refunded,
    transition,
)
from webapp.modules.payments.services.settings import find_settings

log = logging.getLogger(__name__)
# Which store an event is for, read from the body before verification (its secret verifies it).
STORE_OF_EVENT = {"stripe": webhook_store_id}


def handle_webhook(gateway_code: str, payload: bytes, headers: Mapping[str, str]) -> str:
    """Verify and apply one gateway event: "processed", "duplicate" (seen before) or "ignored".

    Raises UnknownGateway (no such gateway or no webhooks) and WebhookError (bad signature,
    stale timestamp, unreadable body, or a store without a webhook secret).
    """
    if gateway_code not in GATEWAYS or not GATEWAYS[gateway_code].supports_webhooks:
        raise UnknownGateway(f"no webhooks for gateway {gateway_code!r}")
    store_id = STORE_OF_EVENT[gateway_code](payload)
    # Cross-store entry point: the event names its store, and only that store's secret verifies it.
    with store_scope(store_id):
        settings = find_settings(store_id)
        event = gateway_for(gateway_code, settings).parse_webhook(payload, headers, settings)
        if event is None:
            return "ignored"  # a verified event type Orion does not use
        if event.store_id != store_id:
            raise WebhookError("the event names two stores")
        delivery = _claim(gateway_code, event)
        if delivery is None:
            return "duplicate"
        delivery.result = _apply(event)
        db.session.flush()
        return delivery.result


def _claim(gateway_code: str, event: WebhookEvent) -> WebhookDelivery | None:
    """Record the event as handled; None if it already was (redelivery, or a concurrent twin)."""
    delivery = WebhookDelivery(gateway=gateway_code, event_id=event.event_id, store_id=event.store_id)
    try:
        with db.session.begin_nested():
            db.session.add(delivery)
    except IntegrityError:
        return None
    return delivery


def _apply(event: WebhookEvent) -> str:
    payment = db.session.scalar(select(Payment).where(Payment.store_id == event.store_id,
                                                      Payment.reference == event.reference))
    if payment is None:
        log.warning("webhook %s: no payment with reference %s in store %s", event.event_id, event.reference,
                    event.store_id)
        return "ignored"
    if event.type == "payment.succeeded":
        return _succeeded(payment, event)
    if event.type == "payment.failed":
        if transition(payment, "failed", allowed=("pending",)):
            publish_failed(payment)
            return "processed"
        return "ignored"
    return _refunded(payment, event)


def _succeeded(payment: Payment, event: WebhookEvent) -> str:
    if (event.amount, event.currency) != (payment.amount, payment.currency):
        # Never mark paid what was not paid in full: the order stays unpaid for a human to check.
        log.error("webhook %s: payment %s expects %s %s but the gateway reports %s %s; left unpaid",
                  event.event_id, payment.id, payment.amount, payment.currency, event.amount, event.currency)
        return "ignored"
    if transition(payment, "succeeded", allowed=("pending", "failed")):
        publish_succeeded(payment)
        return "processed"
    return "ignored"  # already paid: through another event or at once when it was created


def _refunded(payment: Payment, event: WebhookEvent) -> str:
    """A refund made in the gateway's own dashboard: record the difference."""
    locked = db.session.scalar(select(Payment).where(Payment.id == payment.id).with_for_update()
                               .execution_options(populate_existing=True))
    total = min(event.amount, locked.amount)
    if locked.status not in PAID or event.currency != locked.currency or total <= locked.refunded_amount:
        return "ignored"  # nothing new (Orion's own refunds are recorded when made)
    db.session.add(Refund(store_id=locked.store_id, payment_id=locked.id, amount=total - locked.refunded_amount,
                          status="succeeded", reference=event.event_id, message=""))
    record_refunded(locked, total)
    db.session.flush()
    return "processed"
