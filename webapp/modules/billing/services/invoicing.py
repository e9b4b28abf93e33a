"""Issuing platform invoices: gapless numbers per platform and year, VAT, frozen lines.

An invoice is issued once per `key` (re-running the job that asked returns the same invoice). Its
number is taken from the platform's counter row for the year, locked until the transaction ends, so
concurrent issuers get consecutive numbers and a rolled-back invoice gives its number back.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite

from webapp.extensions import db
from webapp.modules.billing.models import BillingSettings, Invoice, InvoiceCounter, InvoiceLine
from webapp.modules.billing.services import clock
from webapp.modules.billing.services.vat import VatDecision, decide, vat_cents
from webapp.modules.tenancy import services as tenancy


@dataclass(frozen=True)
class LineDraft:
    description: str
    unit_price_cents: int
    amount_cents: int
    tier_id: int | None = None
    days: int | None = None
    period_days: int | None = None


def prorated(price_cents: int, days: int, period_days: int) -> int:
    """`days`/`period_days` of a price, rounded half up to the cent."""
    share = Decimal(price_cents) * Decimal(days) / Decimal(period_days)
    return int(share.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def settings_for(platform_id: int) -> BillingSettings:
    settings = db.session.get(BillingSettings, platform_id)
    if settings is None:
        settings = BillingSettings(platform_id=platform_id)
        db.session.add(settings)
        db.session.flush()
    return settings


def vat_for(platform_id: int, merchant_id: int, *, at: datetime) -> VatDecision:
    """How VAT applies to what the platform invoices this merchant at `at`."""
    settings = settings_for(platform_id)
    buyer = tenancy.business_details(merchant_id)
    return decide(settings.country, settings.vat_rate, buyer.country, buyer.vat_number, at=at)


def totals(lines: list[LineDraft], decision: VatDecision) -> tuple[int, int]:
    """(subtotal, VAT) in cents: what an invoice of `lines` will say, to the cent."""
    subtotal = sum(line.amount_cents for line in lines)
    return subtotal, vat_cents(subtotal, decision.rate)


def next_number(platform_id: int, year: int) -> str:
    """The next invoice number of the platform for `year`, e.g. "2026-000042" (locks the counter row)."""
    dialect = db.session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    db.session.execute(insert(InvoiceCounter).values(platform_id=platform_id, year=year, last_number=0)
                       .on_conflict_do_nothing(index_elements=["platform_id", "year"]))
    counter = db.session.scalar(select(InvoiceCounter).where(
        InvoiceCounter.platform_id == platform_id, InvoiceCounter.year == year).with_for_update())
    counter.last_number += 1
    db.session.flush()
    return f"{year}-{counter.last_number:06d}"


def issue_invoice(platform_id: int, merchant_id: int, lines: list[LineDraft], *, key: str, currency: str = "EUR",
                  subscription_id: int | None = None, kind: str = "invoice", credited_invoice_id: int | None = None,
                  period: tuple[date, date] | None = None, language: str = "en") -> Invoice:
    """Issue (once per `key`) an invoice or credit note of `lines` to the merchant, VAT decided now."""
    existing = db.session.scalar(select(Invoice).where(Invoice.idempotency_key == key))
    if existing is not None:
        return existing
    now = clock.now()
    settings = settings_for(platform_id)
    buyer = tenancy.business_details(merchant_id)
    decision = vat_for(platform_id, merchant_id, at=now)
    subtotal, vat = totals(lines, decision)
    invoice = Invoice(
        platform_id=platform_id, merchant_id=merchant_id, subscription_id=subscription_id, idempotency_key=key,
        kind=kind, credited_invoice_id=credited_invoice_id, number=next_number(platform_id, now.year),
        status="open", currency=currency, period_start=period[0] if period else None,
        period_end=period[1] if period else None, issued_at=now,
        due_at=now + timedelta(days=settings.payment_terms_days), subtotal_cents=subtotal,
        vat_rate=decision.rate, vat_cents=vat, total_cents=subtotal + vat, vat_treatment=decision.treatment,
        vies_valid=decision.vies.valid if decision.vies else None,
        vies_checked_at=decision.vies.checked_at if decision.vies else None,
        vies_reference=decision.vies.reference if decision.vies else "",
        seller=_seller(settings), buyer=asdict(buyer), language=language)
    invoice.lines = [InvoiceLine(position=index, **asdict(line)) for index, line in enumerate(lines)]
    db.session.add(invoice)
    db.session.flush()
    return invoice


def _seller(settings: BillingSettings) -> dict:
    return {"legal_name": settings.legal_name, "vat_number": settings.vat_number, "street": settings.street,
            "postal_code": settings.postal_code, "city": settings.city, "country": settings.country}
