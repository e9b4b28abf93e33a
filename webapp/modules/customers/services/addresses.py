"""A customer's address book: one default address at most."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.modules.customers.models import Address, Customer


@dataclass(frozen=True)
class AddressData:
    full_name: str
    street: str
    postal_code: str
    city: str
    country: str
    phone: str = ""
    is_default: bool = False


def list_addresses(customer: Customer) -> list[Address]:
    """The customer's addresses, default first."""
    return list(db.session.scalars(
        select(Address).where(Address.store_id == customer.store_id, Address.customer_id == customer.id)
        .order_by(Address.is_default.desc(), Address.id)))


def get_address(customer: Customer, address_id: int) -> Address | None:
    """The address `address_id` if it belongs to this customer (anything else does not exist)."""
    return db.session.scalar(select(Address).where(
        Address.id == address_id, Address.store_id == customer.store_id, Address.customer_id == customer.id))


def default_address(customer: Customer) -> Address | None:
    """The default address, else the oldest one, else None."""
    return db.session.scalar(
        select(Address).where(Address.store_id == customer.store_id, Address.customer_id == customer.id)
        .order_by(Address.is_default.desc(), Address.id).limit(1))


def _clear_default(customer: Customer) -> None:
    db.session.execute(update(Address).where(Address.store_id == customer.store_id,
                                             Address.customer_id == customer.id)
                       .values(is_default=False))


def add_address(customer: Customer, data: AddressData) -> Address:
    """Add an address; the first one (or one marked so) becomes the default."""
    is_first = default_address(customer) is None
    if data.is_default and not is_first:
        _clear_default(customer)
    address = Address(store_id=customer.store_id, customer_id=customer.id, is_default=data.is_default or is_first)
    _apply(address, data)
    db.session.add(address)
    db.session.flush()
    return address


def update_address(address: Address, data: AddressData) -> Address:
    """Change an address; marking it default takes the mark from the others."""
    if data.is_default and not address.is_default:
        _clear_default(address.customer)
        address.is_default = True
    _apply(address, data)
    db.session.flush()
    return address


def set_default_address(address: Address) -> Address:
    """Make this the customer's default address."""
    _clear_default(address.customer)
    address.is_default = True
    db.session.flush()
    return address


def delete_address(address: Address) -> None:
    """Delete an address; if it was the default, the oldest remaining one takes over."""
    customer, was_default = address.customer, address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        successor = default_address(customer)
        if successor is not None:
            successor.is_default = True
            db.session.flush()


def _apply(address: Address, data: AddressData) -> None:
    address.full_name = data.full_name.strip()
    address.street = data.street.strip()
    address.postal_code = data.postal_code.strip()
    address.city = data.city.strip()
    address.country = data.country.strip().upper()
    address.phone = data.phone.strip()
