"""Sign-in for platform users (staff and merchant teams) and the store chooser."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db, limiter
from webapp.framework.audit import audit
from webapp.framework.auth.access import login_required, personal, public
from webapp.framework.auth.login import sign_in, sign_out
from webapp.framework.auth.passwords import password_problem
from webapp.framework.i18n_routes import safe_next
from webapp.modules.tenancy import services
from webapp.modules.tenancy.forms import AcceptInvitationForm, LoginForm
from webapp.modules.tenancy.views import PASSWORD_PROBLEMS, invitation_problem

bp = Blueprint("tenancy_auth", __name__)


LOGIN_VIEW = "tenancy_auth.login"


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _home_for(user) -> str:
    if user.is_platform_staff:
        return url_for("core_admin.dashboard_show")
    stores = services.stores_of_user(user.id)
    if len(stores) == 1:
        return url_for("core_store.dashboard_show", store_code=stores[0].code)
    return url_for("tenancy_auth.store_choose")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            db.session.commit()
            sign_in(user, remember=form.remember.data)
            return redirect(safe_next(request.args.get("next"), _home_for(user)), code=303)
        form.password.errors.append(_("Email or password is incorrect."))
    status = 422 if form.errors else 200
    return render_template("tenancy/auth/login.html", form=form), status


@bp.post("/logout")
@public
def logout():
    sign_out()
    flash(_("You have been signed out."), "info")
    return redirect(url_for("tenancy_auth.login"), code=303)


@bp.get("/stores")
@login_required
def store_choose():
    stores = services.stores_of_user(current_user.id)
    return render_template("tenancy/auth/stores.html", stores=stores)


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@public
@personal
@limiter.limit(_login_limit, methods=["POST"])
def invitation_accept(token: str):
    """An invited platform user chooses a first password, then is signed in (the link is then spent)."""
    user, reason = services.invited_user(token)
    if user is None:
        return render_template("tenancy/auth/invitation.html", problem=invitation_problem(reason)), 410
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        problem = password_problem(form.password.data)
        if problem is None:
            services.accept_invitation(user.id, form.password.data)
            audit("tenancy.user.invitation_accepted", target_type="user", target_id=user.id, actor_id=user.id)
            user = services.authenticate(user.email, form.password.data)
            db.session.commit()
            sign_in(user)
            return redirect(_home_for(user), code=303)
        form.password.errors.append(PASSWORD_PROBLEMS.get(problem, PASSWORD_PROBLEMS["too_short"]))
    status = 422 if form.errors else 200
    return render_template("tenancy/auth/invitation.html", form=form, user=user, problem=None), status
