"""Tiers: the list per platform, create, edit, retire or offer again, delete (only without subscriptions)."""

from __future__ import annotations

from flask import abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.ports import tenant_directory
from webapp.modules.billing import services
from webapp.modules.billing.exceptions import InvalidTier, TierInUse
from webapp.modules.billing.forms.admin import TierForm, tier_form_data
from webapp.modules.billing.views.admin import (
    TIER_STATUS_BADGES,
    TIER_STATUS_LABELS,
    cents,
    feature_groups,
    show_tier_problems,
)
from webapp.modules.tenancy import services as tenancy

LIST_PAGE = "billing/admin/tiers/index.html"
FORM_PAGE, FORM = "billing/admin/tiers/form.html", "billing/admin/tiers/_form.html"
PERMISSION = "billing.tiers.manage"


def _managed_platforms():
    return [p for p in tenancy.platforms_for_admin(actor_id=current_user.id)
            if current_user.can_manage_platform(p.id)]


def _platform_or_404(code: str):
    platform = tenancy.get_platform_for_admin(code, actor_id=current_user.id)
    if platform is None:
        abort(404)
    return platform


def _tier_or_404(tier_id: int):
    tier = services.tier_for_admin(tier_id, current_user.admin_platform_ids)
    if tier is None or not current_user.can_manage_platform(tier.platform_id):
        abort(404)
    return tier


def _record(tier) -> dict:
    return {"code": tier.code, "name": tier.name, "description": tier.description, "currency": tier.currency,
            "monthly_price_cents": tier.monthly_price_cents, "yearly_price_cents": tier.yearly_price_cents,
            "trial_days": tier.trial_days, "limits": dict(tier.limits or {}), "features": list(tier.features or ()),
            "position": tier.position, "status": tier.status}


def _form(platform_id: int, current=(), **kwargs) -> tuple[TierForm, list]:
    form = TierForm(**kwargs)
    groups = feature_groups(platform_id, tuple(current))
    form.features.choices = [(code, code) for group in groups for code in group.codes]
    return form, groups


def _list(status: int = 200, message: str = ""):
    sections = [(platform, services.admin_tiers(platform.id)) for platform in _managed_platforms()]
    return render(LIST_PAGE, "billing/admin/tiers/_sections.html", status=status, sections=sections,
                  failed=status >= 400, message=message, cents=cents, status_labels=TIER_STATUS_LABELS,
                  status_badges=TIER_STATUS_BADGES)


@permission_required(PERMISSION)
def tier_list():
    return _list()


def _again(form, groups, platform, tier):
    return render(FORM_PAGE, FORM, status=422, form=form, groups=groups, platform=platform, tier=tier)


@permission_required(PERMISSION)
def tier_new(code: str):
    platform = _platform_or_404(code)
    form, groups = _form(platform.id, formdata=None)
    return render(FORM_PAGE, FORM, form=form, groups=groups, platform=platform, tier=None)


@permission_required(PERMISSION)
def tier_create(code: str):
    platform = _platform_or_404(code)
    form, groups = _form(platform.id)
    if not form.validate():
        return _again(form, groups, platform, None)
    known = frozenset(code for code, _label in form.features.choices)
    try:
        tier = services.create_tier(platform.id, form.values(), known_features=known)
    except InvalidTier as error:
        db.session.rollback()
        show_tier_problems(form, error.details["fields"])
        return _again(form, groups, platform, None)
    audit("billing.tier.created", target_type="tier", target_id=tier.id, after=_record(tier),
          platform_id=platform.id, store_id=None)
    db.session.commit()
    flash(_("Tier %(name)s created.", name=tier.name), "success")
    return redirect(url_for("billing_admin.tier_list"), code=303)


@permission_required(PERMISSION)
def tier_edit(tier_id: int):
    tier = _tier_or_404(tier_id)
    platform = tenant_directory().platform_by_id(tier.platform_id)
    form, groups = _form(tier.platform_id, tier.features or (), formdata=None, data=tier_form_data(tier))
    return render(FORM_PAGE, FORM, form=form, groups=groups, platform=platform, tier=tier)


@permission_required(PERMISSION)
def tier_update(tier_id: int):
    tier = _tier_or_404(tier_id)
    platform = tenant_directory().platform_by_id(tier.platform_id)
    form, groups = _form(tier.platform_id, tier.features or ())
    if not form.validate():
        return _again(form, groups, platform, tier)
    before = _record(tier)
    known = frozenset(code for code, _label in form.features.choices)
    try:
        services.update_tier(tier.platform_id, tier.id, form.values(), known_features=known)
    except InvalidTier as error:
        db.session.rollback()
        show_tier_problems(form, error.details["fields"])
        return _again(form, groups, platform, services.tier_for_admin(tier_id, None))
    audit("billing.tier.updated", target_type="tier", target_id=tier.id, before=before, after=_record(tier),
          platform_id=tier.platform_id, store_id=None)
    db.session.commit()
    flash(_("Tier %(name)s saved.", name=tier.name), "success")
    return redirect(url_for("billing_admin.tier_list"), code=303)


def _set_offered(tier_id: int, offered: bool):
    tier = _tier_or_404(tier_id)
    before = tier.status
    services.retire_tier(tier.platform_id, tier.id, retired=not offered)
    audit("billing.tier.offered" if offered else "billing.tier.retired", target_type="tier", target_id=tier.id,
          before={"status": before}, after={"status": tier.status}, platform_id=tier.platform_id, store_id=None)
    db.session.commit()
    message = (_("Tier %(name)s is offered again.", name=tier.name) if offered
               else _("Tier %(name)s is retired: its subscribers keep it, new subscriptions cannot choose it.",
                      name=tier.name))
    return _answer(message)


def _answer(message: str):
    """htmx: the sections again with the message; a plain POST: back to the list (303)."""
    if is_htmx():
        return _list(message=message)
    flash(message, "success")
    return redirect(url_for("billing_admin.tier_list"), code=303)


@permission_required(PERMISSION)
def tier_retire(tier_id: int):
    return _set_offered(tier_id, False)


@permission_required(PERMISSION)
def tier_offer(tier_id: int):
    return _set_offered(tier_id, True)


@permission_required(PERMISSION)
def tier_delete(tier_id: int):
    tier = _tier_or_404(tier_id)
    record, name, platform_id = _record(tier), tier.name, tier.platform_id
    try:
        services.delete_tier(platform_id, tier.id)
    except TierInUse:
        db.session.rollback()
        return _list(status=409, message=_("Tier %(name)s has subscriptions and cannot be deleted; retire it "
                                           "instead.", name=name))
    audit("billing.tier.deleted", target_type="tier", target_id=tier_id, before=record, platform_id=platform_id,
          store_id=None)
    db.session.commit()
    return _answer(_("Tier %(name)s deleted.", name=name))


ROUTES = (
    ("/tiers", tier_list, ["GET"]),
    ("/platforms/<code>/tiers/new", tier_new, ["GET"]),
    ("/platforms/<code>/tiers", tier_create, ["POST"]),
    ("/tiers/<int:tier_id>/edit", tier_edit, ["GET"]),
    ("/tiers/<int:tier_id>/edit", tier_update, ["POST"]),
    ("/tiers/<int:tier_id>/retire", tier_retire, ["POST"]),
    ("/tiers/<int:tier_id>/offer", tier_offer, ["POST"]),
    ("/tiers/<int:tier_id>/delete", tier_delete, ["POST"]),
)
