"""Store → Settings: general, languages, currency, time zone, tax display, business details, domains.

Each section is its own form: htmx swaps the section with the answer, a plain POST redirects back
to its anchor (or shows the whole page again with the section's errors, 422).
"""

from __future__ import annotations

from dataclasses import asdict

from flask import abort, current_app, flash, g, redirect, url_for
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.audit import audit, changes
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.limits import ALLOWED, check_limit
from webapp.framework.routing.areas import RouteArea
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import (
    DomainNotFound,
    DomainNotVerified,
    DomainRefused,
    InvalidBusinessDetails,
    InvalidSettings,
)
from webapp.modules.tenancy.forms import (
    ActionForm,
    DomainForm,
)
from webapp.modules.tenancy.views import (
    SETTINGS_PAGE,
    SETTINGS_PARTS,
    business_form,
    currency_form,
    domain_refusal,
    general_form,
    languages_form,
    settings_context,
    timezone_form,
    verification_message,
)

area = RouteArea()


PERMISSION = "tenancy.settings.manage"


def _store():
    """The store as the database holds it now (g.store is the snapshot the request started with)."""
    return services.store_settings(g.store.id)


def _section(name: str, *, status: int = 200, message: str = "", **forms):
    """The whole settings page, or the section `name` for htmx."""
    context = settings_context(_store(), **forms)
    if message:
        context["messages"] = {name: message}
        context["message"] = message if name == "business" else ""
    return render(SETTINGS_PAGE, SETTINGS_PARTS[name], status=status, **context)


def _refused(name: str, form, error: InvalidSettings | InvalidBusinessDetails, field_form_key: str):
    db.session.rollback()
    for field in error.details["fields"]:
        target = getattr(form, field, None)
        if target is not None:
            target.errors = [*target.errors, _("Please check this value.")]
    return _section(name, status=422, **{field_form_key: form})


def _saved(name: str, change, message: str):
    """Audit what changed, commit once, answer with the section (htmx) or a redirect to its anchor."""
    if change.after:
        audit("tenancy.settings.changed", target_type="store", target_id=g.store.id, before=change.before,
              after=change.after, details={"section": name})
    db.session.commit()
    if is_htmx():
        return _section(name, message=message)
    flash(message, "success")
    return redirect(url_for(".settings_show", _anchor=f"section-{name}"), code=303)


@area.get("/settings")
@permission_required(PERMISSION)
def settings_show():
    return render(SETTINGS_PAGE, SETTINGS_PAGE, **settings_context(_store()))


@area.post("/settings/general")
@permission_required(PERMISSION)
def general_update():
    form = general_form(g.store.id, submitted=True)
    if not form.validate():
        return _section("general", status=422, general_form=form)
    try:
        change = services.update_general(g.store.id, services.GeneralSettings(
            form.name.data, form.contact_email.data, form.phone.data, form.street.data, form.postal_code.data,
            form.city.data, form.country.data))
    except InvalidSettings as error:
        return _refused("general", form, error, "general_form")
    return _saved("general", change, _("General settings saved."))


@area.post("/settings/languages")
@permission_required(PERMISSION)
def languages_update():
    form = languages_form(g.store.id, _store(), submitted=True)
    if not form.validate():
        return _section("languages", status=422, languages_form=form)
    # Only adding languages meets the plan: a store over its limit may always remove some.
    adding = len(set(form.languages.data or ())) - services.store_language_count(g.store.id)
    verdict = check_limit(g.store.id, "languages", adding=adding) if adding > 0 else ALLOWED
    if not verdict.allowed:
        return _section("languages", status=422, languages_form=form, languages_limit=verdict)
    try:
        change = services.update_languages(g.store.id, form.languages.data, form.default_language.data)
    except InvalidSettings as error:
        return _refused("languages", form, error, "languages_form")
    message = _("Languages saved. Your storefront offers them now.")
    return _saved("languages", change, f"{message} {verdict.message}" if verdict.message else message)


@area.post("/settings/currency")
@permission_required(PERMISSION)
def currency_update():
    store = _store()
    form = currency_form(store, submitted=True)
    if not form.validate():
        return _section("currency", status=422, currency_form=form)
    if form.currency.data != store.currency and not form.confirm.data:
        form.confirm.errors = [_("Confirm that your prices are not converted to the new currency.")]
        return _section("currency", status=422, currency_form=form)
    try:
        change = services.update_currency(g.store.id, form.currency.data)
    except InvalidSettings as error:
        return _refused("currency", form, error, "currency_form")
    return _saved("currency", change, _("Currency saved."))


@area.post("/settings/timezone")
@permission_required(PERMISSION)
def timezone_update():
    form = timezone_form(_store(), submitted=True)
    if not form.validate():
        return _section("timezone", status=422, timezone_form=form)
    try:
        change = services.update_timezone(g.store.id, form.timezone.data)
    except InvalidSettings as error:
        return _refused("timezone", form, error, "timezone_form")
    return _saved("timezone", change, _("Time zone saved."))


@area.get("/business")
@permission_required(PERMISSION)
def business_edit():
    # The business details now live on the settings page; old links and bookmarks land there.
    return redirect(url_for(".settings_show", _anchor="section-business"), code=301)


@area.post("/business")
@permission_required(PERMISSION)
def business_update():
    form = business_form()
    if not form.validate():
        return _section("business", status=422, form=form)
    before = services.business_details(g.store.merchant_id)
    try:
        services.update_business_details(g.store.merchant_id, form.details())
    except InvalidBusinessDetails as error:
        return _refused("business", form, error, "form")
    old, new = changes(asdict(before), asdict(services.business_details(g.store.merchant_id)))
    message = _("Business details saved. New invoices show them.")
    # The form again, showing what was stored (e.g. the VAT number as normalised).
    response = _saved("business", services.SettingsChange(old, new), message)
    if is_htmx():
        response.headers["HX-Trigger"] = "tenancy:business-updated"
    return response


# --- custom domains ---------------------------------------------------------------------------------

def _verifier() -> services.DomainVerifier:
    configured = current_app.config.get("DOMAIN_VERIFIER")
    return configured if configured is not None else services.DnsVerifier(current_app.config["DOMAIN_VERIFY_TIMEOUT"])


def _domains_answer(message: str = "", kind: str = "success", *, status: int = 200, **forms):
    """The domains section for htmx, or a redirect to it (messages as flashes) for a plain POST."""
    if is_htmx() or status >= 400:
        context = {"messages": {"domains": message}, "message_kind": kind} if message else {}
        return _section("domains", status=status, **context, **forms)
    if message:
        flash(message, kind)
    return redirect(url_for(".settings_show", _anchor="section-domains"), code=303)


def _audit_domain(action: str, record, **facts) -> None:
    audit(f"tenancy.domain.{action}", target_type="store_domain", target_id=record.id,
          details={"domain": record.domain}, **facts)


@area.post("/settings/domains")
@permission_required(PERMISSION)
def domain_add():
    form = DomainForm()
    if not form.validate():
        return _domains_answer(status=422, domain_form=form)
    try:
        record = services.add_domain(g.store.id, form.domain.data)
    except DomainRefused as refusal:
        db.session.rollback()
        form.domain.errors = [domain_refusal(refusal.reason)]
        return _domains_answer(status=422, domain_form=form)
    _audit_domain("added", record, after={"domain": record.domain, "verified": False})
    db.session.commit()
    return _domains_answer(_("%(domain)s added. Set up its DNS records, then verify it.", domain=record.domain))


@area.post("/settings/domains/<int:domain_id>/verify")
@permission_required(PERMISSION)
def domain_verify(domain_id: int):
    if not ActionForm().validate():
        return _domains_answer(_("The form expired. Please try again."), "error", status=400)
    try:
        outcome = services.verify_domain(g.store.id, domain_id, _verifier())
    except DomainNotFound:
        abort(404)
    record = services.get_domain(g.store.id, domain_id)
    if outcome is services.Outcome.VERIFIED:
        _audit_domain("verified", record, before={"verified": False}, after={"verified": True})
    db.session.commit()
    kind, message = verification_message(outcome, record.domain)
    return _domains_answer(message, kind)


@area.post("/settings/domains/<int:domain_id>/primary")
@permission_required(PERMISSION)
def domain_primary(domain_id: int):
    if not ActionForm().validate():
        return _domains_answer(_("The form expired. Please try again."), "error", status=400)
    before = next((d.domain for d in services.store_domains(g.store.id) if d.is_primary), None)
    try:
        record = services.set_primary_domain(g.store.id, domain_id)
    except DomainNotFound:
        abort(404)
    except DomainNotVerified:
        db.session.rollback()
        return _domains_answer(_("Verify the domain before making it primary."), "error", status=422)
    _audit_domain("primary", record, before={"primary": before}, after={"primary": record.domain})
    db.session.commit()
    return _domains_answer(_("%(domain)s is now your primary domain: your other addresses redirect to it.",
                             domain=record.domain))


@area.post("/settings/domains/<int:domain_id>/remove")
@permission_required(PERMISSION)
def domain_remove(domain_id: int):
    if not ActionForm().validate():
        return _domains_answer(_("The form expired. Please try again."), "error", status=400)
    try:
        record = services.remove_domain(g.store.id, domain_id)
    except DomainNotFound:
        abort(404)
    _audit_domain("removed", record, before={"domain": record.domain, "verified": record.is_verified,
                                             "primary": record.is_primary})
    db.session.commit()
    return _domains_answer(_("%(domain)s removed. Your store is no longer served on it.", domain=record.domain))


