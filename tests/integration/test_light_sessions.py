"""Anonymous visitors live in a signed cookie; the server stores a session only once it holds something."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.modules.cart.conftest import ACME, add, lines, make_product, text
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services as customers

pytestmark = pytest.mark.usefixtures("isolated_requests")

PASSWORD = "correct-horse-battery"


@pytest.fixture
def mug(demo):
    variant_id = make_product(demo.acme, "Mug", [("MUG", "8.50", 5)])["MUG"]
    db.session.commit()
    return variant_id


def stored_sessions(app) -> int:
    """Sessions in the server store (Redis keys, or cachelib files but its counter file)."""
    redis = app.extensions.get("orion.redis")
    if redis is not None:
        return len(redis.keys("orion:session:*"))
    return sum(1 for path in Path(app.config["SESSION_FILE_DIR"]).iterdir() if path.name != "__wz_cache_count")


def set_cookie(response, name: str) -> str | None:
    return next((h for h in response.headers.getlist("Set-Cookie") if h.startswith(f"{name}=")), None)


def page_token(response) -> str:
    return text(response).split('<meta name="csrf-token" content="')[1].split('"')[0]


def cookie(client, name: str) -> str | None:
    found = client.get_cookie(name)
    return found.value if found is not None else None


# --- anonymous visitors ------------------------------------------------------------------------

def test_anonymous_pages_store_no_session(client, app, mug):
    before = stored_sessions(app)
    first = client.get(f"{ACME}/")
    assert first.status_code == 200 and page_token(first)
    header = set_cookie(first, "orion_visit")
    attributes = [part.strip().lower() for part in header.split(";")[1:]]
    assert "httponly" in attributes and "samesite=lax" in attributes
    assert any(a.startswith("expires=") for a in attributes)
    assert not any(a.startswith("domain=") for a in attributes)
    for page in (f"{ACME}/", f"{ACME}/cart", "/auth/login"):
        response = client.get(page)
        assert response.status_code == 200
        assert set_cookie(response, "orion_session") is None
    assert cookie(client, "orion_session") is None
    assert stored_sessions(app) == before


def test_the_first_post_moves_the_visitor_to_a_stored_session(client, app, demo, mug):
    token = page_token(client.get(f"{ACME}/"))
    before = stored_sessions(app)
    response = client.post(f"{ACME}/cart/add", data={"variant_id": mug, "quantity": 1},
                           headers={"X-CSRFToken": token})
    assert response.status_code == 303
    assert cookie(client, "orion_session") and cookie(client, "orion_visit") is None
    assert stored_sessions(app) == before + 1
    sid = cookie(client, "orion_session")
    # The token of the page seen before the move still works: the session carried it over.
    again = client.post(f"{ACME}/cart/add", data={"variant_id": mug, "quantity": 1},
                        headers={"X-CSRFToken": token})
    assert again.status_code == 303
    assert lines(demo.acme.id) == {mug: 2}
    page = client.get(f"{ACME}/cart")
    assert '<span class="count" aria-hidden="true">2</span>' in text(page)
    assert set_cookie(page, "orion_visit") is None  # a stored session is used as before
    assert cookie(client, "orion_session") == sid
    assert stored_sessions(app) == before + 1


@pytest.mark.parametrize("token", [None, "forged", "another visitor's"])
def test_a_post_without_the_visitors_token_changes_nothing(client, app, demo, mug, token):
    client.get(f"{ACME}/")
    if token == "another visitor's":
        token = page_token(app.test_client().get(f"{ACME}/"))
    before = stored_sessions(app)
    response = client.post(f"{ACME}/cart/add", data={"variant_id": mug, "quantity": 1}, csrf=token is not None,
                           headers={"X-CSRFToken": token} if token else {})
    assert response.status_code == 400
    assert set_cookie(response, "orion_session") is None and cookie(client, "orion_session") is None
    assert stored_sessions(app) == before
    assert lines(demo.acme.id) == {}


@pytest.mark.parametrize("tamper", [lambda value: "x" + value[1:], lambda value: "garbage",
                                    lambda value: value.rsplit(".", 1)[0] + ".forgedsignature"],
                         ids=["changed payload", "garbage", "forged signature"])
def test_a_tampered_visit_cookie_makes_a_new_visitor(client, app, demo, mug, tamper):
    old_token = page_token(client.get(f"{ACME}/"))
    client.set_cookie("orion_visit", tamper(cookie(client, "orion_visit")))
    response = client.get(f"{ACME}/")
    assert response.status_code == 200
    new_token = page_token(response)
    assert set_cookie(response, "orion_visit")
    refused = client.post(f"{ACME}/cart/add", data={"variant_id": mug, "quantity": 1},
                          headers={"X-CSRFToken": old_token})
    assert refused.status_code == 400
    accepted = client.post(f"{ACME}/cart/add", data={"variant_id": mug, "quantity": 1},
                           headers={"X-CSRFToken": new_token})
    assert accepted.status_code == 303
    assert lines(demo.acme.id) == {mug: 1}


# --- signing in and out ------------------------------------------------------------------------

def test_staff_sign_in_from_a_light_session(client, app, demo, login_as):
    client.get("/auth/login")
    before = stored_sessions(app)
    login_as(demo.admin)
    assert cookie(client, "orion_session") and cookie(client, "orion_visit") is None
    assert stored_sessions(app) == before + 1
    assert client.get("/admin/").status_code == 200


def test_staff_sign_in_gives_a_stored_session_a_new_id(client, app, demo, mug, login_as):
    assert add(client, mug, 1).status_code == 303
    planted = cookie(client, "orion_session")
    before = stored_sessions(app)
    login_as(demo.admin)
    assert cookie(client, "orion_session") not in (None, planted)
    assert stored_sessions(app) == before  # the old entry is gone, the new one replaces it
    assert client.get("/admin/").status_code == 200
    client.set_cookie("orion_session", planted)
    assert client.get("/admin/").status_code == 302


def test_shopper_sign_in_gives_a_new_id_and_keeps_the_cart(client, app, demo, mug):
    with store_scope(demo.acme.id):
        customers.register_customer(demo.acme.id, "sam@example.com", PASSWORD, first_name="Sam", last_name="S")
        db.session.commit()
    assert add(client, mug, 1).status_code == 303
    planted = cookie(client, "orion_session")
    response = client.post(f"{ACME}/account/login", data={"email": "sam@example.com", "password": PASSWORD})
    assert response.status_code == 303
    assert cookie(client, "orion_session") not in (None, planted)
    assert client.get(f"{ACME}/account/").status_code == 200
    assert '<span class="count" aria-hidden="true">1</span>' in text(client.get(f"{ACME}/cart"))
    client.set_cookie("orion_session", planted)
    assert client.get(f"{ACME}/account/").status_code == 302


def test_sign_out_still_ends_the_sign_in(client, app, demo, login_as):
    login_as(demo.admin)
    before = stored_sessions(app)
    assert client.post("/auth/logout").status_code == 303
    assert "You have been signed out." in text(client.get("/auth/login"))
    assert client.get("/admin/").status_code == 302
    assert stored_sessions(app) == before
