"""Self-service signup on a platform: an owner account, their merchant and a first (pending) store."""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import or_, select

from webapp.extensions import db
from webapp.framework import events
from webapp.framework.auth.passwords import password_problem
from webapp.modules.contracts.events import MerchantSignedUp
from webapp.modules.tenancy.exceptions import InvalidBusinessDetails, SignupRejected
from webapp.modules.tenancy.models import Platform, Store
from webapp.modules.tenancy.services.merchants import BusinessDetails, clean_business_details
from webapp.modules.tenancy.services.settings import CURRENCIES
from webapp.modules.tenancy.services.stores import add_member, create_merchant, create_store
from webapp.modules.tenancy.services.users import create_user, email_taken, normalise_email

# A store code is also its subdomain: a DNS label of 3 to 30 characters without edge hyphens.
STORE_CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,28}[a-z0-9]$")
CODE_MIN, CODE_MAX = 3, 30
# Host names and paths the platform keeps for itself (the one list: signup and its live check use it).
RESERVED_CODES = frozenset((
    "admin", "www", "api", "static", "store", "stores", "storefront", "platform", "platforms", "auth", "login",
    "logout", "signup", "register", "mail", "email", "smtp", "imap", "pop", "ftp", "help", "support", "docs",
    "status", "health", "i18n", "jobs", "media", "assets", "cdn", "billing", "account", "accounts", "dashboard",
    "app", "blog", "shop", "orion", "root", "system", "security", "ns1", "ns2", "localhost",
))
# Currencies a new store can sell in; prices are kept in one currency per store.


@dataclass(frozen=True)
class CodeCheck:
    code: str
    status: str  # "available" | "taken" | "reserved" | "invalid"
    suggestion: str = ""

    @property
    def available(self) -> bool:
        return self.status == "available"


@dataclass(frozen=True)
class SignupRequest:
    name: str
    email: str
    password: str
    legal_name: str
    country: str
    store_name: str
    store_code: str
    languages: tuple[str, ...]
    default_language: str
    currency: str
    vat_number: str = ""
    locale: str | None = None


@dataclass(frozen=True)
class SignupResult:
    user_id: int
    merchant_id: int
    store_id: int
    store_code: str


def normalise_code(code: str) -> str:
    return (code or "").strip().lower()


def _code_in_use(code: str) -> bool:
    return db.session.scalar(select(Store.id).where(or_(Store.code == code, Store.subdomain == code))) is not None


def suggest_code(code: str) -> str:
    """A free code like `acme-2` (or "" when `code` cannot be the base of one)."""
    base = normalise_code(code).strip("-")[:CODE_MAX - 4].strip("-")
    if len(base) < 1:
        return ""
    pattern = f"{base}-%"
    used = set(db.session.scalars(select(Store.code).where(Store.code.like(pattern))))
    used |= set(db.session.scalars(select(Store.subdomain).where(Store.subdomain.like(pattern))))
    for number in range(2, 1000):
        candidate = f"{base}-{number}"
        if candidate not in used and STORE_CODE.match(candidate) and candidate not in RESERVED_CODES:
            return candidate
    return ""


def check_store_code(code: str) -> CodeCheck:
    """Whether a visitor may take `code` for their store, with a free alternative when not."""
    code = normalise_code(code)
    if not STORE_CODE.match(code) or "--" in code:
        return CodeCheck(code, "invalid")
    if code in RESERVED_CODES:
        return CodeCheck(code, "reserved", suggest_code(code))
    if _code_in_use(code):
        return CodeCheck(code, "taken", suggest_code(code))
    return CodeCheck(code, "available")


def _check_request(platform: Platform, request: SignupRequest) -> dict[str, str]:
    errors: dict[str, str] = {}
    if not request.name.strip():
        errors["name"] = "required"
    if email_taken(request.email):
        errors["email"] = "taken"
    problem = password_problem(request.password)
    if problem:
        errors["password"] = problem
    if not request.store_name.strip():
        errors["store_name"] = "required"
    code = check_store_code(request.store_code)
    if not code.available:
        errors["store_code"] = code.status
    offered = set(platform.languages or [platform.default_language])
    if not request.languages or not set(request.languages) <= offered:
        errors["languages"] = "unknown"
    elif request.default_language not in request.languages:
        errors["default_language"] = "unknown"
    if request.currency not in CURRENCIES:
        errors["currency"] = "unknown"
    return errors


def signup_conflicts(request: SignupRequest) -> dict[str, str]:
    """The fields another signup took meanwhile (email, store code), to explain a failed insert."""
    conflicts = {"email": "taken"} if email_taken(request.email) else {}
    if not check_store_code(request.store_code).available:
        conflicts["store_code"] = "taken"
    return conflicts or {"store_code": "taken"}


def _clean_merchant(request: SignupRequest) -> tuple[dict[str, str], dict[str, str]]:
    try:
        return clean_business_details(BusinessDetails(request.legal_name, request.vat_number,
                                                      country=request.country)), {}
    except InvalidBusinessDetails as error:
        return {}, dict(error.details["fields"])


def sign_up(platform_id: int, request: SignupRequest) -> SignupResult:
    """Create the owner (unverified), their merchant, a pending store and the owner's membership.

    Everything or nothing: SignupRejected names each field at fault before anything is written.
    Publishes MerchantSignedUp (billing starts a trial, messaging welcomes the owner).
    """
    platform = db.session.get(Platform, platform_id)
    if platform is None:
        raise SignupRejected({"platform": "unknown"})
    merchant_fields, merchant_errors = _clean_merchant(request)
    errors = {**_check_request(platform, request), **merchant_errors}
    if errors:
        raise SignupRejected(errors)
    user = create_user(normalise_email(request.email), request.password, name=" ".join(request.name.split()),
                       locale=request.locale, verified=False)
    merchant = create_merchant(merchant_fields["legal_name"], owner_id=user.id,
                               vat_number=merchant_fields["vat_number"] or None, country=merchant_fields["country"])
    code = normalise_code(request.store_code)
    store = create_store(platform.id, merchant.id, code, request.store_name, subdomain=code,
                         languages=list(request.languages), default_language=request.default_language,
                         currency=request.currency, status="pending")
    store.country = merchant_fields["country"]
    add_member(store.id, user.id, "owner")
    db.session.flush()
    events.publish(MerchantSignedUp(platform_id=platform.id, store_id=store.id, merchant_id=merchant.id,
                                    user_id=user.id))
    return SignupResult(user.id, merchant.id, store.id, store.code)
