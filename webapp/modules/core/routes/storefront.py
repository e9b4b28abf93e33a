"""The storefront home page of a store (root of its subdomain or custom domain)."""

from flask import Blueprint, g, render_template

from webapp.framework.auth.access import public
from webapp.framework.caching import cached_page
from webapp.framework.providers import collect_context

bp = Blueprint("core_storefront", __name__)


@bp.get("/")
@public
@cached_page
def home_show():
    return render_template("core/storefront/home.html", **collect_context("storefront", store=g.store))
