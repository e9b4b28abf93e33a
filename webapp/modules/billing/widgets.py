"""Admin dashboard cards: recurring revenue, active subscriptions, trials, churn, past due."""

from __future__ import annotations

from flask_babel import format_decimal, format_percent
from flask_babel import gettext as _
from flask_login import current_user

from webapp.framework.auth.access import has_permission
from webapp.framework.providers import Widget
from webapp.modules.billing import services
from webapp.modules.billing.views.money import cents

LIST = "billing_admin.subscription_list"


def dashboard_widgets(frontend: str, **_context) -> list[Widget]:
    if frontend != "admin" or not has_permission("billing.subscriptions.manage"):
        return []
    figures = services.billing_figures(current_user.admin_platform_ids)
    mrr = " · ".join(cents(amount, currency) for currency, amount in figures.mrr_cents.items()) or cents(0)
    churn = format_percent(figures.churn, "#,##0.0%") if figures.churn is not None else "—"
    return [
        Widget(_("Monthly recurring revenue"), mrr, _("Paying subscriptions, yearly ones counted by the month"),
               endpoint=LIST, order=50),
        Widget(_("Active subscriptions"), format_decimal(figures.active), endpoint=LIST, args={"state": "active"},
               order=51),
        Widget(_("Trials"), format_decimal(figures.trials), endpoint=LIST, args={"state": "trialing"}, order=52),
        Widget(_("Churn, last 30 days"), churn,
               _("%(cancelled)s cancelled of %(running)s running 30 days ago",
                 cancelled=format_decimal(figures.cancelled_in_period),
                 running=format_decimal(figures.active_at_start)),
               order=53),
        Widget(_("Past due"), format_decimal(figures.past_due), _("A payment failed"), endpoint=LIST,
               args={"state": "past_due"}, order=54),
    ]
