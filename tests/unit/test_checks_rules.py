"""Every file rule of `flask orion check` (ORN001-ORN006, ORN009-ORN013) fires on a planted violation
in a small fake modules tree, at the right place; a clean module of the full shape produces nothing."""

from __future__ import annotations

import importlib
import sys
import textwrap
import uuid
from pathlib import Path

import pytest

from webapp.framework.checks import conventions, imports, lookups, raw_sql, shape
from webapp.framework.checks.shape import MODULE_SHAPE
from webapp.framework.registry.discovery import discover
from webapp.framework.registry.registry import ModuleRegistry

DEFINITION = """
from webapp.framework.registry import ModuleDefinition

module = ModuleDefinition(code={code!r}, name={code!r}, description="A fake module.",
                          is_core={core!r}, requires={requires!r})
"""
STORE_TABLES = {"shop_products"}


class FakeTree:
    """`<tmp>/<package>/{framework,modules}`: the layout `runner.run_checks` hands the rules."""

    def __init__(self, root: Path, package: str):
        self.root = root
        self.package = package

    def module(self, code: str, files: dict[str, str] | None = None, *, core: bool = False,
               requires: tuple[str, ...] = ()) -> Path:
        folder = self.root / "modules" / code
        folder.mkdir(parents=True)
        (folder / "__init__.py").write_text("")
        (folder / "definition.py").write_text(DEFINITION.format(code=code, core=core, requires=requires))
        for name, source in (files or {}).items():
            self.write(f"modules/{code}/{name}", source)
        return folder

    def write(self, name: str, source: str = "") -> None:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(source))

    def registry(self) -> ModuleRegistry:
        importlib.invalidate_caches()
        return ModuleRegistry(discover(self.root / "modules", package=f"{self.package}.modules"),
                              package=f"{self.package}.modules")

    def findings(self) -> list[tuple[str, str, str]]:
        registry = self.registry()
        found = [*shape.check(self.root / "modules", registry), *imports.check(self.root, registry),
                 *raw_sql.check(self.root, STORE_TABLES), *lookups.check(self.root, registry),
                 *conventions.check(self.root, registry)]
        return [(f.rule, f.where, f.message) for f in sorted(found)]

    def places(self) -> list[tuple[str, str]]:
        """(rule, where) with the package prefix of file places cut off."""
        return [(rule, where.removeprefix(f"{self.package}/")) for rule, where, _ in self.findings()]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    package = f"orion_fake_{uuid.uuid4().hex[:8]}"
    root = tmp_path / package
    for folder in (root, root / "modules", root / "framework"):
        folder.mkdir(exist_ok=True)
        (folder / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield FakeTree(root, package)
    for name in [n for n in sys.modules if n.split(".")[0] == package]:
        del sys.modules[name]


MIGRATION = """
revision = "shop_001"
down_revision = None
branch_labels = ("shop",)
depends_on = ("tenancy_001",)
"""


def full_shape(tree: FakeTree) -> None:
    """A module with every name of the shape, each used as the rules want."""
    tree.module("shop", {
        "models.py": "",
        "exceptions.py": "",
        "services/__init__.py": "from .orders import place_order\n\n\ndef count(store_id: int) -> int:\n    return 0\n",
        "services/orders.py": "def place_order(store_id: int, order=None):\n    return None\n",
        "forms/__init__.py": "",
        "routes/__init__.py": "",
        "routes/store.py": "from webapp.modules.shop.services.orders import place_order\n",
        "views/__init__.py": "",
        "session.py": "from flask import session\n",
        "slots.py": "", "widgets.py": "", "search.py": "", "jobs.py": "", "events.py": "",
        "demo/__init__.py": "",
        "templates/shop/store/index.html": "",
        "static/shop.css": "",
        "migrations/versions/shop_001_initial.py": MIGRATION,
        "__pycache__/x.cpython-311.pyc": "", ".editorconfig": "",
    })
    tree.module("billing", {"services/__init__.py": "", "session.py": ""}, core=True)


def test_a_module_of_the_full_shape_and_its_public_imports_pass(tree):
    full_shape(tree)
    tree.module("cart", {"services.py": """
        from webapp.modules.billing.services import invoice
        from webapp.modules.billing.session import current_account
        from webapp.modules.shop import services
        from webapp.modules.shop.services import place_order
        import webapp.modules.shop.services
        from webapp.modules.contracts.events import OrderPaid


        def total(store_id: int, *, store=None):
            return place_order(store_id), services, invoice, current_account, OrderPaid

        def _helper(store):
            return store
    """}, requires=("shop",))
    tree.module("contracts", core=True)
    present = {f"{p.name}/" if p.is_dir() else p.name for p in (tree.root / "modules" / "shop").iterdir()}
    assert all(set(kind) & present for kind in MODULE_SHAPE)  # one name of every kind
    assert tree.findings() == []


# ---- ORN001 / ORN002: folders and files -------------------------------------------------------

def test_orn001_a_folder_without_definition_is_reported(tree):
    tree.module("shop")
    tree.write("modules/notes/readme.txt", "not a module")
    assert tree.places() == [("ORN001", "webapp/modules/notes")]


def test_orn001_a_definition_the_registry_does_not_know_is_reported(tree):
    tree.module("shop")
    registry = tree.registry()
    tree.module("extra")  # appeared after the registry was assembled: not a loaded module
    found = shape.check(tree.root / "modules", registry)
    assert [(f.rule, f.where) for f in found] == [("ORN001", "webapp/modules/extra")]


def test_orn002_top_level_names_outside_the_shape_are_reported_with_the_allowed_names(tree):
    tree.module("shop", {"flow.py": "", "gateways/__init__.py": "", "models/__init__.py": "",
                         "demo_data.py": "", "templates/shop/x.html": ""})
    findings = [f for f in tree.findings() if f[0] == "ORN002"]
    assert [where for _, where, _ in findings] == [
        "webapp/modules/shop/demo_data.py", "webapp/modules/shop/flow.py", "webapp/modules/shop/gateways/"]
    message = findings[0][2]
    assert "allowed: __init__.py, definition.py, models.py or models/, exceptions.py," in message
    assert message.endswith("templates/, static/, migrations/")


def test_orn002_a_file_named_like_an_allowed_folder_is_reported(tree):
    tree.module("shop", {"routes.py": "", "templates": ""})
    assert tree.places() == [("ORN002", "webapp/modules/shop/routes.py"), ("ORN002", "webapp/modules/shop/templates")]


def test_orn002_init_route_files_and_templates_folder(tree):
    tree.module("shop", {"routes/__init__.py": "", "routes/helpers.py": "", "routes/store.py": "",
                         "templates/other/x.html": ""})
    (tree.root / "modules" / "shop" / "__init__.py").write_text('"""Docs are fine."""\nimport os\n')
    assert tree.places() == [("ORN002", "webapp/modules/shop/__init__.py"),
                             ("ORN002", "webapp/modules/shop/routes/helpers.py"),
                             ("ORN002", "webapp/modules/shop/templates/other")]


# ---- ORN003-ORN006: imports -------------------------------------------------------------------

def test_orn003_a_core_module_importing_an_optional_one(tree):
    tree.module("shop", {"services/__init__.py": ""})
    tree.module("billing", {"jobs.py": "\nfrom webapp.modules.shop.services import place_order\n"}, core=True)
    assert tree.places() == [("ORN003", "modules/billing/jobs.py:2")]


def test_orn004_an_optional_module_not_in_requires(tree):
    tree.module("shop", {"services/__init__.py": ""})
    tree.module("cart", {"jobs.py": "import webapp.modules.shop.services\n"})
    assert tree.findings() == [("ORN004", f"{tree.package}/modules/cart/jobs.py:1",
                                "imports 'shop', which is not in its requires")]


def test_orn004_a_submodule_of_a_module_not_in_requires_is_reported_twice_over(tree):
    tree.module("shop", {"services/__init__.py": "", "services/lifecycle.py": ""})
    tree.module("cart", {"jobs.py": "from webapp.modules.shop.services import lifecycle\n"})
    assert [message for _r, _w, message in tree.findings()] == [
        "imports 'shop', which is not in its requires",
        "reaches into webapp.modules.shop.services.lifecycle; use webapp.modules.shop.services or .session"]


def test_orn004_an_unknown_module(tree):
    tree.module("cart", {"jobs.py": "import webapp.modules.ghost.services\nfrom webapp.modules import ghost\n"})
    assert tree.places() == [("ORN004", "modules/cart/jobs.py:1"), ("ORN004", "modules/cart/jobs.py:2")]


def test_orn003_also_for_from_webapp_modules_import_code(tree):
    tree.module("shop")
    tree.module("billing", {"jobs.py": "from webapp.modules import shop\n"}, core=True)
    assert tree.places() == [("ORN003", "modules/billing/jobs.py:1")]


def test_orn004_private_parts_and_services_submodules_of_another_module(tree):
    tree.module("shop", {"models.py": "", "migrations/versions/shop_001_initial.py": MIGRATION,
                         "services/__init__.py": "from .lifecycle import cancel\n",
                         "services/lifecycle.py": "def cancel(store_id: int): ...\n",
                         "services/gateways/__init__.py": ""})
    tree.module("cart", {"jobs.py": """
        from webapp.modules.shop.models import Order
        from webapp.modules.shop import models
        from webapp.modules.shop.services import lifecycle
        import webapp.modules.shop.services.lifecycle
        from webapp.modules.shop.services.lifecycle import cancel, cancel as undo
        from webapp.modules.shop.services import gateways, cancel
        from webapp.modules.shop.services import cancel
    """}, requires=("shop",))
    findings = tree.findings()
    assert [(rule, where.rpartition(":")[2]) for rule, where, _ in findings] == [
        ("ORN004", "2"), ("ORN004", "3"), ("ORN004", "4"), ("ORN004", "5"), ("ORN004", "6"), ("ORN004", "7")]
    assert findings[2][2] == ("reaches into webapp.modules.shop.services.lifecycle; use "
                              "webapp.modules.shop.services or .session")
    assert "webapp.modules.shop.services.gateways" in findings[5][2]


def test_orn004_within_its_own_module_everything_is_allowed(tree):
    tree.module("shop", {"models.py": "", "migrations/versions/shop_001_initial.py": MIGRATION,
                         "services/__init__.py": "", "services/lifecycle.py": "",
                         "routes/__init__.py": "",
                         "routes/store.py": "from webapp.modules.shop.services.lifecycle import x\n"
                                            "from webapp.modules.shop.models import Order\n"})
    assert tree.findings() == []


def test_orn005_the_framework_importing_a_module(tree):
    tree.module("shop")
    tree.write("framework/helpers.py", "\n\nfrom webapp.modules.shop.services import x\n")
    assert ("ORN005", "framework/helpers.py:3") in tree.places()


def test_orn006_definition_importing_its_own_module(tree):
    folder = tree.module("shop", {"models.py": "", "migrations/versions/shop_001_initial.py": MIGRATION})
    source = (folder / "definition.py").read_text()
    text = source + "\n\ndef later():\n    from webapp.modules.shop.models import X\n"
    (folder / "definition.py").write_text(text)
    line = text.splitlines().index("    from webapp.modules.shop.models import X") + 1
    assert tree.places() == [("ORN006", f"modules/shop/definition.py:{line}")]


# ---- ORN009 / ORN010: migrations and raw SQL --------------------------------------------------

def test_orn009_models_without_a_migration_branch(tree):
    tree.module("shop", {"models.py": ""})
    tree.module("cart", {"models/__init__.py": "",
                         "migrations/versions/cart_001_initial.py": 'revision = "cart_001"\n'})
    assert tree.findings() == [
        ("ORN009", "webapp/modules/cart", "no revision declares branch_labels = ('cart',)"),
        ("ORN009", "webapp/modules/shop", "has models but no migrations/versions/shop_001_*.py")]


def test_orn010_raw_sql_on_a_store_table(tree):
    tree.module("shop", {"jobs.py": 'from sqlalchemy import text\nq = text("DELETE FROM shop_products")\n'})
    assert tree.places() == [("ORN010", "modules/shop/jobs.py:2")]


# ---- ORN011: string lookups ---------------------------------------------------------------------

def test_orn011_string_lookups_of_modules_and_tables(tree):
    tree.module("billing", {"services/__init__.py": ""}, core=True)
    tree.module("shop", {"services/__init__.py": ""})
    tree.module("cart", {"jobs.py": """
        import importlib
        from importlib import import_module

        from webapp.extensions import db

        a = importlib.import_module("webapp.modules.shop.services")
        b = import_module("webapp.modules.shop.services")
        c = __import__("webapp.modules.shop.services")
        stores = db.metadata.tables["tenancy_stores"]
        orders = db.metadata.tables.get("shop_orders")


        def billing():
            try:
                from webapp.modules.billing import services
            except ImportError:
                return None
            return services


        def shop():
            try:
                import webapp.modules.shop.services as shop
            except (ModuleNotFoundError, RuntimeError):
                return None
            return shop


        def own(registry):
            return registry.resolve("cart", "jobs:x"), registry.resolve("shop", "services:place")
    """}, requires=("shop",))
    assert sorted(tree.places()) == sorted(("ORN011", f"modules/cart/jobs.py:{line}")
                                           for line in (7, 8, 9, 10, 11, 16, 24, 31))


def test_orn011_a_try_import_of_an_optional_module_not_required_is_left_to_orn004(tree):
    tree.module("shop", {"services/__init__.py": ""})
    tree.module("cart", {"jobs.py": """
        try:
            from webapp.modules.shop import services
        except ImportError:
            services = None
    """})
    assert tree.places() == [("ORN004", "modules/cart/jobs.py:3")]


# ---- ORN012 / ORN013: the service convention ----------------------------------------------------

def test_orn012_request_state_in_services(tree):
    tree.module("shop", {"services/__init__.py": "", "services/orders.py": """
        import flask
        from flask import current_app, g, request
        from flask_login import current_user


        def who():
            return flask.session.get("x"), current_app
    """})
    tree.module("cart", {"services.py": "from flask import session\nfrom flask_babel import get_locale\n",
                         "views.py": "from flask import g, request, session\n"})
    assert tree.places() == [("ORN012", "modules/cart/services.py:1"),
                             ("ORN012", "modules/cart/services.py:2"),
                             ("ORN012", "modules/shop/services/orders.py:3"),
                             ("ORN012", "modules/shop/services/orders.py:3"),
                             ("ORN012", "modules/shop/services/orders.py:4"),
                             ("ORN012", "modules/shop/services/orders.py:8")]


def test_orn013_public_services_taking_an_object_first(tree):
    tree.module("shop", {
        "services/__init__.py": """
            from .orders import cancel, place_order
            from webapp.modules.shop.services.stores import *


            def for_platform(platform, code):
                return None
        """,
        "services/orders.py": """
            def place_order(store, cart):
                return None


            def cancel(order, *, by=None):
                return None


            def refund(store, order):  # not exported: private to the module
                return None
        """,
        "services/stores.py": """
            def rename(store_id: int, name: str):
                return None


            def close(store):
                return None


            def _hidden(customer):
                return None
        """,
    })
    tree.module("cart", {"services.py": "def add(customer, line):\n    return None\n\n\n"
                                        "def _private(store):\n    return None\n"})
    findings = tree.findings()
    assert [(rule, where.removeprefix(f"{tree.package}/")) for rule, where, _ in findings] == [
        ("ORN013", "modules/cart/services.py:1"),
        ("ORN013", "modules/shop/services/__init__.py:6"),
        ("ORN013", "modules/shop/services/orders.py:2"),
        ("ORN013", "modules/shop/services/stores.py:6")]
    assert findings[0][2] == "public service add() takes 'customer' first; take customer_id first"
    assert findings[2][2] == "public service place_order() takes 'store' first; take store_id first"
