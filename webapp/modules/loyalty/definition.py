"""Loyalty: stamp cards and points programs, customer wallets and the loyalty ledger."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="loyalty",
    name="Loyalty",
    description="Loyalty programs for the merchant's customers: stamp cards and points earned on paid "
                "orders and redeemed at checkout, with a wallet page on the storefront.",
    version="1.0.0",
    requires=("customers",),
    features=("loyalty.stamps", "loyalty.points"),
    permissions=(
        Permission("loyalty.view", _l("View loyalty"),
                   _l("See loyalty programs, customer balances and their history."),
                   category="loyalty", roles=("owner", "manager", "staff")),
        Permission("loyalty.programs.manage", _l("Manage loyalty programs"),
                   _l("Create and edit stamp cards and points programs and their rewards."),
                   category="loyalty", roles=("owner", "manager")),
        Permission("loyalty.balances.adjust", _l("Adjust loyalty balances"),
                   _l("Add or remove a customer's stamps or points by hand, with a reason."),
                   category="loyalty", roles=("owner", "manager")),
    ),
)
