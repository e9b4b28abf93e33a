"""Dashboard cards from the inventory module."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from webapp.framework.features import feature_enabled
from webapp.framework.providers import Widget
from webapp.modules.inventory.services import count_low_stock


def dashboard_widgets(frontend: str, **context) -> list[Widget]:
    if frontend != "store" or not feature_enabled("inventory.low_stock_alerts"):
        return []
    count = count_low_stock(context["store"].id)
    return [Widget(_("Low-stock items"), format_decimal(count),
                   _("At or below their alert level") if count else _("Stock levels look fine"),
                   endpoint="inventory_store.low_stock_list", order=30)]
