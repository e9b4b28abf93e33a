"""Admin: every outgoing email of the platforms the signed-in staff member manages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, url_for
from flask_login import current_user

from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.modules.messaging import services
from webapp.modules.messaging.views import STATUS_BADGES
from webapp.modules.tenancy.services import store_codes

bp = Blueprint("messaging_admin", __name__)


def _platform_ids() -> list[int] | None:
    return current_user.admin_platform_ids


@bp.get("/outbox")
@permission_required("messaging.outbox.view")
def outbox_list():
    page = services.admin_outbox(_platform_ids(), page=page_number())
    return render("messaging/admin/outbox/index.html", "messaging/shared/outbox/_table.html", page=page,
                  badges=STATUS_BADGES, show_store=True,
                  store_codes=store_codes({message.store_id for message in page.items}),
                  page_url=lambda n: url_for("messaging_admin.outbox_list", page=n),
                  detail_url=lambda m: url_for("messaging_admin.outbox_show", message_id=m.id))


@bp.get("/outbox/<int:message_id>")
@permission_required("messaging.outbox.view")
def outbox_show(message_id: int):
    message = services.admin_message(_platform_ids(), message_id)
    if message is None:
        abort(404)
    return render_template("messaging/admin/outbox/show.html", message=message, badges=STATUS_BADGES,
                           store_code=store_codes({message.store_id}).get(message.store_id),
                           back_url=url_for("messaging_admin.outbox_list"))
