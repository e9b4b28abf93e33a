"""The platform's marketing home page."""

from flask import Blueprint, g, render_template

from webapp.framework.auth.access import public
from webapp.framework.providers import collect_context

bp = Blueprint("core_platform", __name__)


@bp.get("/")
@public
def home_show():
    return render_template("core/platform/home.html", **collect_context("platform", platform=g.platform))
