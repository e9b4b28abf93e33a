"""The merchant's store dashboard home, the store's audit log and the search box."""

from flask import Blueprint, g, render_template, request, url_for
from flask_babel import get_locale

from webapp.framework.auth.access import may_change, permission_required
from webapp.framework.htmx import render
from webapp.framework.onboarding import onboarding_checklist
from webapp.framework.paging import page_number
from webapp.framework.providers import collect_widgets, render_slot
from webapp.framework.search import search
from webapp.modules.core.forms import AuditFilterForm, SearchForm
from webapp.modules.core.services import AuditFilters, audit_actions, audit_entries
from webapp.modules.core.views import action_choices, audit_rows
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
                           may_hide=may_change("tenancy.settings.manage"))


@bp.get("/audit")
@permission_required("core.store_audit.view")
def audit_list():
    form = AuditFilterForm(request.args)
    del form.store  # this page shows one store only
    form.action.choices = action_choices(audit_actions(store_id=g.store.id))
    page, status = None, 422
    if form.validate():
        filters = AuditFilters(actor=form.actor.data or "", action=form.action.data or "", store_id=g.store.id,
                               since=form.date_from.data, until=form.date_to.data)
        page, status = audit_entries(filters, page=page_number()), 200
    args = {key: value for key, value in request.args.items() if key not in ("page", "store") and value}
    return render("core/store/audit/index.html", "core/shared/audit/_table.html", status=status, form=form,
                  page=page, rows=audit_rows(page.items) if page else [], show_store=False,
                  list_url=url_for("core_store.audit_list"),
                  page_url=lambda n: url_for("core_store.audit_list", **args, page=n))


@bp.get("/search")
@permission_required("core.store.dashboard")
def search_results():
    form = SearchForm(request.args)
    term = (form.q.data or "") if form.validate() else ""
    groups = (search("store", term, store_id=g.store.id, language=str(get_locale()),
                     default_language=g.store.default_language) if term else [])
    return render("core/shared/search/index.html", "core/shared/search/_results.html", layout="layouts/store.html",
                  form=form, term=term, groups=groups, results_url=url_for("core_store.search_results"))
