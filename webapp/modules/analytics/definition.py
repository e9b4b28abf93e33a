"""Analytics: sales and order reports for the merchant, built from daily aggregates."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="analytics",
    name="Analytics",
    description="Reports on sales over time, orders, average order value, top products and the conversion "
                "funnel, with charts, tables and CSV export.",
    version="1.0.0",
    features=("analytics.advanced", "analytics.export"),
    permissions=(
        Permission("analytics.view", _l("View analytics"), _l("See sales and order reports."),
                   category="analytics", roles=("owner", "manager")),
        Permission("analytics.export", _l("Export analytics"), _l("Download reports as CSV files."),
                   category="analytics", roles=("owner", "manager")),
    ),
    config={"DEFAULT_RANGE_DAYS": 30},
)
