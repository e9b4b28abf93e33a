"""The module registry built from the real module definitions (SPEC §3.2)."""

from __future__ import annotations

import pytest

from webapp.framework.registry.discovery import discover
from webapp.framework.registry.registry import ModuleRegistry

TIERS = {
    "core": {"contracts", "core", "tenancy", "cms", "customers", "billing", "payments", "messaging"},
    "optional": {"catalog", "inventory", "cart", "checkout", "orders", "analytics", "loyalty", "marketplace"},
    "internal": {"devtools", "monitoring"},
}
REQUIRES = {
    "catalog": {"inventory"}, "cart": {"inventory"}, "checkout": {"cart", "orders", "customers"},
    "loyalty": {"customers"}, "marketplace": {"inventory"}, "billing": {"payments"},
}
ALL = frozenset(set().union(*TIERS.values()))


@pytest.fixture(scope="module")
def registry() -> ModuleRegistry:
    return ModuleRegistry(discover())


def test_all_eighteen_modules_are_discovered(registry):
    assert len(ALL) == 18
    assert {d.code for d in registry} == ALL


@pytest.mark.parametrize("tier", sorted(TIERS))
def test_tiers_follow_the_spec(registry, tier):
    assert {d.code for d in registry if d.tier == tier} == TIERS[tier]


def test_requires_edges_follow_the_spec(registry):
    assert {d.code: set(d.requires) for d in registry if d.requires} == REQUIRES


def test_discovery_order_puts_requirements_first(registry):
    codes = [d.code for d in registry]
    for code, needed in REQUIRES.items():
        for requirement in needed:
            assert codes.index(requirement) < codes.index(code), (requirement, code)


def test_requirements_and_dependents_are_transitive(registry):
    assert registry.requirements("checkout") == {"cart", "orders", "customers", "inventory"}
    assert registry.dependents("inventory") == {"catalog", "cart", "checkout", "marketplace"}
    assert registry.dependents("analytics") == set()


def test_enable_plan_switches_on_missing_requirements(registry):
    enabled = ALL - {"checkout", "cart", "orders", "inventory"}
    plan = registry.enable_plan("checkout", enabled)
    assert set(plan) == {"checkout", "cart", "orders", "inventory"}
    assert plan.index("inventory") < plan.index("cart") < plan.index("checkout")


def test_enable_plan_leaves_out_what_is_already_on(registry):
    enabled = ALL - {"checkout", "cart"}
    assert set(registry.enable_plan("checkout", enabled)) == {"checkout", "cart"}
    assert registry.enable_plan("checkout", ALL) == []


def test_disable_plan_switches_off_dependents(registry):
    plan = registry.disable_plan("inventory", ALL)
    assert set(plan) == {"inventory", "catalog", "cart", "checkout", "marketplace"}
    assert plan[-1] == "inventory"  # dependents go first
    assert plan.index("checkout") < plan.index("cart")


def test_disable_plan_skips_dependents_already_off(registry):
    plan = registry.disable_plan("inventory", ALL - {"catalog", "checkout"})
    assert set(plan) == {"inventory", "cart", "marketplace"}


@pytest.mark.parametrize("code", sorted(TIERS["core"] | TIERS["internal"]))
def test_core_and_internal_modules_cannot_be_disabled(registry, code):
    with pytest.raises(ValueError, match=f"'{code}' is (core|internal) and cannot be disabled"):
        registry.disable_plan(code, ALL)


def test_always_enabled_is_core_and_internal(registry):
    assert registry.always_enabled() == TIERS["core"] | TIERS["internal"]


def test_effective_enabled_defaults_to_everything(registry):
    assert registry.effective_enabled({}) == ALL


def test_effective_enabled_turns_off_modules_whose_requirement_is_off(registry):
    enabled = registry.effective_enabled({"inventory": False})
    assert not enabled & {"inventory", "catalog", "cart", "checkout", "marketplace"}
    assert {"orders", "analytics", "loyalty"} <= enabled


def test_effective_enabled_ignores_stored_choices_for_core_modules(registry):
    enabled = registry.effective_enabled({"customers": False, "tenancy": False, "devtools": False})
    assert {"customers", "tenancy", "devtools", "checkout", "loyalty"} <= enabled


def test_permissions_are_collected_from_every_module(registry):
    assert "tenancy.platforms.manage" in registry.permissions
    assert "catalog.products.view" in registry.permissions
    assert all(pid.startswith(f"{code}.") for code in ALL for pid in
               (p.id for p in registry.get(code).permissions))
