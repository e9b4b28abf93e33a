"""Inventory: stock per variant and location, the movements ledger, reservations and low-stock alerts."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import EventSubscription, MenuItem, ModuleDefinition, PeriodicJob, Permission

module = ModuleDefinition(
    code="inventory",
    name="Inventory",
    description="Stock levels per product variant and location, with a history of every stock movement, "
                "stock held during checkout and low-stock alerts.",
    version="1.0.0",
    features=("inventory.multi_location", "inventory.low_stock_alerts"),
    permissions=(
        Permission("inventory.view", _l("View stock"), _l("See stock levels, locations and movements."),
                   category="inventory", roles=("owner", "manager", "staff")),
        Permission("inventory.adjust", _l("Adjust stock"),
                   _l("Correct stock levels and move stock between locations, with a reason."),
                   category="inventory", roles=("owner", "manager")),
        Permission("inventory.locations.manage", _l("Manage locations"),
                   _l("Add, rename and remove stock locations."),
                   category="inventory", roles=("owner", "manager")),
    ),
    menu_items={
        "store": (MenuItem(_l("Inventory"), "inventory_store.item_list", icon="box", permission="inventory.view",
                           order=30),),
    },
    event_handlers=(EventSubscription("orders.cancelled", "events:restock_cancelled_order"),
                    EventSubscription("orders.refunded", "events:restock_refunded_lines")),
    # Holds of abandoned checkouts give their stock back once expired (every store, one pass).
    periodic_jobs=(PeriodicJob("jobs:purge_expired_reservations", interval=300),),
    widget_provider="widgets:dashboard_widgets",
    demo_data="demo:seed",
    config={"LOW_STOCK_THRESHOLD": 5, "RESERVATION_MINUTES": 15},
)
