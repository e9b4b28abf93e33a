"""Flask-Login wiring: who is signed in, and how an anonymous request is turned away."""

from __future__ import annotations

from flask import Flask, Response, redirect, request, session, url_for
from flask_login import login_user, logout_user

from webapp.extensions import login_manager
from webapp.framework.htmx import is_htmx
from webapp.framework.ports import get_port
from webapp.framework.sessions import rotate_session_id


def sign_in(user, *, remember: bool = False) -> None:
    """Start a fresh session for `user` (a new session, so a planted one is useless)."""
    language = session.get("lang")
    session.clear()
    rotate_session_id()
    if language:
        session["lang"] = language
    login_user(user, remember=remember)


def sign_out() -> None:
    logout_user()
    session.clear()


def login_redirect() -> Response:
    """Send an anonymous visitor to the login page (401 + HX-Redirect for htmx requests)."""
    target = url_for(get_port("login_view"), next=request.full_path.rstrip("?"))
    if is_htmx():
        response = Response(status=401)
        response.headers["HX-Redirect"] = target
        return response
    return redirect(target)


def _load_user(user_id: str):
    return get_port("user_loader")(user_id)


def init_app(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)
    login_manager.unauthorized_handler(login_redirect)
