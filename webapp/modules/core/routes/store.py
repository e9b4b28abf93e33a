"""The merchant's store dashboard home."""

from flask import Blueprint, g, render_template

from webapp.framework.auth.access import permission_required
from webapp.framework.providers import collect_widgets, render_slot

bp = Blueprint("core_store", __name__)


@bp.get("/")
@permission_required("core.store.dashboard")
def dashboard_show():
    return render_template("core/store/dashboard.html", widgets=collect_widgets("store", store=g.store),
                           cards=render_slot("store.dashboard.cards", store=g.store))
