"""Dashboard cards from the catalog: how many products the store has, how many are live."""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.auth.access import has_permission
from webapp.framework.providers import Widget
from webapp.modules.catalog.models import Product


def dashboard_widgets(frontend: str, **_context) -> list[Widget]:
    if frontend != "store" or not has_permission("catalog.products.view"):
        return []
    total, active = db.session.execute(select(func.count(Product.id),
                                              func.count(Product.id).filter(Product.status == "active"))).one()
    return [Widget(_("Products"), format_decimal(total), _("%(num)s active", num=format_decimal(active)),
                   endpoint="catalog_store.product_list", order=20)]
