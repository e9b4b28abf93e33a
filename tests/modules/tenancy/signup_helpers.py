"""Shared by the signup tests: a valid form, the outbox, the link in an email."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.models import Store, User

SIGNUP = "/platforms/main/signup"
LOYALTY_SIGNUP = "/platforms/loyalty/signup"


def form(**changes) -> dict:
    data = {"name": "Nora Baker", "email": "nora@bakery.example.com", "password": "flour-and-water-42",
            "legal_name": "Nora's Bakery SARL", "country": "LU", "vat_number": "LU 1234 5678",
            "store_name": "Nora's Bakery", "store_code": "nora-bakery", "languages": ["en", "fr"],
            "default_language": "en", "currency": "EUR"}
    data.update(changes)
    return data


def emails(template: str | None = None) -> list[OutboxMessage]:
    db.session.expire_all()
    query = select(OutboxMessage).order_by(OutboxMessage.id)
    if template:
        query = query.where(OutboxMessage.template == template)
    return list(db.session.scalars(query))


def link_path(body: str) -> str:
    url = re.search(r"https?://\S+", body).group(0)
    return urlsplit(url).path


def store(code: str) -> Store | None:
    db.session.expire_all()
    return db.session.scalar(select(Store).where(Store.code == code))


def user(email: str) -> User | None:
    db.session.expire_all()
    return db.session.scalar(select(User).where(User.email == email))
