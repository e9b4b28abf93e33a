"""Module system: definitions, discovery, validation, ordering and registration."""

from webapp.framework.registry.definition import (
    FRONTENDS,
    EventSubscription,
    MenuItem,
    ModuleDefinition,
    OnboardingStep,
    PeriodicJob,
    Permission,
)

__all__ = ["FRONTENDS", "EventSubscription", "MenuItem", "ModuleDefinition", "OnboardingStep", "PeriodicJob",
           "Permission"]
