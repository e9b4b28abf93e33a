"""Sign-in for platform users (staff and merchant teams) and the store chooser."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db, limiter
from webapp.framework.auth.access import login_required, public
from webapp.framework.auth.login import sign_in, sign_out
from webapp.framework.i18n_routes import safe_next
from webapp.modules.tenancy import services
from webapp.modules.tenancy.forms import LoginForm, ResendVerificationForm
from webapp.modules.tenancy.views import SIGNUP_EMAIL_KEY, verification_url

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
        if user is not None and not user.is_email_verified:
            # The password was right: say so, and ask for the emailed confirmation before any dashboard.
            db.session.commit()
            return render_template("tenancy/auth/unverified.html",
                                   resend=ResendVerificationForm(formdata=None, email=user.email)), 403
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


def _resend_limit() -> str:
    return current_app.config["TENANCY_VERIFICATION_RESEND_RATE_LIMIT"]


@bp.post("/verification/resend")
@public
@limiter.limit(_resend_limit)
def verification_resend():
    """A new verification link for an unverified owner; the answer is the same whoever asks (no address probing)."""
    form = ResendVerificationForm()
    if not form.validate():
        return render_template("tenancy/auth/resend.html", resend=form), 422
    email = form.email.data.strip().lower()
    if services.resend_verification(email, link=verification_url, locale=str(get_locale())):
        db.session.commit()
    session[SIGNUP_EMAIL_KEY] = email
    flash(_("If an account waits for confirmation at this address, a new link is on its way."), "info")
    return redirect(url_for("tenancy_auth.verification_sent"), code=303)


@bp.get("/verification/sent")
@public
def verification_sent():
    return render_template("tenancy/auth/resend.html", resend=ResendVerificationForm(formdata=None))
