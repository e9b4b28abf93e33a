"""Sign-in for platform users (staff and merchant teams) and the store chooser."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from webapp.extensions import db, limiter
from webapp.framework.audit import audit
from webapp.framework.auth.access import login_required, personal, public
from webapp.framework.auth.login import sign_in, sign_out
from webapp.framework.auth.passwords import password_problem
from webapp.framework.i18n_routes import safe_next
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvitationInvalid, TeamError
from webapp.modules.tenancy.forms import (
    PASSWORD_PROBLEMS,
    AcceptInvitationForm,
    InvitationAcceptForm,
    InvitationSignInForm,
    InvitationSignUpForm,
    LoginForm,
    ResendVerificationForm,
)
from webapp.modules.tenancy.views import (
    SIGNUP_EMAIL_KEY,
    invitation_problem,
    role_label,
    staff_invitation_problem,
    team_refusal,
    verification_url,
)

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


# --- Accepting a team invitation ---------------------------------------------------------------------

INVITATION_PAGE = "tenancy/auth/invitation.html"


def _invitation_problem(error: InvitationInvalid):
    title, text = invitation_problem(error.reason)
    return render_template("tenancy/auth/invitation_problem.html", title=title, text=text), error.status_code


def _invitation_form(invitation, account):
    """What the invitee fills in: nothing (signed in as the invited address), a password, or a new account."""
    if current_user.is_authenticated:
        return "accept", InvitationAcceptForm()
    if account is not None:
        return "sign_in", InvitationSignInForm()
    return "sign_up", InvitationSignUpForm()


def _invitation_page(invitation, account, mode, form, *, status: int = 200, error: str | None = None):
    store = services.store_names([invitation.store_id]).get(invitation.store_id, "")
    signed_in = current_user.email if current_user.is_authenticated else None
    return render_template(INVITATION_PAGE, invitation=invitation, store_name=store, mode=mode, form=form,
                           role=role_label(invitation.role, invitation.custom_role), error=error,
                           token=request.view_args["token"], signed_in_email=signed_in,
                           wrong_account=signed_in is not None and signed_in != invitation.email), status


def _joined(invitation, membership, user) -> str:
    """Record and commit the acceptance; returns the store's code."""
    platform_id = services.platform_id_of_store(invitation.store_id)
    audit("tenancy.invitation.accepted", target_type="invitation", target_id=invitation.id,
          before={"status": "pending"}, after={"status": "accepted", "user_id": user.id, "role": membership.role,
                                               "custom_role_id": membership.custom_role_id},
          actor_id=user.id, store_id=invitation.store_id, platform_id=platform_id)
    db.session.commit()
    return services.store_codes([invitation.store_id])[invitation.store_id]


def _join(token: str, invitation, mode: str, form):
    """Join as the signed-in user, after signing in, or with a new account: (membership, user);
    (None, None) when the password is wrong."""
    if mode == "sign_up":
        membership = services.sign_up_and_accept(token, name=form.name.data, password=form.password.data,
                                                 locale=str(get_locale() or "") or None)
        return membership, membership.user
    user = current_user if mode == "accept" else services.authenticate(invitation.email, form.password.data)
    if user is None:
        return None, None
    return services.accept_invitation(token, user_id=user.id), user


@bp.get("/invitations/<token>")
@public
@personal
def invitation_show(token: str):
    try:
        invitation = services.invitation_from_token(token)
    except InvitationInvalid as error:
        return _invitation_problem(error)
    account = services.account_for(invitation)
    mode, form = _invitation_form(invitation, account)
    return _invitation_page(invitation, account, mode, form)


@bp.post("/invitations/<token>")
@public
@personal
@limiter.limit(_login_limit)
def invitation_accept(token: str):
    try:
        invitation = services.invitation_from_token(token)
    except InvitationInvalid as error:
        return _invitation_problem(error)
    account = services.account_for(invitation)
    mode, form = _invitation_form(invitation, account)
    if mode == "accept" and current_user.email != invitation.email:
        return _invitation_page(invitation, account, mode, form, status=403, error=team_refusal("wrong_account"))
    if not form.validate():
        return _invitation_page(invitation, account, mode, form, status=422)
    try:
        membership, user = _join(token, invitation, mode, form)
    except InvitationInvalid as error:
        db.session.rollback()
        return _invitation_problem(error)
    except TeamError as error:
        db.session.rollback()
        return _invitation_page(invitation, account, mode, form, status=422, error=team_refusal(error.reason))
    if membership is None:
        form.password.errors.append(_("Email or password is incorrect."))
        return _invitation_page(invitation, account, mode, form, status=422)
    store_code = _joined(invitation, membership, user)
    if mode != "accept":
        sign_in(user)
    flash(_("Welcome to the team!"), "success")
    return redirect(url_for("core_store.dashboard_show", store_code=store_code), code=303)


# --- Accepting a platform staff invitation -------------------------------------------------------------

@bp.route("/staff-invitation/<token>", methods=["GET", "POST"])
@public
@personal
@limiter.limit(_login_limit, methods=["POST"])
def staff_invitation_accept(token: str):
    """An invited platform user chooses a first password, then is signed in (the link is then spent)."""
    user, reason = services.invited_user(token)
    if user is None:
        return render_template("tenancy/auth/staff_invitation.html", problem=staff_invitation_problem(reason)), 410
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        problem = password_problem(form.password.data)
        if problem is None:
            services.accept_staff_invitation(user.id, form.password.data)
            audit("tenancy.user.invitation_accepted", target_type="user", target_id=user.id, actor_id=user.id)
            user = services.authenticate(user.email, form.password.data)
            db.session.commit()
            sign_in(user)
            return redirect(_home_for(user), code=303)
        form.password.errors.append(PASSWORD_PROBLEMS.get(problem, PASSWORD_PROBLEMS["too_short"]))
    status = 422 if form.errors else 200
    return render_template("tenancy/auth/staff_invitation.html", form=form, user=user, problem=None), status
