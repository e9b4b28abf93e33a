"""Module discovery: each definition is validated, the set is consistent and ordered by dependency."""

from __future__ import annotations

import importlib
import sys
import textwrap

import pytest

from webapp.framework.registry import ModuleDefinition, Permission
from webapp.framework.registry.definition import DefinitionError
from webapp.framework.registry.discovery import check_consistency, discover, load_definition, order


def definition(code: str, **fields) -> ModuleDefinition:
    fields.setdefault("name", code.title())
    fields.setdefault("description", f"The {code} module.")
    return ModuleDefinition(code=code, **fields)


def by_code(*definitions: ModuleDefinition) -> dict[str, ModuleDefinition]:
    return {d.code: d for d in definitions}


# --- one definition on its own -----------------------------------------------------------------

def test_a_complete_definition_is_valid():
    definition("shop", permissions=(Permission("shop.view", "View"),)).validate()


@pytest.mark.parametrize("missing", ["name", "description"])
def test_missing_name_or_description_is_named_in_the_error(missing):
    with pytest.raises(DefinitionError, match=f"{missing} is required") as error:
        definition("shop", **{missing: ""}).validate()
    assert "'shop'" in str(error.value)


@pytest.mark.parametrize("code", ["Shop", "1shop", "s", "shop-x", "shop x", "", "a" * 40])
def test_bad_code_is_refused(code):
    with pytest.raises(DefinitionError, match="must be lowercase"):
        definition(code).validate()


def test_permission_id_must_start_with_the_module_code():
    bad = definition("shop", permissions=(Permission("catalog.view", "View"),))
    with pytest.raises(DefinitionError, match=r"'catalog\.view' must start with 'shop\.'"):
        bad.validate()


def test_a_permission_declared_twice_in_one_module_is_refused():
    twice = definition("shop", permissions=(Permission("shop.view", "A"), Permission("shop.view", "B")))
    with pytest.raises(DefinitionError, match=r"'shop\.view' is declared twice"):
        twice.validate()


def test_a_module_cannot_require_itself():
    with pytest.raises(DefinitionError, match="cannot require itself"):
        definition("shop", requires=("shop",)).validate()


def test_core_and_internal_at_once_is_refused():
    with pytest.raises(DefinitionError, match="both core and internal"):
        definition("shop", is_core=True, is_internal=True).validate()


def test_references_must_name_submodule_and_attribute():
    with pytest.raises(DefinitionError, match=r"'widgets\.dashboard' must look like"):
        definition("shop", widget_provider="widgets.dashboard").validate()


def test_unknown_frontend_in_menus_is_refused():
    with pytest.raises(DefinitionError, match="unknown frontend 'backoffice'"):
        definition("shop", menu_items={"backoffice": ()}).validate()


def test_a_context_provider_may_fill_the_pricing_page_but_a_menu_may_not_name_it():
    definition("shop", context_providers={"pricing": "views:plans"}).validate()
    with pytest.raises(DefinitionError, match="unknown frontend 'pricing'"):
        definition("shop", menu_items={"pricing": ()}).validate()


def test_only_core_modules_may_provide_ports():
    with pytest.raises(DefinitionError, match="only core modules may provide"):
        definition("shop", provides={"login_view": "routes:LOGIN"}).validate()


# --- the set of definitions --------------------------------------------------------------------

def test_unknown_requirement_names_both_modules():
    with pytest.raises(DefinitionError, match="module 'cart' requires unknown module 'stock'"):
        check_consistency(by_code(definition("cart", requires=("stock",))))


def test_core_module_requiring_an_optional_module_is_rejected():
    modules = by_code(definition("billing", is_core=True, requires=("loyalty",)), definition("loyalty"))
    with pytest.raises(DefinitionError, match="core module 'billing' cannot require optional module 'loyalty'"):
        check_consistency(modules)


def test_core_module_may_require_another_core_module():
    check_consistency(by_code(definition("billing", is_core=True, requires=("payments",)),
                              definition("payments", is_core=True)))


def test_the_same_permission_in_two_modules_is_rejected():
    # A permission id of another module's prefix fails `validate`; consistency catches it anyway.
    modules = by_code(definition("shop", permissions=(Permission("shop.view", "View"),)),
                      definition("shop2", permissions=(Permission("shop.view", "View"),)))
    with pytest.raises(DefinitionError, match=r"permission 'shop\.view' declared by 'shop' and 'shop2'"):
        check_consistency(modules)


def test_a_dependency_cycle_is_reported_with_its_modules():
    modules = by_code(definition("a", requires=("b",)), definition("b", requires=("c",)),
                      definition("c", requires=("a",)), definition("d"))
    check_consistency(modules)  # every requirement exists: only ordering can find the cycle
    with pytest.raises(DefinitionError, match="module dependency cycle") as error:
        order(modules)
    message = str(error.value)
    cycle = message.split(": ", 1)[1].split(" -> ")
    assert set(cycle) == {"a", "b", "c"}
    assert cycle[0] == cycle[-1]  # the cycle is closed: x -> ... -> x
    assert "d" not in cycle


def test_order_puts_requirements_first():
    modules = by_code(definition("checkout", requires=("cart", "orders")), definition("cart", requires=("inventory",)),
                      definition("orders"), definition("inventory"), definition("analytics"))
    codes = [d.code for d in order(modules)]
    assert sorted(codes) == sorted(modules)
    assert codes.index("inventory") < codes.index("cart") < codes.index("checkout")
    assert codes.index("orders") < codes.index("checkout")


# --- loading definition.py files ---------------------------------------------------------------

@pytest.fixture
def fake_package(tmp_path, monkeypatch):
    """A package `fakepkg` on sys.path; `add(folder, source)` writes `fakepkg/<folder>/definition.py`."""
    root = tmp_path / "fakepkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    monkeypatch.syspath_prepend(str(tmp_path))

    def add(folder: str, source: str) -> None:
        (root / folder).mkdir()
        (root / folder / "__init__.py").write_text("")
        (root / folder / "definition.py").write_text(textwrap.dedent(source))
        importlib.invalidate_caches()

    yield root, add
    for name in [n for n in sys.modules if n == "fakepkg" or n.startswith("fakepkg.")]:
        del sys.modules[name]


MODULE_SOURCE = """
    from webapp.framework.registry import ModuleDefinition
    module = ModuleDefinition(code={code!r}, name="Shop", description="A shop.", requires={requires!r})
"""


def test_load_definition_returns_the_validated_definition(fake_package):
    _root, add = fake_package
    add("shop", MODULE_SOURCE.format(code="shop", requires=()))
    loaded = load_definition("shop", package="fakepkg")
    assert (loaded.code, loaded.name) == ("shop", "Shop")


def test_load_definition_rejects_a_folder_whose_code_differs(fake_package):
    _root, add = fake_package
    add("shop", MODULE_SOURCE.format(code="store", requires=()))
    with pytest.raises(DefinitionError, match="folder 'shop' declares code 'store'"):
        load_definition("shop", package="fakepkg")


def test_load_definition_requires_a_module_object(fake_package):
    _root, add = fake_package
    add("shop", "definition = None\n")
    with pytest.raises(DefinitionError, match=r"fakepkg\.shop\.definition must define `module"):
        load_definition("shop", package="fakepkg")


def test_load_definition_validates(fake_package):
    _root, add = fake_package
    add("shop", """
        from webapp.framework.registry import ModuleDefinition
        module = ModuleDefinition(code="shop", name="", description="A shop.")
    """)
    with pytest.raises(DefinitionError, match="name is required"):
        load_definition("shop", package="fakepkg")


def test_discover_orders_a_package_and_rejects_its_cycle(fake_package):
    root, add = fake_package
    add("cart", MODULE_SOURCE.format(code="cart", requires=("stock",)))
    add("stock", MODULE_SOURCE.format(code="stock", requires=()))
    (root / "notes").mkdir()  # a folder without definition.py is not a module
    assert [d.code for d in discover(root, package="fakepkg")] == ["stock", "cart"]

    (root / "stock" / "definition.py").write_text(textwrap.dedent(MODULE_SOURCE.format(code="stock",
                                                                                       requires=("cart",))))
    del sys.modules["fakepkg.stock.definition"]
    with pytest.raises(DefinitionError, match="cycle"):
        discover(root, package="fakepkg")
