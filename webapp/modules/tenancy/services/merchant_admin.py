"""What platform admins do with merchants: create one with its owner and first store."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import InvalidFields
from webapp.modules.tenancy.models import Merchant, Store, User
from webapp.modules.tenancy.services.codes import store_code_problem
from webapp.modules.tenancy.services.merchants import BusinessDetails, apply_business_details, business_problems
from webapp.modules.tenancy.services.store_admin import StoreSettings, new_store, store_problems
from webapp.modules.tenancy.services.users import create_user, normalise_email


@dataclass(frozen=True)
class NewMerchant:
    merchant: Merchant
    store: Store
    owner: User
    invited: bool  # the owner is a new user, who must choose a password through an invitation


def _owner(email: str, name: str) -> tuple[User, bool]:
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is not None:
        return user, False
    # Nobody knows this password: the owner chooses theirs through the invitation link.
    return create_user(email, secrets.token_urlsafe(32), name=" ".join(name.split())), True


def create_merchant_with_store(platform_id: int, details: BusinessDetails, owner_email: str, code: str,
                               store: StoreSettings, *, owner_name: str = "") -> NewMerchant:
    """A merchant, its owner (an existing user, or a new one to invite) and its first store, all or nothing."""
    problems = {field: "invalid" for field in business_problems(details)}
    problems.update({f"store_{field}": problem for field, problem in store_problems(platform_id, store, store_id=None)
                     .items()})
    if problem := store_code_problem(code):
        problems["store_code"] = problem
    if problems:
        raise InvalidFields(problems)
    owner, invited = _owner(owner_email, owner_name)
    merchant = Merchant(owner_id=owner.id, legal_name="")
    apply_business_details(merchant, details)
    db.session.add(merchant)
    db.session.flush()
    created = new_store(platform_id, merchant.id, code, store, owner_id=owner.id)
    return NewMerchant(merchant, created, owner, invited)
