"""Going live: the owner launches a pending store; the onboarding checklist can be hidden."""

from __future__ import annotations

from flask import flash, g, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.routing.areas import RouteArea
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import (
    LaunchRefused,
)

area = RouteArea()
@area.post("/launch")
@permission_required("tenancy.store.launch")
def store_launch():
    """The owner opens their pending store (open platforms); the storefront follows after the commit."""
    try:
        services.launch_store(g.store.id, actor_id=current_user.id)
    except LaunchRefused as error:
        db.session.rollback()
        flash(_launch_refusal(str(error)), "error")
        return redirect(url_for("core_store.dashboard_show"), code=303)
    audit("tenancy.store.launched", target_type="store", target_id=g.store.id, before={"status": "pending"},
          after={"status": "active"}, store_id=g.store.id, platform_id=g.store.platform_id)
    db.session.commit()
    flash(_("Your shop is live. Customers can now visit it and order."), "success")
    return redirect(url_for("core_store.dashboard_show"), code=303)


def _launch_refusal(reason: str) -> str:
    return {"live": _("Your shop is already live."),
            "awaiting_approval": _("Your shop opens once the platform has approved it."),
            "suspended": _("A suspended shop cannot be launched."),
            "paused": _("Your shop is paused until the subscription is paid.")}.get(
        reason, _("Only the store owner can launch it."))


@area.post("/onboarding/hide")
@permission_required("tenancy.settings.manage")
def onboarding_hide():
    services.hide_onboarding(g.store.id, actor_id=current_user.id)
    db.session.commit()
    flash(_("The checklist is hidden."), "info")
    return redirect(url_for("core_store.dashboard_show"), code=303)


