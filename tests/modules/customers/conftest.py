"""Fixtures of the customers tests: shoppers on the demo stores, captured emails, URL helpers."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.modules.customers.helpers import ACME, PASSWORD
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers import mailer, services


@dataclass
class Email:
    store_id: int | None
    template: str
    to: str
    context: dict
    locale: str


@pytest.fixture
def outbox(monkeypatch) -> list[Email]:
    """Emails the module asked messaging to send (captured at the mailer boundary)."""
    sent: list[Email] = []
    monkeypatch.setattr(mailer, "send", lambda store_id, template, to, context, locale:
                        sent.append(Email(store_id, template, to, context, locale)))
    return sent


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
