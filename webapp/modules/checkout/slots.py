"""Fragments checkout renders into other modules' pages: the tax display choice on the store settings page."""

from __future__ import annotations

from flask import g, render_template
from flask_login import current_user
from markupsafe import Markup

from webapp.modules.checkout.forms import TaxDisplayForm
from webapp.modules.checkout.services import get_settings

PERMISSION = "checkout.settings.manage"


def settings_tax_display(**_kwargs) -> str:
    """Whether catalog prices include VAT, as a form that saves through checkout's own route."""
    store = g.get("store")
    if store is None or not current_user.is_authenticated or not current_user.has_permission(PERMISSION, store=store):
        return ""
    shown = "1" if get_settings(store.id).prices_include_tax else "0"
    return Markup(render_template(  # noqa: S704 (autoescaped)  # nosec B704
        "checkout/store/settings/_display.html", display_form=TaxDisplayForm(formdata=None, prices_include_tax=shown),
        return_to="settings"))
