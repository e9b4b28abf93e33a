"""Merchants' subscriptions: the list with filters, one subscription with its invoices, and the admin's
actions on it (change tier after a preview, extend a trial, issue a credit)."""

from __future__ import annotations

import uuid

from flask import abort, flash, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import render
from webapp.framework.i18n import format_date
from webapp.framework.paging import page_number
from webapp.framework.ports import tenant_directory
from webapp.modules.billing import services
from webapp.modules.billing.exceptions import ChangeRefused
from webapp.modules.billing.forms.admin import ChangeTierForm, CreditForm, ExtendTrialForm, SubscriptionFilterForm
from webapp.modules.billing.models import SUBSCRIPTION_STATES
from webapp.modules.billing.views.admin import (
    INVOICE_STATUS_BADGES,
    INVOICE_STATUS_LABELS,
    KIND_LABELS,
    REFUSALS,
    STATE_BADGES,
    STATE_LABELS,
    cents,
    subscription_rows,
)
from webapp.modules.tenancy import services as tenancy

PERMISSION = "billing.subscriptions.manage"
SHOW_PAGE = "billing/admin/subscriptions/show.html"
CHANGE = "billing/admin/subscriptions/_change.html"


def _int(value) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() and len(value) < 10 else None


@permission_required(PERMISSION)
def subscription_list():
    scope = current_user.admin_platform_ids
    platforms = tenancy.platforms_for_admin(actor_id=current_user.id)
    tiers = services.tiers_of_platforms(scope)
    form = SubscriptionFilterForm(request.args)
    names = {p.id: p.name for p in platforms}
    form.platform.choices = [("", _("All platforms")), *((str(p.id), p.name) for p in platforms)]
    form.tier.choices = [("", _("All tiers")), *((str(t.id), f"{t.name} ({names.get(t.platform_id, '')})")
                                                 for t in tiers)]
    form.state.choices = [("", _("All states")), *((s, str(STATE_LABELS[s])) for s in SUBSCRIPTION_STATES)]
    term = (form.q.data or "").strip()[:100]
    filters = {"platform_id": _int(form.platform.data), "tier_id": _int(form.tier.data),
               "state": form.state.data if form.state.data in SUBSCRIPTION_STATES else ""}
    page = services.search_subscriptions(scope, term=term, page=page_number(), **filters)
    args = {"q": term or None, "platform": filters["platform_id"], "tier": filters["tier_id"],
            "state": filters["state"] or None}
    return render("billing/admin/subscriptions/index.html", "billing/admin/subscriptions/_table.html",
                  form=form, page=page, rows=subscription_rows(page.items), term=term, platform_names=names,
                  state_labels=STATE_LABELS, state_badges=STATE_BADGES, filtered=any(args.values()),
                  page_url=lambda n: url_for("billing_admin.subscription_list", page=n, **args))


def _subscription_or_404(subscription_id: int):
    subscription = services.subscription_for_admin(subscription_id, current_user.admin_platform_ids)
    if subscription is None:
        abort(404)
    return subscription


def _change_form(subscription, **kwargs) -> ChangeTierForm:
    form = ChangeTierForm(**kwargs)
    form.tier_id.choices = [(t.id, f"{t.name} — {cents(t.monthly_price_cents, t.currency)}")
                            for t in services.platform_tiers(subscription.platform_id, offered_only=True)
                            if t.id != subscription.tier_id]
    return form


def _show(subscription, *, status: int = 200, change_form=None, extend_form=None, credit_form=None,
          preview=None, partial: str = SHOW_PAGE):
    summary = tenancy.merchant_summaries([subscription.merchant_id]).get(subscription.merchant_id)
    return render(SHOW_PAGE, partial, status=status, subscription=subscription, summary=summary,
                  stores=summary.stores_on(subscription.platform_id) if summary else (),
                  platform=tenant_directory().platform_by_id(subscription.platform_id),
                  invoices=services.subscription_invoices(subscription.id), preview=preview,
                  mrr=cents(services.mrr_cents(subscription), subscription.tier.currency), cents=cents,
                  change_form=change_form or _change_form(subscription, formdata=None),
                  extend_form=extend_form or ExtendTrialForm(formdata=None),
                  credit_form=credit_form or CreditForm(formdata=None),
                  credit_key=request.form.get("idempotency_key", "")[:60] or uuid.uuid4().hex,
                  limit_label=services.limit_label, state_labels=STATE_LABELS, state_badges=STATE_BADGES,
                  invoice_labels=INVOICE_STATUS_LABELS,
                  invoice_badges=INVOICE_STATUS_BADGES, kind_labels=KIND_LABELS)


@permission_required(PERMISSION)
def subscription_show(subscription_id: int):
    return _show(_subscription_or_404(subscription_id))


def _refused(form, field, error: ChangeRefused) -> None:
    getattr(form, field).errors = [*getattr(form, field).errors, str(REFUSALS.get(error.reason, error.reason))]


@permission_required(PERMISSION)
def subscription_change_preview(subscription_id: int):
    """What the change would do, the same figures the merchant sees, before the admin confirms it."""
    subscription = _subscription_or_404(subscription_id)
    form = _change_form(subscription, formdata=request.args, meta={"csrf": False})
    if not form.validate():
        return _show(subscription, status=422, change_form=form, partial=CHANGE)
    try:
        preview = services.preview_change(subscription.id, form.tier_id.data)
    except ChangeRefused as error:
        _refused(form, "tier_id", error)
        return _show(subscription, status=422, change_form=form, partial=CHANGE)
    return _show(subscription, change_form=form, preview=preview, partial=CHANGE)


@permission_required(PERMISSION)
def subscription_change(subscription_id: int):
    subscription = _subscription_or_404(subscription_id)
    form = _change_form(subscription)
    if not form.validate():
        return _show(subscription, status=422, change_form=form)
    before = {"tier_id": subscription.tier_id, "scheduled_tier_id": subscription.scheduled_tier_id}
    try:
        outcome = services.change_tier(subscription.id, form.tier_id.data, language=str(get_locale() or "en"))
    except ChangeRefused as error:
        db.session.rollback()
        _refused(form, "tier_id", error)
        return _show(_subscription_or_404(subscription_id), status=422, change_form=form)
    audit("billing.subscription.tier_changed", target_type="subscription", target_id=subscription.id, before=before,
          after={"tier_id": subscription.tier_id, "scheduled_tier_id": subscription.scheduled_tier_id},
          details={"kind": outcome.preview.kind, "invoice": outcome.invoice.number if outcome.invoice else None},
          platform_id=subscription.platform_id, store_id=None)
    db.session.commit()
    name = outcome.preview.new.name
    flash(_("%(tier)s applies at the end of the period.", tier=name) if outcome.preview.kind == "downgrade"
          else _("The subscription is now on %(tier)s.", tier=name), "success")
    return redirect(url_for("billing_admin.subscription_show", subscription_id=subscription.id), code=303)


@permission_required(PERMISSION)
def subscription_extend_trial(subscription_id: int):
    subscription = _subscription_or_404(subscription_id)
    form = ExtendTrialForm()
    if not form.validate():
        return _show(subscription, status=422, extend_form=form)
    before = subscription.trial_ends_at
    try:
        services.extend_trial(subscription.id, form.days.data)
    except ChangeRefused as error:
        db.session.rollback()
        _refused(form, "days", error)
        return _show(_subscription_or_404(subscription_id), status=422, extend_form=form)
    audit("billing.subscription.trial_extended", target_type="subscription", target_id=subscription.id,
          before={"trial_ends_at": before}, after={"trial_ends_at": subscription.trial_ends_at},
          details={"days": form.days.data}, platform_id=subscription.platform_id, store_id=None)
    db.session.commit()
    flash(_("The trial now ends on %(date)s.", date=format_date(subscription.trial_ends_at)), "success")
    return redirect(url_for("billing_admin.subscription_show", subscription_id=subscription.id), code=303)


@permission_required(PERMISSION)
def subscription_credit(subscription_id: int):
    subscription = _subscription_or_404(subscription_id)
    form = CreditForm()
    if not form.validate():
        return _show(subscription, status=422, credit_form=form)
    key = request.form.get("idempotency_key", "")[:60] or None
    issued_before = {invoice.id for invoice in services.subscription_invoices(subscription.id)}
    try:
        note = services.issue_credit(subscription.id, form.amount.cents, form.reason.data, key=key,
                                     language=str(get_locale() or "en"))
    except ChangeRefused as error:
        db.session.rollback()
        _refused(form, "amount" if error.reason == "amount" else "reason", error)
        return _show(_subscription_or_404(subscription_id), status=422, credit_form=form)
    if note.id in issued_before:  # the same form sent twice: issued once
        flash(_("Credit note %(number)s issued.", number=note.number), "success")
        return redirect(url_for("billing_admin.subscription_show", subscription_id=subscription.id), code=303)
    audit("billing.subscription.credited", target_type="invoice", target_id=note.id,
          after={"number": note.number, "total_cents": note.total_cents, "reason": form.reason.data},
          details={"subscription_id": subscription.id}, platform_id=subscription.platform_id, store_id=None)
    db.session.commit()
    flash(_("Credit note %(number)s issued.", number=note.number), "success")
    return redirect(url_for("billing_admin.subscription_show", subscription_id=subscription.id), code=303)


ROUTES = (
    ("/subscriptions", subscription_list, ["GET"]),
    ("/subscriptions/<int:subscription_id>", subscription_show, ["GET"]),
    ("/subscriptions/<int:subscription_id>/change", subscription_change_preview, ["GET"]),
    ("/subscriptions/<int:subscription_id>/change", subscription_change, ["POST"]),
    ("/subscriptions/<int:subscription_id>/extend-trial", subscription_extend_trial, ["POST"]),
    ("/subscriptions/<int:subscription_id>/credit", subscription_credit, ["POST"]),
)
