"""Admin → Platforms → Modules: the list, the cascade preview, switching, and what it does to routes."""

from __future__ import annotations

import re

import pytest
from flask import Blueprint
from sqlalchemy import select

from tests.fixtures.app import close_app
from webapp import create_app
from webapp.extensions import db
from webapp.framework.auth.access import public
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import Platform, PlatformModule
from webapp.modules.tenancy.services import apply_module_plan, plan_module_change

pytestmark = pytest.mark.usefixtures("isolated_requests")

ALL_MODULES = {"contracts", "core", "tenancy", "cms", "customers", "billing", "payments", "messaging", "catalog",
               "inventory", "cart", "checkout", "orders", "analytics", "loyalty", "marketplace", "devtools",
               "monitoring"}
INVENTORY_DEPENDENTS = {"catalog": "Catalog", "cart": "Cart", "checkout": "Checkout", "marketplace": "Marketplace"}
URL = "/admin/platforms/main/modules"


def text(response) -> str:
    return response.get_data(as_text=True)


def module_states(page: str) -> dict[str, bool]:
    return {code: enabled == "true" for code, enabled in
            re.findall(r'data-module="([a-z_]+)" data-enabled="(true|false)"', page)}


def stored(platform) -> dict[str, bool]:
    db.session.expire_all()
    return {row.module_code: row.enabled for row in
            db.session.scalars(select(PlatformModule).where(PlatformModule.platform_id == platform.id))}


def switch(client, module: str, enable: bool, **headers):
    return client.post(URL, data={"module": module, "enable": "1" if enable else "0"}, headers=headers)


@pytest.fixture
def admin(client, demo, login_as):
    login_as(demo.admin)
    return demo


def test_the_page_lists_every_module_with_its_tier(client, admin):
    response = client.get(URL)
    assert response.status_code == 200
    page = text(response)
    states = module_states(page)
    assert set(states) == ALL_MODULES
    assert all(states.values())
    assert page.count('<span class="badge badge-info">core</span>') == 8
    assert page.count('<span class="badge badge-success">optional</span>') == 8
    assert page.count('<span class="badge badge-muted">internal</span>') == 2
    row = re.search(r'<tr id="module-checkout".*?</tr>', page, re.S).group(0)
    assert "cart, orders, customers" in row
    tenancy_row = re.search(r'<tr id="module-tenancy".*?</tr>', page, re.S).group(0)
    assert "Always on" in tenancy_row and "modules/preview" not in tenancy_row


def test_the_preview_shows_the_cascade_as_a_fragment(client, admin, htmx_headers):
    response = client.get(f"{URL}/preview?module=inventory&enable=0", headers=htmx_headers)
    assert response.status_code == 200
    page = text(response)
    assert "<html" not in page
    assert page.lstrip().startswith('<section id="cascade-preview"')
    listed = dict(re.findall(r'<li data-module="([a-z_]+)">([^<]+)</li>', page))
    assert listed == INVENTORY_DEPENDENTS
    assert '<input type="hidden" name="module" value="inventory">' in page
    assert stored(admin.main) == {}  # a preview changes nothing


def test_the_preview_works_without_javascript(client, admin):
    response = client.get(f"{URL}/preview?module=checkout&enable=0")
    assert response.status_code == 200
    assert "<html" in text(response) and 'id="cascade-preview"' in text(response)
    assert "No other module is affected." in text(response)


def test_disabling_inventory_disables_its_dependents(client, admin, htmx_headers):
    response = switch(client, "inventory", False, **htmx_headers)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "tenancy:modules-changed"
    page = text(response)
    assert "<html" not in page
    assert page.lstrip().startswith('<div id="modules-panel">')
    states = module_states(page)
    assert {code for code, on in states.items() if not on} == {"inventory", *INVENTORY_DEPENDENTS}
    assert "Disabled:" in page
    assert stored(admin.main) == dict.fromkeys({"inventory", *INVENTORY_DEPENDENTS}, False)
    assert stored(admin.loyalty) == {}  # the other platform keeps its modules
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "tenancy.modules.disabled")).all()
    assert entry.platform_id == admin.main.id and set(entry.details["modules"]) == {"inventory", *INVENTORY_DEPENDENTS}

    assert client.get("/platforms/main/storefront/acme/").status_code == 200
    assert client.get("/platforms/main/").status_code == 200
    assert module_states(text(client.get(URL)))["cart"] is False


def test_enabling_checkout_enables_what_it_requires(client, admin, htmx_headers):
    switch(client, "inventory", False, **htmx_headers)
    switch(client, "orders", False, **htmx_headers)
    assert not any(stored(admin.main).values())

    preview = text(client.get(f"{URL}/preview?module=checkout&enable=1", headers=htmx_headers))
    assert set(re.findall(r'<li data-module="([a-z_]+)">', preview)) == {"cart", "orders", "inventory"}

    response = switch(client, "checkout", True, **htmx_headers)
    assert response.status_code == 200
    states = module_states(text(response))
    assert all(states[code] for code in ("checkout", "cart", "orders", "inventory", "customers"))
    assert states["catalog"] is False and states["marketplace"] is False
    rows = stored(admin.main)
    assert {code for code, on in rows.items() if on} == {"checkout", "cart", "orders", "inventory"}
    assert rows["catalog"] is False


@pytest.mark.parametrize("module", ["core", "tenancy", "customers", "devtools"])
def test_core_and_internal_modules_cannot_be_disabled(client, admin, htmx_headers, module):
    response = switch(client, module, False, **htmx_headers)
    assert response.status_code == 422
    assert client.get(f"{URL}/preview?module={module}&enable=0").status_code == 422
    assert stored(admin.main) == {}


def test_an_unknown_module_is_404(client, admin, htmx_headers):
    assert switch(client, "nope", False, **htmx_headers).status_code == 404
    assert client.get(f"{URL}/preview?module=nope&enable=0").status_code == 404
    assert stored(admin.main) == {}


def test_an_unknown_platform_is_404(client, admin):
    assert client.get("/admin/platforms/nope/modules").status_code == 404
    response = client.post("/admin/platforms/nope/modules", data={"module": "loyalty", "enable": "0"})
    assert response.status_code == 404


def test_without_javascript_the_change_redirects_with_a_message(client, admin):
    response = switch(client, "loyalty", False)
    assert response.status_code == 303
    assert response.headers["Location"] == URL
    page = text(client.get(URL))
    assert "Disabled: Loyalty" in page
    assert module_states(page)["loyalty"] is False
    assert "Disabled: Loyalty" not in text(client.get(URL))  # the message is shown once


def test_staff_without_manage_rights_cannot_switch(client, demo, login_as):
    login_as(demo.translator)
    assert switch(client, "loyalty", False).status_code == 403
    assert stored(demo.main) == {}


# --- a disabled module's routes answer 404 on that platform -----------------------------------

@pytest.fixture
def probe_app(app):
    """A second app with a storefront route that belongs to the catalog module."""
    other = create_app({"TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"],
                        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "REDIS_URL": app.config["REDIS_URL"], "RATELIMIT_STORAGE_URI": "memory://"})
    # Its own name: the real catalog module already registers `catalog_storefront`.
    bp = Blueprint("catalog_probe", __name__)

    @bp.get("/")
    @public
    def probe_show():
        return "catalog probe"

    other.register_blueprint(bp, url_prefix="/platforms/<platform_code>/storefront/<store_code>/probe")
    other.extensions["orion.modules"].add_blueprint("catalog_probe", "catalog", "storefront")
    yield other
    close_app(other)
    with other.app_context():
        db.engine.dispose()


def set_module(app, platform_code: str, module: str, enable: bool) -> None:
    with app.app_context():
        platform = db.session.scalar(select(Platform).where(Platform.code == platform_code))
        apply_module_plan(platform.id, plan_module_change(platform.id, module, enable))
        db.session.commit()


def test_a_disabled_module_answers_404_on_that_platform_only(probe_app, demo):
    client = probe_app.test_client()
    acme, bistro = "/platforms/main/storefront/acme/probe/", "/platforms/loyalty/storefront/bistro/probe/"
    assert client.get(acme).status_code == 200
    assert client.get(acme).get_data(as_text=True) == "catalog probe"
    assert client.get("/probe/", headers={"Host": "acme.orion.localhost"}).status_code == 200

    set_module(probe_app, "main", "catalog", False)
    assert client.get(acme).status_code == 404
    assert client.get("/probe/", headers={"Host": "acme.orion.localhost"}).status_code == 404
    assert client.get(bistro).status_code == 200
    assert client.get("/platforms/main/storefront/acme/").status_code == 200  # core pages stay

    set_module(probe_app, "main", "catalog", True)
    assert client.get(acme).status_code == 200


def test_disabling_a_requirement_closes_the_dependent_routes(probe_app, demo):
    client = probe_app.test_client()
    set_module(probe_app, "loyalty", "inventory", False)  # catalog requires inventory
    assert client.get("/platforms/loyalty/storefront/bistro/probe/").status_code == 404
    assert client.get("/platforms/main/storefront/acme/probe/").status_code == 200


def test_modules_defined_but_not_built_say_they_have_no_pages_yet(client, admin):
    page = text(client.get(URL))
    rows = {code: row for code, row in re.findall(r'<tr id="module-([a-z_]+)".*?>(.*?)</tr>', page, re.S)}
    without_pages = {code for code, row in rows.items() if "No pages yet" in row}
    assert {"analytics", "cms", "devtools", "loyalty", "marketplace", "monitoring"} <= without_pages
    assert not without_pages & {"catalog", "orders", "tenancy", "customers", "cart", "checkout", "billing"}
