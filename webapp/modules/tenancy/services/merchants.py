"""A merchant's business details: the legal identity its invoices name."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import InvalidBusinessDetails
from webapp.modules.tenancy.models import Merchant, Store
from webapp.modules.tenancy.services.directory import invalidate_after_commit

# EU VAT numbers: a country prefix and 2 to 13 letters or digits, once spaces, dots and dashes are gone.
VAT_NUMBER = re.compile(r"^[A-Z]{2}[A-Z0-9]{2,13}$")
LIMITS = {"legal_name": 200, "street": 200, "postal_code": 20, "city": 100}


@dataclass(frozen=True)
class BusinessDetails:
    legal_name: str
    vat_number: str = ""
    street: str = ""
    postal_code: str = ""
    city: str = ""
    country: str = "LU"


def normalise_vat_number(value: str) -> str:
    return re.sub(r"[\s.\-]", "", value or "").upper()


def business_details(merchant_id: int) -> BusinessDetails:
    merchant = db.session.get(Merchant, merchant_id)
    return BusinessDetails(merchant.legal_name, merchant.vat_number or "", merchant.street, merchant.postal_code,
                           merchant.city, merchant.country)


def _cleaned(details: BusinessDetails) -> dict[str, str]:
    """The details tidied: spaces, the VAT number, the country's case."""
    cleaned = {name: " ".join(str(value or "").split()) for name, value in asdict(details).items()}
    cleaned["vat_number"] = normalise_vat_number(details.vat_number)
    cleaned["country"] = cleaned["country"].upper()
    return cleaned


def business_problems(details: BusinessDetails) -> dict[str, str]:
    """The fields of `details` a merchant cannot have, each with what is wrong (empty when all is well)."""
    cleaned = _cleaned(details)
    errors = {name: f"at most {limit} characters" for name, limit in LIMITS.items() if len(cleaned[name]) > limit}
    if not cleaned["legal_name"]:
        errors["legal_name"] = "a legal name is required"
    if cleaned["vat_number"] and not VAT_NUMBER.match(cleaned["vat_number"]):
        errors["vat_number"] = "not a VAT number"
    if not re.fullmatch(r"[A-Z]{2}", cleaned["country"]):
        errors["country"] = "a two-letter country code"
    return errors


def clean_business_details(details: BusinessDetails) -> dict[str, str]:
    """The details tidied; InvalidBusinessDetails names the fields at fault."""
    errors = business_problems(details)
    if errors:
        raise InvalidBusinessDetails(errors)
    return _cleaned(details)


def apply_business_details(merchant: Merchant, details: BusinessDetails) -> None:
    cleaned = clean_business_details(details)
    merchant.vat_number = cleaned.pop("vat_number") or None
    for name, value in cleaned.items():
        setattr(merchant, name, value)


def update_business_details(merchant_id: int, details: BusinessDetails) -> Merchant:
    """Store the merchant's details (InvalidBusinessDetails with the fields at fault otherwise)."""
    merchant = db.session.get(Merchant, merchant_id)
    apply_business_details(merchant, details)
    db.session.flush()
    invalidate_after_commit()  # the storefront footers show these details
    return merchant


def seller_details(store_id: int) -> dict[str, str]:
    """Who sells in a store, as an invoice must name them: legal name, address and VAT number."""
    merchant = db.session.scalar(select(Merchant).join(Store, Store.merchant_id == Merchant.id)
                                 .where(Store.id == store_id))
    if merchant is None:
        return {}
    return {"name": merchant.legal_name, "street": merchant.street, "postal_code": merchant.postal_code,
            "city": merchant.city, "country": merchant.country, "vat_number": merchant.vat_number or ""}
