"""Onboarding steps in module definitions: their check references are validated like every other."""

import pytest

from webapp.framework.registry import ModuleDefinition, OnboardingStep
from webapp.framework.registry.definition import DefinitionError


def definition(*steps) -> ModuleDefinition:
    return ModuleDefinition(code="shop_extra", name="Extra", description="d", onboarding_steps=steps)


def test_a_step_with_a_proper_check_reference_passes():
    definition(OnboardingStep("thing", "Do the thing", "extra_store.thing", "services:thing_done")).validate()


@pytest.mark.parametrize("check", ["", "services.thing_done", "services:", "Services:x-y"])
def test_a_malformed_check_reference_is_refused(check):
    with pytest.raises(DefinitionError, match="submodule:attribute"):
        definition(OnboardingStep("thing", "Do the thing", None, check)).validate()


def test_the_enabled_modules_declare_the_six_steps(app):
    codes = [step.code for module in app.extensions["orion.modules"] for step in module.onboarding_steps]
    assert sorted(codes) == ["domain", "launch", "look", "payments", "product", "shipping"]
