"""The platform's marketing site: home, features and pricing."""

from flask import Blueprint, g, render_template

from webapp.framework.auth.access import public
from webapp.framework.providers import collect_context
from webapp.modules.core.views import feature_groups

bp = Blueprint("core_platform", __name__)


@bp.get("/")
@public
def home_show():
    return render_template("core/platform/home.html", feature_groups=feature_groups(g.platform),
                           **collect_context("platform", platform=g.platform))


@bp.get("/features")
@public
def features_show():
    return render_template("core/platform/features.html", feature_groups=feature_groups(g.platform))


@bp.get("/pricing")
@public
def pricing_show():
    # Billing fills `plans` (name, price, period, trial_days, highlights) once it offers them.
    return render_template("core/platform/pricing.html", **collect_context("pricing", platform=g.platform))
