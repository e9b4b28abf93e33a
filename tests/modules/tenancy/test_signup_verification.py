"""Email verification after signup: a signed, expiring, single-use link; unverified owners cannot sign in."""

import pytest

from tests.modules.tenancy.signup_helpers import SIGNUP, emails, form, link_path, user

VERIFY = "tenancy/emails/verify_email"


@pytest.fixture
def signed_up(client, demo):
    assert client.post(SIGNUP, data=form()).status_code == 303
    return link_path(emails(VERIFY)[0].body_text)


def test_the_link_verifies_signs_in_and_opens_the_dashboard(client, signed_up):
    page = client.get(signed_up)
    assert page.status_code == 200 and "Confirm and open my dashboard" in page.get_data(as_text=True)
    assert user("nora@bakery.example.com").email_verified_at is None  # opening the link changes nothing

    response = client.post(signed_up)
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/nora-bakery/")
    assert user("nora@bakery.example.com").email_verified_at is not None
    assert client.get("/store/nora-bakery/").status_code == 200


def test_a_used_link_says_so(client, signed_up):
    client.post(signed_up)
    for response in (client.get(signed_up), client.post(signed_up)):
        assert response.status_code == 410
        assert "already confirmed" in response.get_data(as_text=True)


def test_an_expired_link_offers_a_new_one(client, signed_up, app, monkeypatch):
    monkeypatch.setitem(app.config, "TENANCY_EMAIL_VERIFICATION_MAX_AGE", -1)  # any age is past it
    response = client.get(signed_up)
    assert response.status_code == 410
    assert "has expired" in response.get_data(as_text=True) and "Send a new link" in response.get_data(as_text=True)
    assert client.post(signed_up).status_code == 410
    assert user("nora@bakery.example.com").email_verified_at is None


def test_a_tampered_link_is_refused(client, signed_up):
    tampered = signed_up[:-3] + ("aaa" if not signed_up.endswith("aaa") else "bbb")
    response = client.post(tampered)
    assert response.status_code == 400 and "not valid" in response.get_data(as_text=True)
    assert client.get("/platforms/main/signup/verify/garbage").status_code == 400
    assert user("nora@bakery.example.com").email_verified_at is None


def test_a_link_of_one_platform_does_not_work_on_another(client, signed_up):
    other = signed_up.replace("/platforms/main/", "/platforms/loyalty/")
    assert client.post(other).status_code == 400
    assert user("nora@bakery.example.com").email_verified_at is None


def test_the_verification_post_needs_csrf(client, signed_up):
    assert client.post(signed_up, csrf=False).status_code == 400
    assert user("nora@bakery.example.com").email_verified_at is None


def test_an_unverified_owner_is_asked_to_verify_first(client, signed_up):
    response = client.post("/auth/login", data={"email": "nora@bakery.example.com", "password": "flour-and-water-42"})
    assert response.status_code == 403
    assert "Confirm your email address first" in response.get_data(as_text=True)
    assert client.get("/store/nora-bakery/").status_code == 302  # still signed out


def test_a_wrong_password_stays_a_wrong_password(client, signed_up):
    response = client.post("/auth/login", data={"email": "nora@bakery.example.com", "password": "wrong-password-1"})
    assert response.status_code == 422 and "incorrect" in response.get_data(as_text=True)


def test_demo_users_count_as_verified(client, demo, login_as):
    login_as(demo.owner)
    assert client.get("/store/acme/").status_code == 200


def test_resend_sends_a_fresh_link_that_works(client, signed_up):
    response = client.post("/auth/verification/resend", data={"email": "Nora@Bakery.example.com"})
    assert response.status_code == 303
    assert len(emails(VERIFY)) == 2
    fresh = link_path(emails(VERIFY)[1].body_text)
    assert client.post(fresh).status_code == 303


def test_resend_reveals_nothing_about_unknown_or_verified_addresses(client, demo):
    for email in ("nobody@example.com", demo.owner.email):
        response = client.post("/auth/verification/resend", data={"email": email})
        assert response.status_code == 303
    assert emails(VERIFY) == []
    assert client.post("/auth/verification/resend", data={"email": ""}).status_code == 422


def test_resend_is_rate_limited(client, signed_up):
    statuses = [client.post("/auth/verification/resend", data={"email": "nobody@example.com"}).status_code
                for _attempt in range(4)]
    assert statuses == [303, 303, 303, 429]
