"""Response headers every page carries, and proxy trust."""

from __future__ import annotations

import secrets

from flask import Flask, Response, current_app, g, request
from flask_login import current_user
from werkzeug.middleware.proxy_fix import ProxyFix


def csp_nonce() -> str:
    """A per-response nonce for the one inline <style> (store theme colours)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def _content_security_policy(frontend: str | None) -> str:
    # Storefronts may be framed by nobody either; only our own scripts run anywhere.
    return "; ".join([
        "default-src 'self'",
        "script-src 'self'",
        f"style-src 'self' 'nonce-{csp_nonce()}'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "base-uri 'none'",
        "object-src 'none'",
        "frame-ancestors 'none'",
    ])


def set_security_headers(response: Response) -> Response:
    """Headers every response carries (in the app's RESPONSE_PIPELINE)."""
    headers = response.headers
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    if response.mimetype == "text/html":
        headers.setdefault("Content-Security-Policy", _content_security_policy(g.get("frontend")))
        headers.setdefault("X-Frame-Options", "DENY")
    hsts = current_app.config.get("HSTS_SECONDS")
    if hsts and request.is_secure:
        headers.setdefault("Strict-Transport-Security", f"max-age={hsts}; includeSubDomains")
    if current_user and current_user.is_authenticated and response.mimetype == "text/html":
        headers["Cache-Control"] = "no-store"
    return response


def init_app(app: Flask) -> None:
    hops = app.config.get("PROXY_FIX_HOPS", 0)
    if hops:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)
    app.jinja_env.globals["csp_nonce"] = csp_nonce
