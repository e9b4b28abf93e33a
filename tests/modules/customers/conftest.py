"""Fixtures of the customers tests: shoppers on the demo stores, the emails in the outbox, URL helpers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from tests.modules.customers.helpers import ACME, PASSWORD, link_in
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services
from webapp.modules.messaging.models import OutboxMessage


@dataclass(frozen=True)
class Email:
    """One stored outbox message, as the messaging module rendered it."""

    store_id: int | None
    template: str
    to: str
    locale: str
    subject: str
    body: str
    status: str

    @property
    def link(self) -> str:
        """The first URL in the body (the reset or account link)."""
        return link_in(self.body)


class Outbox(Sequence):
    """The development outbox (messaging's `messaging_outbox` rows), read afresh on every look."""

    def _emails(self) -> list[Email]:
        db.session.expire_all()
        rows = db.session.scalars(select(OutboxMessage).order_by(OutboxMessage.id))
        return [Email(m.store_id, m.template, m.to_address, m.locale, m.subject, m.body_text, m.status)
                for m in rows]

    def __getitem__(self, index):
        return self._emails()[index]

    def __len__(self) -> int:
        return len(self._emails())

    def __eq__(self, other) -> bool:
        return self._emails() == list(other)

    def __repr__(self) -> str:
        return repr(self._emails())


@pytest.fixture
def outbox(app) -> Outbox:
    """The emails the customers module had messaging store (the real outbox, not a stub)."""
    return Outbox()


@pytest.fixture
def make_customer(demo):
    """`make_customer(store, email, password=PASSWORD, **fields)` creates and commits a customer."""

    def build(store=None, email: str = "sam@example.com", password: str | None = PASSWORD, **fields):
        store = store or demo.acme
        with store_scope(store.id):
            if password is None:
                customer = services.find_or_create_guest(store.id, email, fields.pop("first_name", "Guest"),
                                                         fields.pop("last_name", ""))
            else:
                customer = services.register_customer(store.id, email, password,
                                                      first_name=fields.pop("first_name", "Sam"),
                                                      last_name=fields.pop("last_name", "Schmitz"))
            for key, value in fields.items():
                setattr(customer, key, value)
            db.session.commit()
            return customer

    return build


@pytest.fixture
def shopper(make_customer):
    return make_customer()


@pytest.fixture
def sign_in_shopper(client):
    """Sign a customer in through the storefront login form of `prefix` (and `host`)."""

    def sign_in(email: str = "sam@example.com", password: str = PASSWORD, prefix: str = ACME,
                host: str = "localhost"):
        response = client.post(f"{prefix}/account/login", data={"email": email, "password": password},
                               headers={"Host": host})
        assert response.status_code == 303, response.get_data(as_text=True)[:800]
        return response

    return sign_in
