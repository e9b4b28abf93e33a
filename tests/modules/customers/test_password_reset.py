"""Password reset by emailed link: same answer for every email, signed single-use links per store."""

from __future__ import annotations

import re
import time

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from tests.modules.customers.helpers import ACME, ACME_HOST, BISTRO, link_in, text
from webapp.extensions import db
from webapp.framework.auth.passwords import verify_password
from webapp.framework.scoping import store_scope
from webapp.modules.customers import services
from webapp.modules.customers.models import Customer

NEW = "a-brand-new-secret"


def forgot(client, email: str, prefix: str = ACME, host: str = "localhost"):
    return client.post(f"{prefix}/account/password/forgot", data={"email": email}, headers={"Host": host})


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def reload(customer) -> Customer:
    db.session.expire_all()
    with store_scope(customer.store_id):
        return db.session.get(Customer, customer.id)


def test_known_and_unknown_emails_get_the_same_answer(client, demo, shopper, outbox):
    known = forgot(client, "sam@example.com")
    unknown = forgot(client, "nobody@example.com")
    assert known.status_code == unknown.status_code == 303
    assert known.headers["Location"] == unknown.headers["Location"] == f"{ACME}/account/password/forgot"
    assert [e.to for e in outbox] == ["sam@example.com"]
    page = text(client.get(f"{ACME}/account/password/forgot"))
    assert "If an account exists for nobody@example.com, we have sent it a link" in page


def test_the_whole_flow_sets_the_password_once(client, demo, shopper, outbox, sign_in_shopper):
    forgot(client, "SAM@example.com")
    [email] = outbox
    assert email.template == "customers/emails/password_reset" and email.locale == "en"
    assert "open this link within 60 minutes" in email.body and email.subject == "Choose a new password for Acme"
    url = email.link
    assert url.startswith(f"http://localhost{ACME}/account/password/reset/")

    assert client.get(path_of(url)).status_code == 200
    done = client.post(path_of(url), data={"password": NEW, "password_confirm": NEW})
    assert done.status_code == 303 and done.headers["Location"] == f"{ACME}/account/"
    customer = reload(shopper)
    assert verify_password(customer.password_hash, NEW) and customer.session_version == 2

    again = client.post(path_of(url), data={"password": "yet-another-secret", "password_confirm": "yet-another-secret"})
    assert again.status_code == 400
    assert "This link no longer works" in text(again)
    assert verify_password(reload(shopper).password_hash, NEW)


def test_the_link_follows_the_store_host(client, demo, shopper, outbox):
    forgot(client, "sam@example.com", prefix="", host=ACME_HOST)
    url = outbox[0].link
    assert url.startswith(f"http://{ACME_HOST}/account/password/reset/")
    assert client.get(path_of(url), headers={"Host": ACME_HOST}).status_code == 200


def test_a_reset_ends_other_sessions(client, demo, shopper, outbox, sign_in_shopper, app):
    sign_in_shopper()
    other = app.test_client()
    forgot(other, "sam@example.com")
    url = path_of(outbox[0].link)
    assert other.post(url, data={"password": NEW, "password_confirm": NEW}).status_code == 303
    assert client.get(f"{ACME}/account/").status_code == 302  # the first session is over


def test_an_expired_link_is_refused(client, demo, shopper, outbox, app, monkeypatch):
    forgot(client, "sam@example.com")
    url = path_of(outbox[0].link)
    monkeypatch.setitem(app.config, "CUSTOMERS_PASSWORD_RESET_MAX_AGE", 60)
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 120)
    response = client.post(url, data={"password": NEW, "password_confirm": NEW})
    assert response.status_code == 400
    assert not verify_password(reload(shopper).password_hash, NEW)


def test_a_link_of_another_store_is_refused(client, demo, shopper, make_customer, outbox):
    make_customer(demo.bistro, email="sam@example.com")
    forgot(client, "sam@example.com")
    token = outbox[0].link.rsplit("/", 1)[1]
    response = client.post(f"{BISTRO}/account/password/reset/{token}", data={"password": NEW, "password_confirm": NEW})
    assert response.status_code == 400
    assert client.get(f"{BISTRO}/account/password/reset/{token}").status_code == 400


@pytest.mark.parametrize("token", ["garbage", "a" * 300, "eyJjIjoxfQ.abc.def"])
def test_forged_links_are_refused(client, demo, shopper, token):
    assert client.get(f"{ACME}/account/password/reset/{token}").status_code == 400


def test_a_weak_new_password_keeps_the_link_usable(client, demo, shopper, outbox):
    forgot(client, "sam@example.com")
    url = path_of(outbox[0].link)
    weak = client.post(url, data={"password": "short", "password_confirm": "short"})
    assert weak.status_code == 422 and "Use at least 10 characters." in text(weak)
    assert client.post(url, data={"password": NEW, "password_confirm": NEW}).status_code == 303


def test_a_guest_can_set_a_first_password_through_the_link(client, demo, make_customer, outbox):
    guest = make_customer(email="guest@example.com", password=None)
    forgot(client, "guest@example.com")
    url = path_of(outbox[0].link)
    assert client.post(url, data={"password": NEW, "password_confirm": NEW}).status_code == 303
    assert verify_password(reload(guest).password_hash, NEW)


def test_a_bad_email_is_a_422_and_sends_nothing(client, demo, outbox):
    response = forgot(client, "not an email")
    assert response.status_code == 422 and "Invalid email address." in text(response)
    assert outbox == []


@pytest.mark.parametrize("locale", ["en", "fr", "de"])
def test_email_templates_render_in_a_sandbox_with_the_link(app, demo, shopper, locale):
    # As messaging renders them: a sandbox, and every variable must be given.
    environment = ImmutableSandboxedEnvironment(loader=app.jinja_loader, undefined=StrictUndefined)
    with store_scope(demo.acme.id):
        token = services.make_reset_token(shopper.store_id, shopper.id)
    context = {"first_name": "Sam", "store_name": "Acme", "expires_minutes": 60,
               "reset_url": f"http://localhost{ACME}/account/password/reset/{token}",
               "account_url": f"http://localhost{ACME}/account/"}
    for name, url_key in (("password_reset", "reset_url"), ("welcome", "account_url")):
        body = environment.get_template(f"customers/emails/{name}.{locale}.txt").render(context)
        assert body.startswith("Subject: ") and "Acme" in body.splitlines()[0]
        assert link_in(body) == context[url_key]
        assert "Sam" in body


def test_reset_posts_are_rate_limited(client, demo, outbox):
    for _attempt in range(10):
        assert forgot(client, "nobody@example.com").status_code == 303
    assert forgot(client, "nobody@example.com").status_code == 429


def test_the_reset_form_needs_a_csrf_token(client, demo, shopper, outbox):
    forgot(client, "sam@example.com")
    url = path_of(outbox[0].link)
    assert client.post(url, data={"password": NEW, "password_confirm": NEW}, csrf=False).status_code == 400
    assert reload(shopper).session_version == 1
    assert client.post(url, data={"password": NEW, "password_confirm": NEW}).status_code == 303
