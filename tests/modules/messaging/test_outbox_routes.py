"""Outbox pages: the merchant sees only the store's emails, admins only their platforms'."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.tenancy.services import create_user

pytestmark = pytest.mark.usefixtures("isolated_requests")


def text(response) -> str:
    return response.get_data(as_text=True)


def add_message(store_id, platform_id, subject, **fields) -> OutboxMessage:
    message = OutboxMessage(store_id=store_id, platform_id=platform_id, to_address=fields.pop("to", "ada@example.com"),
                            subject=subject, body_text=fields.pop("body_text", "Hello"), template="testmail/emails/x",
                            locale="en", status=fields.pop("status", "sent"), attempts=1, **fields)
    db.session.add(message)
    db.session.flush()
    return message


@pytest.fixture
def outbox(demo):
    acme = add_message(demo.acme.id, demo.main.id, "Acme order confirmation", to="ada@example.com",
                       body_text="Your order\n  #1001", body_html="<script>alert(1)</script><p>Hi</p>")
    bistro = add_message(demo.bistro.id, demo.loyalty.id, "Bistro reservation", to="bob@example.com")
    platform = add_message(None, demo.main.id, "Platform notice", to="owner@acme.test")
    db.session.commit()
    return {"acme": acme.id, "bistro": bistro.id, "platform": platform.id}


def test_owner_sees_the_store_emails_only(client, demo, login_as, outbox):
    login_as(demo.owner)
    page = text(client.get("/store/acme/messaging/outbox"))
    assert "Acme order confirmation" in page
    assert "ada@example.com" in page
    assert "Bistro reservation" not in page and "bob@example.com" not in page
    assert "Platform notice" not in page


def test_the_menu_links_the_outbox(client, demo, login_as, outbox):
    login_as(demo.owner)
    page = text(client.get("/store/acme/"))
    assert 'href="/store/acme/messaging/outbox"' in page


def test_htmx_gets_the_table_only(client, demo, login_as, outbox, htmx_headers):
    login_as(demo.owner)
    response = client.get("/store/acme/messaging/outbox?page=1", headers=htmx_headers)
    assert response.status_code == 200
    assert text(response).lstrip().startswith('<div id="outbox-table">')
    assert "<html" not in text(response)


def test_the_list_paginates_newest_first(client, demo, login_as):
    for number in range(30):
        add_message(demo.acme.id, demo.main.id, f"Mail number {number:02d}")
    db.session.commit()
    login_as(demo.owner)
    first = text(client.get("/store/acme/messaging/outbox"))
    second = text(client.get("/store/acme/messaging/outbox?page=2"))
    assert "Mail number 29" in first and "Mail number 05" in first and "Mail number 04" not in first
    assert "Mail number 04" in second and "Mail number 00" in second
    assert client.get("/store/acme/messaging/outbox?page=junk").status_code == 200


def test_detail_shows_text_and_escaped_html_source(client, demo, login_as, outbox):
    login_as(demo.owner)
    response = client.get(f"/store/acme/messaging/outbox/{outbox['acme']}")
    page = text(response)
    assert response.status_code == 200
    assert "<pre>Your order\n  #1001</pre>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Hi&lt;/p&gt;" in page
    assert "<script>alert(1)" not in page


def test_another_store_message_id_is_not_found(client, demo, login_as, outbox):
    login_as(demo.bistro_owner)
    response = client.get(f"/store/bistro/messaging/outbox/{outbox['acme']}")
    assert response.status_code == 404
    assert "Acme order confirmation" not in text(response)
    assert client.get(f"/store/bistro/messaging/outbox/{outbox['platform']}").status_code == 404
    assert client.get("/store/bistro/messaging/outbox/999999").status_code == 404


def test_another_store_outbox_is_not_found(client, demo, login_as, outbox):
    login_as(demo.bistro_owner)
    response = client.get("/store/acme/messaging/outbox")
    assert response.status_code == 404
    assert "Acme order confirmation" not in text(response)


def test_staff_may_not_read_the_outbox(client, demo, login_as, outbox):
    login_as(demo.staff)
    assert client.get("/store/acme/messaging/outbox").status_code == 403
    assert client.get(f"/store/acme/messaging/outbox/{outbox['acme']}").status_code == 403
    assert 'href="/store/acme/messaging/outbox"' not in text(client.get("/store/acme/"))


def test_anonymous_visitors_are_sent_to_sign_in(client, demo, outbox):
    response = client.get(f"/store/acme/messaging/outbox/{outbox['acme']}")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/auth/login")


def test_super_admin_sees_every_email(client, demo, login_as, outbox):
    login_as(demo.admin)
    page = text(client.get("/admin/messaging/outbox"))
    assert "Acme order confirmation" in page and "Bistro reservation" in page and "Platform notice" in page
    assert "<code>acme</code>" in page
    assert client.get(f"/admin/messaging/outbox/{outbox['bistro']}").status_code == 200


def test_platform_admin_sees_only_their_platform(client, demo, login_as, outbox):
    loyalty_admin = create_user("admin@loyalty.test", "orion-demo", platform_role="platform_admin",
                                platform_id=demo.loyalty.id)
    db.session.commit()
    login_as(loyalty_admin)
    page = text(client.get("/admin/messaging/outbox"))
    assert "Bistro reservation" in page
    assert "Acme order confirmation" not in page and "Platform notice" not in page
    assert client.get(f"/admin/messaging/outbox/{outbox['acme']}").status_code == 404
    assert client.get(f"/admin/messaging/outbox/{outbox['bistro']}").status_code == 200


@pytest.mark.parametrize("who, status", [("translator", 403), ("owner", 403)])
def test_admin_outbox_needs_the_permission(client, demo, login_as, outbox, who, status):
    login_as(getattr(demo, who))
    assert client.get("/admin/messaging/outbox").status_code == status
    assert client.get(f"/admin/messaging/outbox/{outbox['acme']}").status_code == status
