"""The platform admin dashboard."""

from flask import Blueprint, render_template

from webapp.framework.auth.access import permission_required
from webapp.framework.providers import collect_widgets

bp = Blueprint("core_admin", __name__)


@bp.get("/")
@permission_required("core.admin.dashboard")
def dashboard_show():
    return render_template("core/admin/dashboard.html", widgets=collect_widgets("admin"))
