"""Sign-in for platform users (staff and merchant teams), the store chooser, and their own account:
forgotten password, profile, password change and the TOTP second factor."""

from __future__ import annotations

from urllib.parse import urljoin

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from itsdangerous import BadSignature, URLSafeTimedSerializer

from webapp.extensions import db, limiter
from webapp.framework.audit import audit
from webapp.framework.auth.access import account_step, login_required, personal, public
from webapp.framework.auth.login import sign_in, sign_out
from webapp.framework.auth.passwords import password_problem
from webapp.framework.i18n_routes import safe_next
from webapp.framework.jobs import enqueue
from webapp.modules.tenancy import services
from webapp.modules.tenancy.exceptions import InvalidCode, InvitationInvalid, TeamError, WeakPassword, WrongPassword
from webapp.modules.tenancy.forms import (
    PASSWORD_PROBLEMS,
    AcceptInvitationForm,
    ChangePasswordForm,
    DisableTwoFactorForm,
    EnableTwoFactorForm,
    ForgotPasswordForm,
    InvitationAcceptForm,
    InvitationSignInForm,
    InvitationSignUpForm,
    LoginForm,
    ProfileForm,
    RegenerateCodesForm,
    ResendVerificationForm,
    ResetPasswordForm,
    SecondFactorForm,
    StartTwoFactorForm,
)
from webapp.modules.tenancy.jobs import LINK_SLOT
from webapp.modules.tenancy.views import (
    SIGNUP_EMAIL_KEY,
    enrolment,
    invitation_problem,
    password_message,
    profile_language_choices,
    recovery_codes_left,
    role_label,
    staff_invitation_problem,
    team_refusal,
    verification_url,
)

bp = Blueprint("tenancy_auth", __name__)


LOGIN_VIEW = "tenancy_auth.login"
T = "tenancy/auth/"
RESET_JOB = "webapp.modules.tenancy.jobs:send_password_reset"
PENDING_KEY = "tenancy.second_factor"  # the signed "password checked, code still due" marker
PENDING_SALT = "tenancy.second-factor-pending"
PENDING_FAILURES_KEY = "tenancy.second_factor_failures"
MAX_CODE_FAILURES = 5  # then the password is asked again


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_limit() -> str:
    return current_app.config["TENANCY_ACCOUNT_RATE_LIMIT"]


def _audit_throttled(_limit) -> None:
    """A sign-in refused by the rate limit is recorded, with the address tried (never the password)."""
    email = (request.form.get("email") or "").strip().lower()[:254]
    if not email and request.endpoint == "tenancy_auth.login_second_factor":
        pending = _pending_sign_in()  # the code step: whose password was right
        email = pending[0].email if pending else ""
    audit("tenancy.sign_in.throttled", target_type="user", target_id="", actor_id=None,
          details={"email": email, "endpoint": request.endpoint or ""})
    db.session.commit()


def _home_for(user) -> str:
    if user.is_platform_staff:
        return url_for("core_admin.dashboard_show")
    stores = services.stores_of_user(user.id)
    if len(stores) == 1:
        return url_for("core_store.dashboard_show", store_code=stores[0].code)
    return url_for("tenancy_auth.store_choose")


@bp.route("/login", methods=["GET", "POST"])
@public
@limiter.limit(_login_limit, methods=["POST"], on_breach=_audit_throttled)
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
            if user.has_two_factor:
                return _ask_second_factor(user, remember=form.remember.data)
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
    dashboard = url_for("core_store.dashboard_show", store_code=store_code)
    if mode == "sign_in" and user.has_two_factor:  # a password alone never signs in a user with a second factor
        flash(_("Welcome to the team! Sign in with your code to open the store."), "success")
        return redirect(url_for("tenancy_auth.login", next=dashboard), code=303)
    if mode != "accept":
        sign_in(user)
    flash(_("Welcome to the team!"), "success")
    return redirect(dashboard, code=303)


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


# ---- the second sign-in step -------------------------------------------------------------------

def _pending_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=PENDING_SALT)


def _ask_second_factor(user, *, remember: bool):
    """Password checked: remember that (signed, short-lived) and ask for the code; not signed in yet."""
    sign_out()  # a fresh session: nothing of a previous user survives into this one
    session[PENDING_KEY] = _pending_serializer().dumps(
        {"u": user.id, "v": user.session_version, "r": bool(remember), "n": request.args.get("next") or ""})
    return redirect(url_for(".login_second_factor"), code=303)


def _pending_sign_in():
    """(user, remember, next) of a sign-in waiting for its code, or None (none, expired or stale)."""
    marker = session.get(PENDING_KEY)
    if not marker:
        return None
    try:
        payload = _pending_serializer().loads(marker, max_age=current_app.config["TENANCY_TWO_FACTOR_PENDING_MAX_AGE"])
    except BadSignature:
        return None
    user = services.load_user(f"{payload.get('u')}:{payload.get('v')}")
    if user is None or not user.has_two_factor:
        return None
    return user, payload.get("r", False), payload.get("n", "")


def _drop_pending() -> None:
    session.pop(PENDING_KEY, None)
    session.pop(PENDING_FAILURES_KEY, None)


@bp.route("/login/code", methods=["GET", "POST"])
@public
@personal
@limiter.limit(_account_limit, methods=["POST"], on_breach=_audit_throttled)
def login_second_factor():
    pending = _pending_sign_in()
    if pending is None:
        _drop_pending()
        flash(_("Please sign in again: the sign-in was not finished in time."), "warning")
        return redirect(url_for(".login"), code=303)
    user, remember, next_url = pending
    form = SecondFactorForm()
    if form.validate_on_submit():
        try:
            method = services.verify_second_factor(user.id, form.code.data)
        except InvalidCode:
            return _wrong_sign_in_code(form)
        if method == "recovery":
            left = services.unused_recovery_codes(user.id)
            audit("tenancy.two_factor.recovery_code_used", target_type="user", target_id=user.id, actor_id=user.id,
                  after={"recovery_codes_left": left})
        db.session.commit()
        sign_in(user, remember=remember)
        if method == "recovery":
            flash(_("You signed in with a recovery code; it cannot be used again. Codes left: %(num)d.",
                    num=services.unused_recovery_codes(user.id)), "warning")
        return redirect(safe_next(next_url, _home_for(user)), code=303)
    status = 422 if form.errors else 200
    return render_template(T + "second_factor.html", form=form), status


def _wrong_sign_in_code(form):
    failures = session.get(PENDING_FAILURES_KEY, 0) + 1
    if failures >= MAX_CODE_FAILURES:
        _drop_pending()
        flash(_("Too many wrong codes. Please sign in again."), "warning")
        return redirect(url_for(".login"), code=303)
    session[PENDING_FAILURES_KEY] = failures
    form.code.errors.append(_("This code is not valid. App codes change every 30 seconds and each works once."))
    return render_template(T + "second_factor.html", form=form), 422


# ---- forgotten password ------------------------------------------------------------------------

def _external_url(endpoint: str, **values) -> str:
    """An absolute link for an email, on the host and scheme this request came in on."""
    return urljoin(request.host_url, url_for(endpoint, **values))


def _page_language() -> str:
    return str(get_locale() or "en")


@bp.route("/password/forgot", methods=["GET", "POST"])
@public
@personal
@limiter.limit(_account_limit, methods=["POST"])
def password_forgot():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        platform = g.get("platform")
        enqueue(RESET_JOB, form.email.data, title="Password reset email", queue="high",
                reset_url=_external_url(".password_reset", token=LINK_SLOT), locale=_page_language(),
                platform_id=platform.id if platform else None, platform_name=platform.name if platform else "Orion")
        # The same answer whether or not the address has an account.
        flash(_("If an account exists for %(email)s, we have sent it a link to choose a new password.",
                email=form.email.data), "info")
        return redirect(url_for(".password_forgot"), code=303)
    return render_template(T + "forgot.html", form=form), 422 if form.errors else 200


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
@public
@personal
@limiter.limit(_account_limit, methods=["POST"])
def password_reset(token: str):
    user = services.user_from_reset_token(token)
    if user is None:
        return render_template(T + "reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(user.id, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(password_message(error.reason))
        else:
            audit("tenancy.password.reset", target_type="user", target_id=user.id, actor_id=user.id)
            db.session.commit()
            sign_out()
            # To the sign-in page rather than in directly: a second factor still has its say.
            flash(_("Your new password is saved, and every session has ended. Sign in with it."), "success")
            return redirect(url_for(".login"), code=303)
    return render_template(T + "reset.html", form=form, token=token), 422 if form.errors else 200


# ---- the signed-in user's own account ----------------------------------------------------------

A = "tenancy/auth/account/"


def _profile_page(form=None, password_form=None):
    user = current_user._get_current_object()
    form = form or ProfileForm(obj=user, formdata=None)
    if form.locale.data is None:
        form.locale.data = ""
    form.locale.choices = profile_language_choices()
    password_form = password_form or ChangePasswordForm(formdata=None)
    failed = form.errors or password_form.errors
    return render_template(A + "profile.html", form=form, password_form=password_form, home_url=_home_for(user),
                           has_two_factor=user.has_two_factor), 422 if failed else 200


@bp.route("/account", methods=["GET", "POST"])
@login_required
@personal
def account_edit():
    if request.method == "GET":
        return _profile_page()
    form = ProfileForm()
    form.locale.choices = profile_language_choices()
    if not form.validate_on_submit():
        return _profile_page(form=form)
    services.update_profile(current_user.id, name=form.name.data or "", locale=form.locale.data)
    db.session.commit()
    # The chosen language applies at once: the switcher's choice in this session gives way to it.
    if form.locale.data:
        session["lang"] = form.locale.data
    else:
        session.pop("lang", None)
    flash(_("Your profile is saved."), "success")
    return redirect(url_for(".account_edit"), code=303)


@bp.post("/account/password")
@login_required
@personal
def password_change():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            user = services.change_password(current_user.id, form.current_password.data, form.password.data)
        except WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except WeakPassword as error:
            form.password.errors.append(password_message(error.reason))
        else:
            audit("tenancy.password.changed", target_type="user", target_id=user.id)
            db.session.commit()
            sign_in(user)  # this session goes on under the new session version; every other one ends
            flash(_("Your password is changed. You were signed out everywhere else."), "success")
            return redirect(url_for(".account_edit"), code=303)
    return _profile_page(password_form=form)


def _two_factor_page(*, code_form=None, disable_form=None, codes_form=None):
    user = current_user._get_current_object()
    failed = any(form is not None and form.errors for form in (code_form, disable_form, codes_form))
    return render_template(
        A + "two_factor.html", user=user, enrolment=enrolment(user), codes_left=recovery_codes_left(user),
        required=services.two_factor_required(user), home_url=_home_for(user),
        start_form=StartTwoFactorForm(formdata=None), code_form=code_form or EnableTwoFactorForm(formdata=None),
        disable_form=disable_form or DisableTwoFactorForm(formdata=None, prefix="disable"),
        codes_form=codes_form or RegenerateCodesForm(formdata=None, prefix="codes")), 422 if failed else 200


def _recovery_codes_page(codes: list[str]):
    return render_template(A + "recovery_codes.html", codes=codes, home_url=_home_for(current_user))


@bp.get("/account/two-factor")
@login_required
@personal
@account_step
def two_factor_show():
    return _two_factor_page()


@bp.post("/account/two-factor/start")
@login_required
@personal
@account_step
def two_factor_start():
    form = StartTwoFactorForm()
    if form.validate_on_submit() and not current_user.has_two_factor:
        services.begin_enrolment(current_user.id)
        db.session.commit()
    return redirect(url_for(".two_factor_show"), code=303)


@bp.post("/account/two-factor/confirm")
@login_required
@personal
@account_step
@limiter.limit(_account_limit)
def two_factor_confirm():
    form = EnableTwoFactorForm()
    if form.validate_on_submit():
        try:
            codes = services.confirm_enrolment(current_user.id, form.code.data)
        except InvalidCode:
            form.code.errors.append(_("This code is not valid. Check the time on your phone and try the next code."))
        else:
            audit("tenancy.two_factor.enabled", target_type="user", target_id=current_user.id,
                  before={"two_factor": False}, after={"two_factor": True})
            db.session.commit()
            return _recovery_codes_page(codes)
    return _two_factor_page(code_form=form)


@bp.post("/account/two-factor/recovery-codes")
@login_required
@personal
@limiter.limit(_account_limit)
def recovery_codes_regenerate():
    form = RegenerateCodesForm(prefix="codes")
    if form.validate_on_submit() and current_user.has_two_factor:
        if services.check_password(current_user.id, form.password.data):
            codes = services.regenerate_recovery_codes(current_user.id)
            audit("tenancy.two_factor.recovery_codes_regenerated", target_type="user", target_id=current_user.id)
            db.session.commit()
            return _recovery_codes_page(codes)
        form.password.errors.append(_("This is not your password."))
    elif not form.errors:
        form.form_errors.append(_("Two-factor authentication is not on."))
    return _two_factor_page(codes_form=form)


@bp.post("/account/two-factor/disable")
@login_required
@personal
@limiter.limit(_account_limit)
def two_factor_disable():
    form = DisableTwoFactorForm(prefix="disable")
    if form.validate_on_submit() and current_user.has_two_factor:
        if not services.check_password(current_user.id, form.password.data):
            form.password.errors.append(_("This is not your password."))
        else:
            try:
                services.disable_two_factor(current_user.id, form.code.data)
            except InvalidCode:
                form.code.errors.append(_("This code is not valid."))
            else:
                audit("tenancy.two_factor.disabled", target_type="user", target_id=current_user.id,
                      before={"two_factor": True}, after={"two_factor": False})
                db.session.commit()
                flash(_("Two-factor authentication is off."), "success")
                return redirect(url_for(".two_factor_show"), code=303)
    elif not form.errors:
        form.form_errors.append(_("Two-factor authentication is not on."))
    return _two_factor_page(disable_form=form)
