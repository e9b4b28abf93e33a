"""Demo customers of SPEC §7: shopper@example.com on acme and a varied crowd for segments. Idempotent."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

from webapp.extensions import db
from webapp.framework.auth.passwords import hash_password
from webapp.framework.ports import tenant_directory
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services
from webapp.modules.customers.models import Customer

# Documented, development-only demo password.
DEMO_PASSWORD = "orion-demo"  # noqa: S105  # nosec B105

# first name, last name, email, days since sign-up, orders, total spent, has a password
ACME = [
    ("Léa", "Muller", "lea.muller@example.com", 4, 0, "0", True),
    ("Tom", "Schmit", "tom.schmit@example.com", 9, 1, "48.90", False),
    ("Nora", "Weber", "nora.weber@example.com", 15, 1, "129.00", True),
    ("Luca", "Rossi", "luca.rossi@example.com", 22, 0, "0", False),
    ("Emma", "Hoffmann", "emma.hoffmann@example.com", 60, 2, "86.40", True),
    ("Paul", "Klein", "paul.klein@example.com", 95, 3, "214.75", True),
    ("Julie", "Martin", "julie.martin@example.com", 140, 4, "389.10", False),
    ("Max", "Wagner", "max.wagner@example.com", 200, 6, "742.30", True),
    ("Sofia", "Ferreira", "sofia.ferreira@example.com", 260, 9, "1268.00", True),
    ("Ben", "Thill", "ben.thill@example.com", 320, 1, "615.00", True),
    ("Clara", "Reuter", "clara.reuter@example.com", 45, 1, "35.00", False),
    ("Yann", "Kieffer", "yann.kieffer@example.com", 400, 12, "2150.45", True),
]
BISTRO = [
    ("Marc", "Hansen", "marc.hansen@example.com", 12, 1, "24.50", True),
    ("Anne", "Schroeder", "anne.schroeder@example.com", 70, 5, "162.00", True),
    ("Jeff", "Wirtz", "jeff.wirtz@example.com", 180, 14, "540.80", False),
]


def _shopper(store_id: int) -> Customer:
    customer = services.find_by_email(store_id, "shopper@example.com")
    if customer is not None:
        return customer
    customer = services.register_customer(store_id, "shopper@example.com", DEMO_PASSWORD, first_name="Sam",
                                          last_name="Schmitz", locale="en", accepts_marketing=True)
    services.add_address(store_id, customer.id, services.AddressData(
        full_name="Sam Schmitz", street="12 Rue du Marché-aux-Herbes", postal_code="L-1728", city="Luxembourg",
        country="LU", phone="+352 621 123 456", is_default=True))
    return customer


def _crowd(store_id: int, people: list[tuple], password_hash: str) -> int:
    now = datetime.now(UTC)
    added = 0
    for first, last, email, days, orders, spent, has_password in people:
        if services.find_by_email(store_id, email) is not None:
            continue
        created = now - timedelta(days=days)
        db.session.add(Customer(
            store_id=store_id, email=email, first_name=first, last_name=last, created_at=created,
            password_hash=password_hash if has_password else None, orders_count=orders, total_spent=Decimal(spent),
            last_order_at=created + timedelta(days=days // 2) if orders else None))
        added += 1
    db.session.flush()
    return added


def seed() -> list[str]:
    password_hash = hash_password(DEMO_PASSWORD)
    lines = []
    for code, people in (("acme", ACME), ("bistro", BISTRO)):
        store = tenant_directory().store(code)
        if store is None:
            lines.append(f"store {code} not found: no customers added")
            continue
        with store_scope(store.id):
            if code == "acme":
                _shopper(store.id)
            added = _crowd(store.id, people, password_hash)
        lines.append(f"{code}: {added} new customers")
    lines.append(f"storefront customer: shopper@example.com on acme (password {DEMO_PASSWORD})")
    return lines
