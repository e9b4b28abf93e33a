"""Plan limits where tenancy creates things: team invitations, stores (admin), store languages."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.tenancy.models import Invitation, Merchant, Store

pytestmark = pytest.mark.usefixtures("isolated_requests")

INVITE = {"email": "newcomer@example.com", "role": "staff"}
NEW_STORE = {"name": "Acme Outlet", "code": "acme-outlet", "subdomain": "outlet", "default_language": "en",
             "languages": ["en"], "currency": "EUR", "platform": "main"}
LANGUAGES = "/store/acme/settings/languages"


def invitations(store) -> int:
    db.session.expire_all()
    return db.session.scalar(select(func.count(Invitation.id)).where(Invitation.store_id == store.id))


def acme_merchant_id() -> int:
    return db.session.scalar(select(Merchant.id).where(Merchant.legal_name == "Acme Trading"))


def store(code: str) -> Store | None:
    db.session.expire_all()
    return db.session.scalar(select(Store).where(Store.code == code))


# --- team invitations: staff_seats --------------------------------------------------------------

def test_an_invitation_beyond_the_seats_is_refused_with_the_upgrade_link(client, demo, subscribe, login_as,
                                                                         plans_url, htmx_headers):
    subscribe(demo.acme, "essential")  # two seats, both taken
    login_as(demo.owner)
    for headers in ({}, htmx_headers):
        response = client.post("/store/acme/team/invitations", data=INVITE, headers=headers)
        page = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "Your Essential plan allows 2 team members." in page
        assert f'href="{plans_url(demo.acme)}"' in page and 'data-limit-notice="refused"' in page
    assert invitations(demo.acme) == 0


def test_an_invitation_at_the_seat_limit_minus_one_is_sent(client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "staff_seats", 3)
    login_as(demo.owner)
    assert client.post("/store/acme/team/invitations", data=INVITE).status_code == 303
    assert invitations(demo.acme) == 1
    again = client.post("/store/acme/team/invitations", data={**INVITE, "email": "second@example.com"})
    assert again.status_code == 422 and invitations(demo.acme) == 1  # the open invitation takes a seat


def test_a_warn_policy_sends_the_invitation_and_says_so(client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "staff_seats", 2, policy="warn")
    login_as(demo.owner)
    response = client.post("/store/acme/team/invitations", data=INVITE, follow_redirects=True)
    assert response.status_code == 200
    assert "Your Essential plan allows 2 team members." in response.get_data(as_text=True)
    assert invitations(demo.acme) == 1


# --- stores: the admin creates one for a merchant -----------------------------------------------

def test_a_store_beyond_the_merchants_plan_is_refused(client, demo, subscribe, login_as, plans_url):
    subscribe(demo.acme, "essential")  # one store, acme takes it
    login_as(demo.admin)
    response = client.post(f"/admin/merchants/{acme_merchant_id()}/stores", data=NEW_STORE)
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Your Essential plan allows 1 stores." in page and f'href="{plans_url(demo.acme)}"' in page
    assert store("acme-outlet") is None


def test_a_store_within_the_plan_is_created(client, demo, subscribe, login_as):
    subscribe(demo.acme, "professional")  # two stores
    login_as(demo.admin)
    response = client.post(f"/admin/merchants/{acme_merchant_id()}/stores", data=NEW_STORE)
    assert response.status_code == 303 and store("acme-outlet") is not None


def test_a_warn_policy_on_stores_creates_it_and_says_so(client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "stores", 1, policy="warn")
    login_as(demo.admin)
    response = client.post(f"/admin/merchants/{acme_merchant_id()}/stores", data=NEW_STORE, follow_redirects=True)
    assert response.status_code == 200 and "Your Essential plan allows 1 stores." in response.get_data(as_text=True)
    assert store("acme-outlet") is not None


def test_a_merchant_without_a_subscription_creates_stores_freely(client, demo, tiers, login_as):
    login_as(demo.admin)
    response = client.post(f"/admin/merchants/{acme_merchant_id()}/stores", data=NEW_STORE)
    assert response.status_code == 303 and store("acme-outlet") is not None


# --- languages -----------------------------------------------------------------------------------

def test_adding_languages_beyond_the_plan_is_refused(client, demo, subscribe, set_limit, login_as, plans_url,
                                                     htmx_headers):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "languages", 3)  # acme has en, fr, de
    login_as(demo.owner)
    data = {"languages": ["en", "fr", "de", "lb"], "default_language": "en"}
    response = client.post(LANGUAGES, data=data, headers=htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 422
    assert body.lstrip().startswith('<section class="settings-section" id="section-languages"')
    assert "Your Essential plan allows 3 languages." in body and f'href="{plans_url(demo.acme)}"' in body
    assert store("acme").languages == ["en", "fr", "de"]


def test_languages_within_the_plan_are_saved_and_removing_is_always_allowed(client, demo, subscribe, set_limit,
                                                                             login_as):
    subscribe(demo.acme, "essential")  # two languages: acme already has three
    login_as(demo.owner)
    assert client.post(LANGUAGES, data={"languages": ["en", "fr"], "default_language": "en"}).status_code == 303
    assert store("acme").languages == ["en", "fr"]
    set_limit(demo.acme, "essential", "languages", 3)
    data = {"languages": ["en", "fr", "lb"], "default_language": "en"}  # at the limit - 1: one more
    assert client.post(LANGUAGES, data=data).status_code == 303
    assert store("acme").languages == ["en", "fr", "lb"]


def test_a_warn_policy_on_languages_saves_and_says_so(client, demo, subscribe, set_limit, login_as):
    subscribe(demo.acme, "essential")
    set_limit(demo.acme, "essential", "languages", 3, policy="warn")
    login_as(demo.owner)
    data = {"languages": ["en", "fr", "de", "lb"], "default_language": "en"}
    response = client.post(LANGUAGES, data=data, follow_redirects=True)
    assert response.status_code == 200 and "Your Essential plan allows 3 languages." in response.get_data(as_text=True)
    assert store("acme").languages == ["en", "fr", "de", "lb"]


def test_a_restricted_subscription_adds_no_language(client, demo, subscribe, login_as):
    subscribe(demo.acme, "enterprise", state="restricted")
    login_as(demo.owner)
    response = client.post(LANGUAGES, data={"languages": ["en", "fr", "de", "lb"], "default_language": "en"})
    assert response.status_code == 422 and store("acme").languages == ["en", "fr", "de"]
