"""A customer's address book: one default address at most."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update

from webapp.extensions import db
from webapp.modules.customers.exceptions import AddressNotFound, CustomerNotFound
from webapp.modules.customers.models import Address
from webapp.modules.customers.services.accounts import get_customer


@dataclass(frozen=True)
class AddressData:
    full_name: str
    street: str
    postal_code: str
    city: str
    country: str
    phone: str = ""
    is_default: bool = False


def list_addresses(store_id: int, customer_id: int) -> list[Address]:
    """The customer's addresses, default first."""
    return list(db.session.scalars(
        select(Address).where(Address.store_id == store_id, Address.customer_id == customer_id)
        .order_by(Address.is_default.desc(), Address.id)))


def get_address(store_id: int, customer_id: int, address_id: int) -> Address | None:
    """The address `address_id` if it belongs to this customer of this store (anything else does not exist)."""
    return db.session.scalar(select(Address).where(
        Address.id == address_id, Address.store_id == store_id, Address.customer_id == customer_id))


def default_address(store_id: int, customer_id: int) -> Address | None:
    """The default address, else the oldest one, else None."""
    return db.session.scalar(
        select(Address).where(Address.store_id == store_id, Address.customer_id == customer_id)
        .order_by(Address.is_default.desc(), Address.id).limit(1))


def _own_address(store_id: int, customer_id: int, address_id: int) -> Address:
    address = get_address(store_id, customer_id, address_id)
    if address is None:
        raise AddressNotFound(f"no address {address_id} of customer {customer_id}")
    return address


def _clear_default(store_id: int, customer_id: int) -> None:
    db.session.execute(update(Address).where(Address.store_id == store_id, Address.customer_id == customer_id)
                       .values(is_default=False))


def add_address(store_id: int, customer_id: int, data: AddressData) -> Address:
    """Add an address; the first one (or one marked so) becomes the default."""
    if get_customer(store_id, customer_id) is None:
        raise CustomerNotFound(f"no customer {customer_id} in store {store_id}")
    is_first = default_address(store_id, customer_id) is None
    if data.is_default and not is_first:
        _clear_default(store_id, customer_id)
    address = Address(store_id=store_id, customer_id=customer_id, is_default=data.is_default or is_first)
    _apply(address, data)
    db.session.add(address)
    db.session.flush()
    return address


def update_address(store_id: int, customer_id: int, address_id: int, data: AddressData) -> Address:
    """Change one of the customer's addresses; marking it default takes the mark from the others."""
    address = _own_address(store_id, customer_id, address_id)
    if data.is_default and not address.is_default:
        _clear_default(store_id, customer_id)
        address.is_default = True
    _apply(address, data)
    db.session.flush()
    return address


def set_default_address(store_id: int, customer_id: int, address_id: int) -> Address:
    """Make this the customer's default address."""
    address = _own_address(store_id, customer_id, address_id)
    _clear_default(store_id, customer_id)
    address.is_default = True
    db.session.flush()
    return address


def delete_address(store_id: int, customer_id: int, address_id: int) -> None:
    """Delete an address; if it was the default, the oldest remaining one takes over."""
    address = _own_address(store_id, customer_id, address_id)
    was_default = address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        successor = default_address(store_id, customer_id)
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
