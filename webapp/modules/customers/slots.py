"""Fragments the customers module renders into other pages' slots."""

from __future__ import annotations

from flask import g, render_template

from webapp.modules.customers.session import current_customer


def header_actions(**_context) -> str:
    """Storefront header: "Sign in", or "My account" for a signed-in shopper."""
    if g.get("store") is None:
        return ""
    return render_template("customers/storefront/_header_actions.html", customer=current_customer())
