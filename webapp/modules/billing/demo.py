"""Demo data of billing: four tiers on each platform, `acme` on Professional with its last three monthly
invoices paid, `bistro` on a trial."""

from __future__ import annotations

import calendar
from datetime import timedelta

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.modules.billing.models import BillingSettings, Invoice, Subscription, Tier
from webapp.modules.billing.services import (
    TierValues,
    add_interval,
    create_tier,
    invoice_language,
    issue_invoice,
    now,
    renewal_key,
    renewal_line,
    start_trial,
)


def _limits(products, seats, stores, orders, storage, languages, policy="block") -> dict:
    values = {"products": products, "staff_seats": seats, "stores": stores, "orders_per_month": orders,
              "storage_mb": storage, "languages": languages}
    return {name: {"value": value, "policy": "warn" if name == "orders_per_month" else policy}
            for name, value in values.items()}


PROFESSIONAL_FEATURES = ("catalog.collections", "catalog.bulk_actions", "inventory.low_stock_alerts",
                         "loyalty.stamps")
BUSINESS_FEATURES = (*PROFESSIONAL_FEATURES, "inventory.multi_location", "marketplace.import", "marketplace.feeds",
                     "analytics.advanced", "loyalty.points")
ENTERPRISE_FEATURES = (*BUSINESS_FEATURES, "analytics.export")
TIERS = (
    TierValues("essential", "Essential", 2900, 29000, trial_days=14, position=1,
               description="For a first shop: the catalogue, checkout and orders.",
               limits=_limits(100, 2, 1, 300, 500, 2)),
    TierValues("professional", "Professional", 7900, 79000, trial_days=14, position=2,
               description="Collections, bulk editing and stock alerts for a growing shop.",
               limits=_limits(1000, 5, 2, 2000, 5000, 4), features=PROFESSIONAL_FEATURES),
    TierValues("business", "Business", 19900, 199000, trial_days=14, position=3,
               description="Several locations, marketplaces and advanced reports.",
               limits=_limits(10000, 15, 5, 10000, 20000, 6), features=BUSINESS_FEATURES),
    TierValues("enterprise", "Enterprise", 49900, 499000, trial_days=30, position=4,
               description="No limits, every feature, and exports of everything.",
               limits={}, features=ENTERPRISE_FEATURES),
)
SELLERS = {"main": {"legal_name": "Orion Commerce S.A.", "vat_number": "LU10000356", "street": "12 rue de la Gare",
                    "postal_code": "1611", "city": "Luxembourg", "country": "LU"},
           "loyalty": {"legal_name": "Orion Loyalty S.à r.l.", "vat_number": "LU20000478",
                       "street": "3 place d'Armes", "postal_code": "1136", "city": "Luxembourg", "country": "LU"}}


def seed() -> list[str]:
    lines = []
    directory = tenant_directory()
    for platform in filter(None, (directory.platform(code) for code in SELLERS)):
        if db.session.get(BillingSettings, platform.id) is None:
            db.session.add(BillingSettings(platform_id=platform.id, vat_rate=17, **SELLERS[platform.code]))
        if not db.session.scalar(select(Tier.id).where(Tier.platform_id == platform.id)):
            for values in TIERS:
                create_tier(platform.id, values)
            lines.append(f"billing: tiers Essential, Professional, Business, Enterprise on {platform.code}")
    db.session.flush()
    acme = directory.store("acme")
    if acme is not None and _professional_paid(acme):
        lines.append("billing: acme on Professional (paid monthly)")
    if acme is not None and _past_invoices(acme):
        lines.append("billing: acme's invoices of the last three months, paid")
    bistro = directory.store("bistro")
    if bistro is not None:
        tier = _tier(bistro.platform_id, "professional")
        if start_trial(bistro.merchant_id, bistro.platform_id, tier_id=tier.id) is not None:
            lines.append("billing: bistro on a Professional trial")
    return lines


def _tier(platform_id: int, code: str) -> Tier:
    return db.session.scalar(select(Tier).where(Tier.platform_id == platform_id, Tier.code == code))


def _professional_paid(store) -> bool:
    exists = db.session.scalar(select(Subscription.id).where(Subscription.merchant_id == store.merchant_id,
                                                             Subscription.platform_id == store.platform_id))
    if exists:
        return False
    start = now() - timedelta(days=10)
    db.session.add(Subscription(merchant_id=store.merchant_id, platform_id=store.platform_id,
                                tier_id=_tier(store.platform_id, "professional").id, interval="month", state="active",
                                current_period_start=start, current_period_end=add_interval(start, "month"),
                                payment_method_ref="test_card_4242", payment_method_label="Visa •••• 4242"))
    db.session.flush()
    return True


PAST_PERIODS = 3


def _past_invoices(store) -> int:
    """acme's invoices of its current period and the two before, paid on their day; once each."""
    subscription = db.session.scalar(select(Subscription).where(Subscription.merchant_id == store.merchant_id,
                                                                Subscription.platform_id == store.platform_id))
    if subscription is None or subscription.state != "active":
        return 0
    starts = [subscription.current_period_start]
    for _period in range(PAST_PERIODS - 1):
        starts.insert(0, _month_before(starts[0]))
    issued = 0
    for start in starts:
        key = renewal_key(subscription.id, start)
        if db.session.scalar(select(Invoice.id).where(Invoice.idempotency_key == key)):
            continue
        end = add_interval(start, subscription.interval)
        language = invoice_language(subscription)
        invoice = issue_invoice(store.platform_id, store.merchant_id,
                                [renewal_line(subscription.tier, subscription.interval, start, end, language)],
                                key=key, currency=subscription.tier.currency, subscription_id=subscription.id,
                                period=(start.date(), end.date()), language=language)
        invoice.issued_at, invoice.due_at = start, start + timedelta(days=14)
        invoice.status, invoice.paid_at = "paid", start + timedelta(minutes=5)
        issued += 1
    db.session.flush()
    return issued


def _month_before(moment):
    month_index = moment.month - 2
    year, month = moment.year + month_index // 12, month_index % 12 + 1
    day = min(moment.day, calendar.monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)
