"""Store → Billing: the subscription overview, the plans, the invoice preview of a change, confirming it,
cancelling at the period end and keeping the plan after all."""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.extensions import db
from webapp.framework.audit import audit
from webapp.framework.auth.access import may_change, permission_required
from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n import format_date
from webapp.framework.routing.areas import RouteArea
from webapp.modules.billing import services
from webapp.modules.billing.exceptions import ChangeRefused
from webapp.modules.billing.forms.store import CancelForm, ChangeTierForm, PreviewForm
from webapp.modules.billing.views.store import change_message, overview, plan_cards, preview_view, refusal

area = RouteArea()
VIEW, MANAGE = "billing.view", "billing.manage"
OVERVIEW_PAGE, OVERVIEW_PARTIAL = "billing/store/overview/index.html", "billing/store/overview/_overview.html"
PLANS_PAGE, PLANS_PARTIAL = "billing/store/plans/index.html", "billing/store/plans/_plans.html"
PREVIEW_PAGE, PREVIEW_PARTIAL = "billing/store/plans/preview.html", "billing/store/plans/_preview.html"
CANCEL_PAGE, CANCEL_PARTIAL = "billing/store/cancel/index.html", "billing/store/cancel/_form.html"


def _subscription():
    """The subscription of the current store's merchant on this platform (None: the platform sells none)."""
    return services.merchant_subscription(g.store.merchant_id, g.store.platform_id)


def _subscription_or_404():
    subscription = _subscription()
    if subscription is None:
        abort(404)
    return subscription


def _snapshot(subscription) -> dict:
    return {"tier_id": subscription.tier_id, "scheduled_tier_id": subscription.scheduled_tier_id,
            "cancel_at_period_end": subscription.cancel_at_period_end, "cancel_reason": subscription.cancel_reason}


def _overview(*, status: int = 200, message: str | None = None, error: str | None = None,
              trigger: str | None = None):
    subscription = _subscription()
    return render(OVERVIEW_PAGE, OVERVIEW_PARTIAL, status=status, trigger=trigger, message=message, error=error,
                  view=overview(subscription, services.now()) if subscription else None,
                  can_manage=may_change(MANAGE))


@area.get("/")
@permission_required(VIEW)
def overview_show():
    return _overview()


def _plans(*, status: int = 200, trigger: str | None = None, **context):
    """The plans page, or its #billing-plans partial (a confirmed or refused change through htmx)."""
    subscription = _subscription()
    cards = plan_cards(services.platform_tiers(g.store.platform_id, offered_only=True), subscription)
    context = {"preview": None, "error": None, "message": None, "tier_id": None, **context}
    return render(PLANS_PAGE, PLANS_PARTIAL, status=status, trigger=trigger, cards=cards,
                  changeable=subscription is not None and subscription.state != "cancelled",
                  can_manage=may_change(MANAGE), form=ChangeTierForm(formdata=None), **context)


@area.get("/plans")
@permission_required(VIEW)
def plans():
    return _plans()


def _preview(*, status: int = 200, preview=None, error: str | None = None, tier_id: int | None = None):
    return render(PREVIEW_PAGE, PREVIEW_PARTIAL, status=status, preview=preview, error=error, tier_id=tier_id,
                  can_manage=may_change(MANAGE), form=ChangeTierForm(formdata=None))


def _preview_of(subscription, tier_id: int):
    """The change's preview, or the refusal's message (ChangeRefused never escapes as a 500)."""
    if subscription.state == "cancelled":
        return None, refusal("already_cancelled")
    try:
        return services.preview_change(subscription.id, tier_id), None
    except ChangeRefused as refused:
        return None, refusal(refused.reason)


@area.get("/plans/preview")
@permission_required(VIEW)
def plan_preview():
    subscription = _subscription_or_404()
    form = PreviewForm(formdata=request.args)
    if not form.validate():
        return _preview(status=422, error=" ".join(map(str, form.tier.errors)))
    preview, error = _preview_of(subscription, form.tier.data)
    if error:
        return _preview(status=422, error=error, tier_id=form.tier.data)
    return _preview(preview=preview_view(preview), tier_id=preview.new.id)


def _change_refused(error: str, *, preview=None, tier_id: int | None = None):
    """A refused confirmation: the preview again with why (inside the plans partial for htmx), 422."""
    if is_htmx():
        return _plans(status=422, preview=preview, error=error, tier_id=tier_id)
    return _preview(status=422, preview=preview, error=error, tier_id=tier_id)


def _confirmed_preview(subscription, form: ChangeTierForm):
    """The preview the merchant confirms, or the 422 answer saying why it cannot be applied as seen."""
    tier_id = form.tier_value() if form.validate() else None
    if tier_id is None:
        return None, _change_refused(refusal("choose"))
    preview, error = _preview_of(subscription, tier_id)
    if error:
        return None, _change_refused(error, tier_id=tier_id)
    if preview.kind == "upgrade" and form.expected_value() != preview.total_cents:
        return None, _change_refused(refusal("stale"), preview=preview_view(preview), tier_id=tier_id)
    if not preview.allowed:
        return None, _change_refused(refusal("usage"), preview=preview_view(preview), tier_id=tier_id)
    return preview, None


@area.post("/plans/change")
@permission_required(MANAGE)
def plan_change():
    subscription = _subscription_or_404()
    preview, refused_answer = _confirmed_preview(subscription, ChangeTierForm())
    if refused_answer is not None:
        return refused_answer
    tier_id = preview.new.id
    before = _snapshot(subscription)
    try:
        outcome = services.change_tier(subscription.id, tier_id, language=str(get_locale() or "en"))
    except ChangeRefused as refused:
        db.session.rollback()
        return _change_refused(refusal(refused.reason), tier_id=tier_id)
    invoice = outcome.invoice
    audit(f"billing.subscription.{outcome.preview.kind}", target_type="subscription", target_id=subscription.id,
          before=before, after=_snapshot(subscription),
          details={"invoice": invoice.number, "total_cents": invoice.total_cents} if invoice else {})
    db.session.commit()
    message = change_message(outcome)
    if is_htmx():
        return _plans(trigger="billing:subscription-changed", message=message)
    flash(message, "success")
    return redirect(url_for(".overview_show"), code=303)


def _done(message: str, trigger: str):
    if is_htmx():
        return _overview(message=message, trigger=trigger)
    flash(message, "success")
    return redirect(url_for(".overview_show"), code=303)


def _cancel_page(form: CancelForm, *, status: int = 200, error: str | None = None):
    subscription = _subscription_or_404()
    return render(CANCEL_PAGE, CANCEL_PARTIAL, status=status, form=form, error=error,
                  view=overview(subscription, services.now()))


@area.get("/cancel")
@permission_required(MANAGE)
def cancel_new():
    return _cancel_page(CancelForm(formdata=None))


@area.post("/cancel")
@permission_required(MANAGE)
def cancel_create():
    subscription = _subscription_or_404()
    form = CancelForm()
    if not form.validate():
        return _cancel_page(form, status=422)
    before = _snapshot(subscription)
    try:
        services.cancel(subscription.id, form.reason.data)
    except ChangeRefused as refused:
        db.session.rollback()
        return _cancel_page(form, status=422, error=refusal(refused.reason))
    audit("billing.subscription.cancel_requested", target_type="subscription", target_id=subscription.id,
          before=before, after=_snapshot(subscription))
    db.session.commit()
    return _done(_ended_message(subscription), "billing:subscription-cancelled")


def _ended_message(subscription) -> str:
    return _("Your subscription ends on %(date)s. Until then everything works as before.",
             date=format_date(subscription.current_period_end))


def _refused_action(refused: ChangeRefused):
    db.session.rollback()
    return _overview(status=422, error=refusal(refused.reason))


@area.post("/keep")
@permission_required(MANAGE)
def subscription_keep():
    subscription = _subscription_or_404()
    if not subscription.cancel_at_period_end and subscription.state != "cancelled":
        return _overview(status=422, error=refusal("not_cancelling"))
    before = _snapshot(subscription)
    try:
        services.keep(subscription.id)
    except ChangeRefused as refused:
        return _refused_action(refused)
    audit("billing.subscription.kept", target_type="subscription", target_id=subscription.id, before=before,
          after=_snapshot(subscription))
    db.session.commit()
    return _done(_("You keep your %(tier)s plan.", tier=subscription.tier.name), "billing:subscription-kept")


@area.post("/scheduled-change/cancel")
@permission_required(MANAGE)
def scheduled_change_cancel():
    subscription = _subscription_or_404()
    if subscription.scheduled_tier_id is None:
        return _overview(status=422, error=refusal("nothing_scheduled"))
    before = _snapshot(subscription)
    services.cancel_scheduled_change(subscription.id)
    audit("billing.subscription.change_withdrawn", target_type="subscription", target_id=subscription.id,
          before=before, after=_snapshot(subscription))
    db.session.commit()
    return _done(_("The plan change was withdrawn. You stay on %(tier)s.", tier=subscription.tier.name),
                 "billing:subscription-change-withdrawn")
