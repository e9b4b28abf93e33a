"""ORN007 and ORN008 on an assembled app: menus point to real endpoints of their module, and a route
that declares no access is both reported and refused (403) by the request guard."""

from __future__ import annotations

from flask import Blueprint

from tests.fixtures.app import close_app
from tests.unit.test_checks_rules import tree  # noqa: F401  (the fake modules tree fixture)
from webapp import create_app
from webapp.framework.auth.access import public
from webapp.framework.checks import routes, run_checks
from webapp.framework.routing.frontends import url_prefix

MENU_DEFINITION = """
from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="shop", name="Shop", description="A fake module.",
    permissions=(Permission("shop.view", "View"),),
    menu_items={"store": (
        MenuItem("Ghost", "shop_store.ghost_show"),
        MenuItem("Theirs", "catalog_store.product_list"),
        MenuItem("Secret", "catalog_store.product_list", permission="shop.secret"),
    )},
)
"""


def test_orn007_menu_items_to_unknown_or_foreign_endpoints_and_unknown_permissions(app, tree):  # noqa: F811
    folder = tree.module("shop")
    (folder / "definition.py").write_text(MENU_DEFINITION)

    found = [f for f in routes.check(app, tree.registry()) if f.rule == "ORN007"]

    assert [(f.where, f.message) for f in found] == [
        ("webapp/modules/shop/definition.py", "a menu item points to unknown endpoint 'shop_store.ghost_show'"),
        ("webapp/modules/shop/definition.py",
         "menu item points to another module's endpoint 'catalog_store.product_list'"),
        ("webapp/modules/shop/definition.py",
         "menu item points to another module's endpoint 'catalog_store.product_list'"),
        ("webapp/modules/shop/definition.py", "menu item needs unknown permission 'shop.secret'"),
    ]


def test_the_real_tree_classifies_every_route(app):
    assert [f for f in run_checks(app) if f.rule in ("ORN007", "ORN008")] == []


def test_orn008_an_unclassified_route_is_reported_and_answers_403(app, demo):
    planted = create_app({"TESTING": True, "SECRET_KEY": app.config["SECRET_KEY"],
                          "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                          "REDIS_URL": app.config.get("REDIS_URL"), "RATELIMIT_STORAGE_URI": "memory://"})
    registry = planted.extensions["orion.modules"]
    bp = Blueprint("catalog_planted", __name__)

    @bp.get("/forgotten")
    def forgotten():
        return "store data"

    @bp.get("/declared")
    @public
    def declared():
        return "fine"

    planted.register_blueprint(bp, url_prefix=url_prefix("store", registry.get("catalog")) + "/planted")
    registry.add_blueprint(bp.name, "catalog", "store")
    try:
        found = [(f.rule, f.where, f.message) for f in routes.check(planted, registry)]
        assert found == [("ORN008", "catalog_planted.forgotten", "route does not declare who may call it")]

        client = planted.test_client()
        response = client.get("/store/acme/catalog/planted/forgotten")
        assert response.status_code == 403
        assert "store data" not in response.get_data(as_text=True)
        # The declared neighbour passes the access check (a dashboard page: sign in first).
        assert client.get("/store/acme/catalog/planted/declared").status_code == 302
    finally:
        close_app(planted)
