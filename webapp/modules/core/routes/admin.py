"""The platform admin dashboard, the audit log, the support view of a store, the search box."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.auth.support import DURATION_SECONDS, end_support_view, start_support_view
from webapp.framework.htmx import render
from webapp.framework.paging import page_number
from webapp.framework.providers import collect_widgets
from webapp.framework.search import search
from webapp.modules.core.forms import AuditFilterForm, SearchForm, SupportViewForm
from webapp.modules.core.services import AuditFilters, audit_actions, audit_entries
from webapp.modules.core.views import action_choices, audit_rows
from webapp.modules.tenancy import services as tenancy

bp = Blueprint("core_admin", __name__)


@bp.get("/")
@permission_required("core.admin.dashboard")
def dashboard_show():
    return render_template("core/admin/dashboard.html", widgets=collect_widgets("admin"))


def _platform_ids() -> tuple[int, ...] | None:
    return tenancy.admin_platform_ids(actor_id=current_user.id)


def _store_in_reach(code: str, platform_ids) -> int | None:
    """The id of store `code` if it belongs to the reader's platforms (else as if it did not exist)."""
    store_id = tenancy.store_id_by_code(code)
    if store_id is None or (platform_ids is not None and tenancy.platform_id_of_store(store_id) not in platform_ids):
        return None
    return store_id


@bp.get("/audit")
@permission_required("core.audit.view")
def audit_list():
    platform_ids = _platform_ids()
    form = AuditFilterForm(request.args)
    form.action.choices = action_choices(audit_actions(platform_ids=platform_ids))
    valid = form.validate()
    store_id = None
    if valid and form.store.data:
        store_id = _store_in_reach(form.store.data.lower(), platform_ids)
        if store_id is None:
            form.store.errors.append(_("No store with this code."))
            valid = False
    if not valid:
        page, status = None, 422
    else:
        filters = AuditFilters(actor=form.actor.data or "", action=form.action.data or "", store_id=store_id,
                               platform_ids=platform_ids, since=form.date_from.data, until=form.date_to.data)
        page, status = audit_entries(filters, page=page_number()), 200
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render("core/admin/audit/index.html", "core/shared/audit/_table.html", status=status, form=form,
                  page=page, rows=audit_rows(page.items) if page else [], show_store=True,
                  list_url=url_for("core_admin.audit_list"),
                  page_url=lambda n: url_for("core_admin.audit_list", **args, page=n))


def _store_for_support(code: str):
    store = tenancy.get_store_for_admin(code, actor_id=current_user.id)
    if store is None:
        abort(404)
    return store


@bp.get("/support/<code>")
@permission_required("core.support.open")
def support_new(code: str):
    """The support view's start page: which store, for how long, and an optional reason."""
    return render_template("core/admin/support/new.html", store=_store_for_support(code), form=SupportViewForm(),
                           minutes=DURATION_SECONDS // 60)


@bp.post("/support/<code>")
@permission_required("core.support.open")
def support_open(code: str):
    """Open a store's dashboard read-only, for a limited time; every visit is recorded."""
    store = _store_for_support(code)
    form = SupportViewForm()
    if not form.validate():
        return render_template("core/admin/support/new.html", store=store, form=form,
                               minutes=DURATION_SECONDS // 60), 422
    start_support_view(current_user.id, store)
    audit("core.support_view.opened", target_type="store", target_id=store.id, store_id=store.id,
          platform_id=store.platform_id, details={"reason": form.reason.data or "", "minutes": DURATION_SECONDS // 60})
    db.session.commit()
    return redirect(url_for("core_store.dashboard_show", store_code=store.code), code=303)


@bp.post("/support/exit")
@permission_required("core.support.open")
def support_exit():
    visit = end_support_view()
    if visit is not None and visit.user_id == current_user.id:
        audit("core.support_view.closed", target_type="store", target_id=visit.store_id, store_id=visit.store_id,
              platform_id=tenancy.platform_id_of_store(visit.store_id))
        db.session.commit()
        flash(_("You left the support view of %(store)s.", store=visit.store_name), "success")
    return redirect(url_for("tenancy_admin.store_list"), code=303)


@bp.get("/search")
@permission_required("core.admin.dashboard")
def search_results():
    form = SearchForm(request.args)
    term = (form.q.data or "") if form.validate() else ""
    groups = search("admin", term, platform_ids=_platform_ids()) if term else []
    return render("core/shared/search/index.html", "core/shared/search/_results.html", layout="layouts/admin.html",
                  form=form, term=term, groups=groups, results_url=url_for("core_admin.search_results"))
