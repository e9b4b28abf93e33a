"""Customer accounts: registration, guests, sign-in check, profile, passwords, data export and deletion."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db
from webapp.framework.auth.passwords import hash_password, needs_rehash, password_problem, verify_password
from webapp.modules.customers.exceptions import CustomerNotFound, DuplicateEmail, WeakPassword, WrongPassword
from webapp.modules.customers.models import Customer


@dataclass(frozen=True)
class Profile:
    """What a shopper (or the merchant) may change about a customer."""

    first_name: str
    last_name: str
    phone: str = ""
    accepts_marketing: bool = False
    locale: str | None = None
    email: str | None = None  # None: unchanged


@cache
def _dummy_hash() -> str:
    # Verifying against a real hash for unknown emails keeps response times alike.
    return hash_password("orion-timing-equaliser")


def normalise_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(store_id: int, email: str) -> Customer | None:
    """The store's customer with this email (any case), guests included."""
    return db.session.scalar(select(Customer).where(Customer.store_id == store_id,
                                                    Customer.email == normalise_email(email)))


def _checked_hash(password: str) -> str:
    problem = password_problem(password)
    if problem:
        raise WeakPassword(problem)
    return hash_password(password)


def get_customer(store_id: int, customer_id: int) -> Customer | None:
    """The customer `customer_id` if it belongs to store `store_id`."""
    customer = db.session.get(Customer, customer_id)
    return customer if customer is not None and customer.store_id == store_id else None


def register_customer(store_id: int, email: str, password: str, *, first_name: str, last_name: str,
                      locale: str | None = None, accepts_marketing: bool = False) -> Customer:
    """Create an account with a password; emails are unique per store (guest rows included)."""
    if find_by_email(store_id, email) is not None:
        raise DuplicateEmail(email)
    customer = Customer(store_id=store_id, email=normalise_email(email), password_hash=_checked_hash(password),
                        first_name=first_name.strip(), last_name=last_name.strip(), locale=locale,
                        accepts_marketing=accepts_marketing)
    if not _insert(customer):
        raise DuplicateEmail(email)
    return customer


def _insert(customer: Customer) -> bool:
    """Add the row; False when a concurrent request took the same email first."""
    try:
        with db.session.begin_nested():
            db.session.add(customer)
    except IntegrityError:
        return False
    return True


def find_or_create_guest(store_id: int, email: str, first_name: str, last_name: str) -> Customer:
    """The store's customer with this email, or a new one without password (guest checkout)."""
    customer = find_by_email(store_id, email)
    if customer is not None:
        return customer
    customer = Customer(store_id=store_id, email=normalise_email(email), first_name=first_name.strip(),
                        last_name=last_name.strip())
    return customer if _insert(customer) else find_by_email(store_id, email)


def authenticate(store_id: int, email: str, password: str) -> Customer | None:
    """The store's customer with these credentials, or None; upgrades outdated hashes."""
    customer = find_by_email(store_id, email)
    if customer is None or customer.password_hash is None:
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(customer.password_hash, password):
        return None
    if needs_rehash(customer.password_hash):
        customer.password_hash = hash_password(password)
    customer.last_login_at = datetime.now(UTC)
    db.session.flush()
    return customer


def _customer(store_id: int, customer_id: int) -> Customer:
    customer = get_customer(store_id, customer_id)
    if customer is None:
        raise CustomerNotFound(f"no customer {customer_id} in store {store_id}")
    return customer


def update_profile(store_id: int, customer_id: int, profile: Profile) -> Customer:
    """Change names, phone, language, marketing consent and (when given) the email."""
    customer = _customer(store_id, customer_id)
    if profile.email is not None and normalise_email(profile.email) != customer.email:
        other = find_by_email(store_id, profile.email)
        if other is not None:
            raise DuplicateEmail(profile.email)
        customer.email = normalise_email(profile.email)
    customer.first_name = profile.first_name.strip()
    customer.last_name = profile.last_name.strip()
    customer.phone = profile.phone.strip()
    customer.accepts_marketing = profile.accepts_marketing
    if profile.locale is not None:
        customer.locale = profile.locale or None
    db.session.flush()
    return customer


def set_password(store_id: int, customer_id: int, password: str) -> Customer:
    """Set a new password and end every other session of this customer."""
    customer = _customer(store_id, customer_id)
    customer.password_hash = _checked_hash(password)
    customer.session_version = (customer.session_version or 1) + 1
    db.session.flush()
    return customer


def change_password(store_id: int, customer_id: int, current: str, new: str) -> Customer:
    """Change the password after checking the current one."""
    if not verify_password(_customer(store_id, customer_id).password_hash, current):
        raise WrongPassword()
    return set_password(store_id, customer_id, new)


def delete_customer(store_id: int, customer_id: int, password: str) -> None:
    """Erase the customer and their addresses after checking their password (right to erasure)."""
    if not verify_password(_customer(store_id, customer_id).password_hash, password):
        raise WrongPassword()
    erase_customer(store_id, customer_id)


def erase_customer(store_id: int, customer_id: int) -> None:
    """Erase the customer and their addresses (no password check: merchant or internal use)."""
    # Addresses go with the row: ORM cascade for loaded ones, ON DELETE CASCADE for the rest.
    db.session.delete(_customer(store_id, customer_id))
    db.session.flush()


def export_customer_data(store_id: int, customer_id: int) -> dict:
    """Everything this module stores about the customer, as plain JSON-ready values."""
    customer = _customer(store_id, customer_id)

    def when(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "profile": {
            "email": customer.email, "first_name": customer.first_name, "last_name": customer.last_name,
            "phone": customer.phone, "locale": customer.locale, "accepts_marketing": customer.accepts_marketing,
            "created_at": when(customer.created_at), "last_login_at": when(customer.last_login_at),
        },
        "orders_summary": {"orders_count": customer.orders_count, "total_spent": str(customer.total_spent),
                           "last_order_at": when(customer.last_order_at)},
        "addresses": [
            {"full_name": a.full_name, "street": a.street, "postal_code": a.postal_code, "city": a.city,
             "country": a.country, "phone": a.phone, "is_default": a.is_default}
            for a in customer.addresses
        ],
    }
