"""Starting payments, marking manual ones paid, refunds, and reading payments."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework.events import publish
from webapp.modules.contracts.events import PaymentFailed, PaymentSucceeded
from webapp.modules.payments.exceptions import GatewayNotEnabled, PaymentError, PaymentNotFound, RefundError
from webapp.modules.payments.models import Payment, Refund, utcnow
from webapp.modules.payments.services.gateways import CardInput, PaymentRequest, gateway_for
from webapp.modules.payments.services.settings import current_settings, usable_gateways

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("9999999999.99")  # Numeric(12, 2)
PER_PAGE = 25
PAID = ("succeeded", "partially_refunded")
# Gateway answer → payment status. "requires_retry" is a failed attempt: trying again takes a new
# idempotency key (a new payment). Anything else waits for a webhook or the merchant.
OUTCOMES = {"succeeded": "succeeded", "failed": "failed", "requires_retry": "failed"}


def _amount(value, error=PaymentError) -> Decimal:
    try:
        amount = Decimal(str(value)).quantize(CENT)
    except (InvalidOperation, ValueError) as exc:
        raise error(f"invalid amount {value!r}") from exc
    if not amount.is_finite() or amount <= 0 or amount > MAX_AMOUNT:
        raise error(f"the amount must be positive, not {value!r}")
    return amount


def _currency(value: str) -> str:
    currency = (value or "").strip().upper()
    if len(currency) != 3 or not currency.isascii() or not currency.isalpha():
        raise PaymentError(f"invalid currency {value!r}")
    return currency


def _idempotency_key(value: str) -> str:
    key = (value or "").strip()
    if not 1 <= len(key) <= 100 or not key.isprintable():
        raise PaymentError("an idempotency key of 1 to 100 printable characters is required")
    return key


def payment_by_key(store_id: int, idempotency_key: str) -> Payment | None:
    return db.session.scalar(select(Payment).where(Payment.store_id == store_id,
                                                   Payment.idempotency_key == idempotency_key))


def get_payment(store_id: int, payment_id: int) -> Payment | None:
    """One of the store's payments; another store's id is simply not found."""
    return db.session.scalar(select(Payment).where(Payment.store_id == store_id, Payment.id == payment_id))


def payments_for_order(store_id: int, order_id: int) -> list[Payment]:
    """Every payment attempt for an order, oldest first."""
    return list(db.session.scalars(select(Payment).where(Payment.store_id == store_id, Payment.order_id == order_id)
                                   .order_by(Payment.created_at, Payment.id)))


def store_payments(store_id: int, *, page: int = 1):
    """One page of the store's payments, newest first."""
    query = (select(Payment).where(Payment.store_id == store_id)
             .order_by(Payment.created_at.desc(), Payment.id.desc()))
    return db.paginate(query, page=page, per_page=PER_PAGE, error_out=False)


def publish_succeeded(payment: Payment) -> None:
    publish(PaymentSucceeded(platform_id=payment.platform_id, store_id=payment.store_id, payment_id=payment.id,
                             order_id=payment.order_id, amount=str(payment.amount), currency=payment.currency))


def publish_failed(payment: Payment) -> None:
    publish(PaymentFailed(platform_id=payment.platform_id, store_id=payment.store_id, payment_id=payment.id,
                          order_id=payment.order_id))


def transition(payment: Payment, status: str, *, allowed: tuple[str, ...]) -> bool:
    """Move `payment` to `status` only if it is still in one of `allowed`; True if this call did.

    One conditional UPDATE: of concurrent callers (webhook redeliveries, double clicks) exactly one wins.
    """
    result = db.session.execute(
        update(Payment).where(Payment.id == payment.id, Payment.store_id == payment.store_id,
                              Payment.status.in_(allowed))
        .values(status=status, updated_at=utcnow()).execution_options(synchronize_session=False))
    db.session.refresh(payment)
    return result.rowcount == 1


def _insert_once(payment: Payment) -> Payment | None:
    """Insert `payment`, or return None if a payment with its idempotency key exists (a race lost)."""
    try:
        with db.session.begin_nested():
            db.session.add(payment)
    except IntegrityError:
        return None
    return payment


def start_payment(store_id: int, *, platform_id: int, order_id: int, amount, currency: str, gateway: str,
                  idempotency_key: str, card: CardInput | None = None, description: str = "") -> Payment:
    """Charge `amount` through `gateway` once per idempotency key; the same key returns the same payment.

    Publishes PaymentSucceeded or PaymentFailed once when the gateway answers at once; a pending
    payment (manual, Stripe) is settled later by `mark_manual_paid` or a webhook.
    """
    amount, currency, key = _amount(amount), _currency(currency), _idempotency_key(idempotency_key)
    existing = payment_by_key(store_id, key)
    if existing is not None:
        return existing
    settings = current_settings(store_id)
    if gateway not in usable_gateways(settings):
        raise GatewayNotEnabled(f"payment method {gateway!r} is not enabled in this store")
    previous = db.session.scalar(select(func.count(Payment.id)).where(Payment.store_id == store_id,
                                                                     Payment.order_id == order_id))
    payment = _insert_once(Payment(store_id=store_id, platform_id=platform_id, order_id=order_id, gateway=gateway,
                                   amount=amount, currency=currency, status="pending", idempotency_key=key,
                                   refunded_amount=Decimal("0.00"), message="",
                                   card_last4=card.last4 if card else None))
    if payment is None:
        return payment_by_key(store_id, key)
    result = gateway_for(gateway, settings).create_payment(PaymentRequest(
        store_id=store_id, order_id=order_id, amount=amount, currency=currency, idempotency_key=key, card=card,
        description=description, previous_attempts=previous))
    payment.reference, payment.message = result.reference, result.message[:255]
    payment.client_secret = result.client_secret
    payment.status = OUTCOMES.get(result.status, "pending")
    db.session.flush()
    if payment.status == "succeeded":
        publish_succeeded(payment)
    elif payment.status == "failed":
        publish_failed(payment)
    return payment


def mark_manual_paid(store_id: int, payment_id: int, *, platform_id: int) -> Payment:
    """The merchant received a bank transfer or cash: a pending manual payment becomes paid, once."""
    payment = get_payment(store_id, payment_id)
    if payment is None or payment.platform_id != platform_id:
        raise PaymentNotFound(f"no payment {payment_id} in this store")
    if payment.gateway != "manual":
        raise PaymentError("only manual payments are marked paid by hand")
    if not transition(payment, "succeeded", allowed=("pending",)):
        raise PaymentError("the payment is not pending any more")
    publish_succeeded(payment)
    return payment


def _locked_payment(store_id: int, payment_id: int) -> Payment | None:
    # The row lock serialises concurrent refunds of one payment: none can exceed what is left.
    return db.session.scalar(select(Payment).where(Payment.store_id == store_id, Payment.id == payment_id)
                             .with_for_update().execution_options(populate_existing=True))


def refund(store_id: int, payment_id: int, amount, *, platform_id: int) -> Refund:
    """Refund part or all of a paid payment through its gateway; 0 < amount ≤ what is left to refund.

    A refund the gateway refuses is recorded as failed and changes no amounts.
    """
    payment = _locked_payment(store_id, payment_id)
    if payment is None or payment.platform_id != platform_id:
        raise PaymentNotFound(f"no payment {payment_id} in this store")
    if payment.status not in PAID:
        raise RefundError("only paid payments can be refunded")
    amount = _amount(amount, RefundError)
    if amount > payment.refundable_amount:
        raise RefundError(f"at most {payment.refundable_amount} can still be refunded")
    result = gateway_for(payment.gateway, current_settings(store_id)).refund(payment, amount)
    record = Refund(store_id=store_id, payment_id=payment.id, amount=amount, status=result.status,
                    reference=result.reference, message=result.message[:255])
    db.session.add(record)
    if result.status != "failed":
        record_refunded(payment, payment.refunded_amount + amount)
    db.session.flush()
    return record


def record_refunded(payment: Payment, total: Decimal) -> None:
    """Set the total refunded so far and the status that follows from it."""
    payment.refunded_amount = min(total, payment.amount)
    payment.status = "refunded" if payment.refunded_amount >= payment.amount else "partially_refunded"
