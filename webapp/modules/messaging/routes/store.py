"""Merchant dashboard: the store's outgoing emails."""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, url_for

from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.modules.messaging import services
from webapp.modules.messaging.views import STATUS_BADGES

bp = Blueprint("messaging_store", __name__)


@bp.get("/outbox")
@permission_required("messaging.notifications.view")
def outbox_list():
    page = services.store_outbox(g.store.id, page=page_number())
    return render("messaging/store/outbox/index.html", "messaging/shared/outbox/_table.html", page=page,
                  badges=STATUS_BADGES, show_store=False,
                  page_url=lambda n: url_for("messaging_store.outbox_list", page=n),
                  detail_url=lambda m: url_for("messaging_store.outbox_show", message_id=m.id))


@bp.get("/outbox/<int:message_id>")
@permission_required("messaging.notifications.view")
def outbox_show(message_id: int):
    message = services.store_message(g.store.id, message_id)
    if message is None:
        abort(404)
    return render_template("messaging/store/outbox/show.html", message=message, badges=STATUS_BADGES,
                           back_url=url_for("messaging_store.outbox_list"))
