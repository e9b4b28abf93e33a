"""Demo data of SPEC §7 owned by tenancy: platforms, merchants, stores, users. Idempotent."""

from __future__ import annotations

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant, Platform, Store, StoreMembership, User
from webapp.modules.tenancy.services import add_member, create_merchant, create_platform, create_store, create_user

# Documented, development-only demo password.
DEMO_PASSWORD = "orion-demo"  # noqa: S105  # nosec B105

PLATFORMS = [
    {"code": "main", "name": "Orion", "domain": "orion.localhost", "languages": ("en", "fr", "de", "lb")},
    {"code": "loyalty", "name": "Orion Loyalty", "domain": "loyalty.localhost", "languages": ("en", "fr", "de")},
]
MERCHANTS = [
    {"legal_name": "Acme Trading", "vat_number": "LU12345613", "city": "Luxembourg", "owner": "owner@acme.test",
     "store": {"code": "acme", "name": "Acme", "platform": "main", "languages": ("en", "fr", "de")},
     "staff": ["staff@acme.test"]},
    {"legal_name": "Bistro Luxembourg", "vat_number": "LU87654321", "city": "Esch-sur-Alzette",
     "owner": "owner@bistro.test",
     "store": {"code": "bistro", "name": "Bistro Luxembourg", "platform": "loyalty", "languages": ("fr", "en", "de"),
               "theme": {"primary": "#b45309", "accent": "#15803d"}},
     "staff": []},
]
STAFF = [
    {"email": "admin@orion.test", "name": "Orion Admin", "platform_role": "super_admin"},
    {"email": "translator@orion.test", "name": "Orion Translator", "platform_role": "translator"},
]


def _user(email: str, name: str = "", **kwargs) -> User:
    user = db.session.scalar(select(User).where(User.email == email))
    return user or create_user(email, DEMO_PASSWORD, name=name, **kwargs)


def _platform(spec: dict) -> Platform:
    platform = db.session.scalar(select(Platform).where(Platform.code == spec["code"]))
    return platform or create_platform(spec["code"], spec["name"], domain=spec["domain"],
                                       languages=spec["languages"], default_language="en")


def _merchant(spec: dict, platforms: dict[str, Platform]) -> Store:
    owner = _user(spec["owner"], spec["owner"].split("@")[0].title())
    merchant = db.session.scalar(select(Merchant).where(Merchant.legal_name == spec["legal_name"]))
    if merchant is None:
        merchant = create_merchant(spec["legal_name"], owner_id=owner.id, vat_number=spec["vat_number"],
                                   city=spec["city"])
    store_spec = spec["store"]
    store = db.session.scalar(select(Store).where(Store.code == store_spec["code"]))
    if store is None:
        languages = store_spec["languages"]
        store = create_store(platforms[store_spec["platform"]].id, merchant.id, store_spec["code"], store_spec["name"],
                             languages=languages, default_language=languages[0], theme=store_spec.get("theme"))
    members = [(owner, "owner")] + [(_user(email, email.split("@")[0].title()), "staff") for email in spec["staff"]]
    for user, role in members:
        if not db.session.scalar(select(StoreMembership.id).where(StoreMembership.store_id == store.id,
                                                                  StoreMembership.user_id == user.id)):
            add_member(store.id, user.id, role)
    return store


def seed() -> list[str]:
    platforms = {spec["code"]: _platform(spec) for spec in PLATFORMS}
    for spec in STAFF:
        _user(spec["email"], spec["name"], platform_role=spec["platform_role"],
              platform_id=platforms["main"].id if spec["platform_role"] != "super_admin" else None)
    stores = [_merchant(spec, platforms) for spec in MERCHANTS]
    db.session.flush()
    return [f"platforms: {', '.join(platforms)}", f"stores: {', '.join(s.code for s in stores)}",
            f"users: {', '.join(s['email'] for s in STAFF)}, owner@acme.test, staff@acme.test "
            f"(password {DEMO_PASSWORD})"]
