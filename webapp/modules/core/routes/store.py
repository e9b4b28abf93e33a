"""The merchant's store dashboard home."""

from flask import Blueprint, g, render_template

from webapp.framework.auth.access import has_permission, permission_required
from webapp.framework.onboarding import onboarding_checklist
from webapp.framework.providers import collect_widgets, render_slot
from webapp.modules.tenancy import services as tenancy

bp = Blueprint("core_store", __name__)


def _checklist():
    """The onboarding checklist while it has open steps and the owner has not hidden it."""
    if tenancy.onboarding_hidden(g.store.id):
        return None
    checklist = onboarding_checklist(g.store.id)
    return None if checklist.complete or not checklist.steps else checklist


@bp.get("/")
@permission_required("core.store.dashboard")
def dashboard_show():
    return render_template("core/store/dashboard.html", widgets=collect_widgets("store", store=g.store),
                           cards=render_slot("store.dashboard.cards", store=g.store), checklist=_checklist(),
                           may_hide=has_permission("tenancy.settings.manage"))
