"""Gateway webhooks: the one endpoint exempt from CSRF (gateways sign their requests instead)."""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify, request

from webapp.extensions import csrf, db
from webapp.framework.auth.access import public
from webapp.modules.payments import services

bp = Blueprint("payments_api", __name__)
log = logging.getLogger(__name__)


@bp.post("/payments/webhooks/<gateway>")
@public
@csrf.exempt
def webhook_receive(gateway: str):
    try:
        outcome = services.handle_webhook(gateway, request.get_data(cache=False), request.headers)
    except services.UnknownGateway:
        db.session.rollback()
        return jsonify(error="unknown gateway"), 404
    except services.WebhookError as error:
        db.session.rollback()
        log.warning("refused %s webhook: %s", gateway, error)
        return jsonify(error="invalid webhook"), 400
    db.session.commit()
    return jsonify(status=outcome)
