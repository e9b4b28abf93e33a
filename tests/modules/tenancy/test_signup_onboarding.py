"""After signup: the dashboard checklist ticks itself; the owner launches (open) or an admin approves."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.modules.tenancy.signup_helpers import SIGNUP, emails, form, link_path, store
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.services import ProductInput, TextInput, VariantInput, create_product
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import LaunchRefused
from webapp.modules.tenancy.models import Platform

DASHBOARD = "/store/nora-bakery/"
STOREFRONT = "/platforms/main/storefront/nora-bakery/"


@pytest.fixture
def new_shop(client, demo):
    """A freshly signed-up, verified and signed-in owner on `main`."""
    assert client.post(SIGNUP, data=form()).status_code == 303
    assert client.post(link_path(emails("tenancy/emails/verify_email")[0].body_text)).status_code == 303
    return store("nora-bakery")


def set_policy(platform_id: int, policy: str) -> None:
    db.session.get(Platform, platform_id).signup_policy = policy
    db.session.commit()


def page(client) -> str:
    response = client.get(DASHBOARD)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_a_new_shop_sees_its_checklist(client, new_shop):
    html = page(client)
    assert "Get your shop ready" in html and "0 of 6 steps done" in html
    for label in ("Add your first product", "Set up payments", "Set up shipping", "Customise the look of your shop",
                  "Add your own domain", "Launch your shop"):
        assert label in html
    assert 'href="/store/nora-bakery/catalog/products/new"' in html  # an open step links to its page
    assert "Launch my shop" in html


def test_the_checklist_ticks_itself(client, new_shop):
    services.add_store_domain(new_shop.id, "shop.nora.example.com")
    db.session.commit()
    assert "1 of 6 steps done" in page(client)
    create_product(new_shop.id, ProductInput(texts={"en": TextInput(name="Sourdough")},
                                             variants=[VariantInput(sku="SD-1", price=Decimal("6.50"))]))
    db.session.commit()
    html = page(client)
    assert "2 of 6 steps done" in html
    assert 'href="/store/nora-bakery/catalog/products/new"' not in html  # done: no link any more


def test_the_checklist_is_per_store(client, new_shop, demo, login_as):
    login_as(demo.owner)  # acme is live with products: its own state, not the new shop's
    html = client.get("/store/acme/").get_data(as_text=True)
    assert "0 of 6" not in html
    assert client.get(DASHBOARD).status_code == 404  # not acme's owner's store


def test_staff_see_no_launch_button_and_no_hide(client, new_shop, demo, login_as):
    services.add_member(new_shop.id, demo.staff.id, "staff")
    db.session.commit()
    login_as(demo.staff)
    html = page(client)
    assert "Get your shop ready" in html
    assert "Launch my shop" not in html and "Hide this checklist" not in html
    assert client.post("/store/nora-bakery/launch").status_code == 403
    assert client.post("/store/nora-bakery/onboarding/hide").status_code == 403
    assert store("nora-bakery").status == "pending"


def test_the_owner_hides_the_checklist(client, new_shop):
    assert client.post("/store/nora-bakery/onboarding/hide").status_code == 303
    assert "Get your shop ready" not in page(client)


def test_a_pending_storefront_is_closed(client, new_shop):
    assert client.get(STOREFRONT).status_code == 503


def test_the_owner_launches_on_an_open_platform(client, new_shop):
    response = client.post("/store/nora-bakery/launch")
    assert response.status_code == 303
    assert store("nora-bakery").status == "active"
    assert client.get(STOREFRONT).status_code == 200
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "tenancy.store.launched"))
    assert entry.target_id == str(new_shop.id)
    assert "1 of 6 steps done" in page(client) and "Launch my shop" not in page(client)


def test_launch_needs_csrf(client, new_shop):
    assert client.post("/store/nora-bakery/launch", csrf=False).status_code == 400
    assert store("nora-bakery").status == "pending"


def test_an_approval_platform_keeps_the_shop_waiting(client, new_shop, demo):
    set_policy(demo.main.id, "approval")
    html = page(client)
    assert "Awaiting approval" in html and "Launch my shop" not in html
    client.post("/store/nora-bakery/launch")
    assert store("nora-bakery").status == "pending"

    services.approve_store(new_shop.id, actor_id=demo.admin.id)
    db.session.commit()
    assert store("nora-bakery").status == "active"
    assert client.get(STOREFRONT).status_code == 200


def test_approve_refuses_a_store_that_is_not_pending(demo):
    with pytest.raises(LaunchRefused):
        services.approve_store(demo.acme.id, actor_id=demo.admin.id)


def test_another_owner_cannot_launch_someone_elses_shop(client, new_shop, demo, login_as):
    login_as(demo.bistro_owner)
    assert client.post("/store/nora-bakery/launch").status_code == 404
    assert store("nora-bakery").status == "pending"


def test_the_checklist_goes_away_once_every_step_is_done(client, new_shop):
    from webapp.modules.checkout.services import get_settings
    from webapp.modules.payments.services import update_settings

    create_product(new_shop.id, ProductInput(texts={"en": TextInput(name="Rye")},
                                             variants=[VariantInput(sku="RY-1", price=Decimal("5"))]))
    with store_scope(new_shop.id):
        update_settings(new_shop.id, enabled_gateways=["manual"], manual_instructions="IBAN LU00 0000")
        get_settings(new_shop.id)  # what opening the checkout settings does: the default shipping methods
    services.add_store_domain(new_shop.id, "rye.example.com")
    db.session.get(type(new_shop), new_shop.id).theme = {"primary": "#7a3e00"}
    db.session.commit()
    assert "5 of 6 steps done" in page(client)
    client.post("/store/nora-bakery/launch")
    assert "Get your shop ready" not in page(client)
