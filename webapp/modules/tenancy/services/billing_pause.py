"""Closing a merchant's stores while its subscription is paused, and reopening them.

The storefront of a `paused` store answers the "temporarily closed" page like a pending or
suspended one (the request guard reads the status from the cached tenant directory, so this costs
no query per request); its dashboard is read only. Only open (`active`) stores are paused, and
resuming reopens only `paused` ones: a store an admin suspended, or one still awaiting approval,
keeps its status either way.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant, Store, User
from webapp.modules.tenancy.services.directory import invalidate_after_commit


def pause_merchant_stores(merchant_id: int, platform_id: int) -> list[int]:
    """Close the merchant's open stores on the platform; returns the ids it closed."""
    return _move(merchant_id, platform_id, "active", "paused")


def resume_merchant_stores(merchant_id: int, platform_id: int) -> list[int]:
    """Reopen the merchant's paused stores on the platform; returns the ids it reopened."""
    return _move(merchant_id, platform_id, "paused", "active")


def _move(merchant_id: int, platform_id: int, old: str, new: str) -> list[int]:
    stores = db.session.scalars(select(Store).where(Store.merchant_id == merchant_id,
                                                    Store.platform_id == platform_id, Store.status == old)).all()
    for store in stores:
        store.status = new
    if stores:
        db.session.flush()
        invalidate_after_commit()
    return [store.id for store in stores]


@dataclass(frozen=True)
class MerchantContact:
    email: str
    name: str
    locale: str
    first_store_id: int | None
    first_store_name: str


def merchant_contact(merchant_id: int, platform_id: int) -> MerchantContact | None:
    """Whom to write about the merchant's subscription (its owner), in which language; None: no owner."""
    merchant = db.session.get(Merchant, merchant_id)
    owner = db.session.get(User, merchant.owner_id) if merchant and merchant.owner_id else None
    if owner is None:
        return None
    store = db.session.scalar(select(Store).where(Store.merchant_id == merchant_id, Store.platform_id == platform_id)
                              .order_by(Store.id).limit(1))
    locale = owner.locale or (store.default_language if store else "en")
    return MerchantContact(owner.email, owner.name or owner.email, locale,
                           store.id if store else None, store.name if store else merchant.legal_name)
