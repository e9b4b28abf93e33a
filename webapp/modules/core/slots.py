"""Core's slot renderers: the audit trail on the admin's merchant, store and platform pages."""

from __future__ import annotations

from flask import render_template, url_for

from webapp.framework.navigation import link_allowed
from webapp.modules.core.services import recent_entries
from webapp.modules.core.views import audit_rows

RECENT = 10


def _trail(entries, **filters) -> str:
    link = url_for("core_admin.audit_list", **filters) if link_allowed("core_admin.audit_list") else None
    return render_template("core/admin/slots/_recent_audit.html", rows=audit_rows(entries), link=link)


def merchant_trail(merchant_id: int | None = None, merchant=None, **_context) -> str:
    merchant_id = merchant_id if merchant_id is not None else getattr(merchant, "id", None)
    if merchant_id is None:
        return ""
    return _trail(recent_entries(target_type="merchant", target_id=merchant_id, limit=RECENT))


def store_trail(store_id: int | None = None, store=None, **_context) -> str:
    store_id = store_id if store_id is not None else getattr(store, "id", None)
    if store_id is None:
        return ""
    code = getattr(store, "code", None)
    return _trail(recent_entries(target_type="store", target_id=store_id, store_id=store_id, limit=RECENT),
                  **({"store": code} if code else {}))


def platform_trail(platform_id: int | None = None, platform=None, **_context) -> str:
    platform_id = platform_id if platform_id is not None else getattr(platform, "id", None)
    if platform_id is None:
        return ""
    return _trail(recent_entries(target_type="platform", target_id=platform_id, platform_id=platform_id,
                                 limit=RECENT))
