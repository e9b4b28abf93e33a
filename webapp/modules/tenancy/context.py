"""Context the tenancy module gives other modules' pages."""

from __future__ import annotations

from dataclasses import dataclass

from flask import url_for
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.tenancy.models import Store


@dataclass(frozen=True)
class StoreCard:
    name: str
    url: str
    host: str


def platform_home(platform, **_kwargs) -> dict:
    """Open stores of the platform for its home page."""
    stores = db.session.scalars(select(Store).where(Store.platform_id == platform.id, Store.status == "active")
                                .order_by(Store.name).limit(24)).all()
    cards = [StoreCard(s.name, url_for("core_storefront.home_show", store_code=s.code, platform_code=platform.code),
                       f"{s.subdomain}.{platform.domain}" if platform.domain and s.subdomain else s.code)
             for s in stores]
    return {"stores": cards}
