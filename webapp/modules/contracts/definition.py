"""Contracts: the protocols and event types modules share, so they never import each other."""

from webapp.framework.registry import ModuleDefinition

module = ModuleDefinition(
    code="contracts",
    name="Contracts",
    description="Holds the protocols and event types shared across modules (such as an order being paid), "
                "so modules can work together without depending on each other. It has no screens.",
    version="1.0.0",
    is_core=True,
)
