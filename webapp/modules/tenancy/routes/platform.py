"""A platform's signup: the merchant's account, business and first store; email verification."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, current_app, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.exc import IntegrityError

from webapp.extensions import db, limiter
from webapp.framework.audit import audit
from webapp.framework.auth.access import personal, public
from webapp.framework.auth.login import sign_in, sign_out
from webapp.framework.htmx import is_htmx
from webapp.modules.tenancy import services, views
from webapp.modules.tenancy.exceptions import SignupRejected
from webapp.modules.tenancy.forms import ResendVerificationForm, SignupForm
from webapp.modules.tenancy.models import User
from webapp.modules.tenancy.views import SIGNUP_EMAIL_KEY, verification_url

bp = Blueprint("tenancy_platform", __name__)

PAGE = "tenancy/platform/signup/new.html"


def _signup_limit() -> str:
    return current_app.config["TENANCY_SIGNUP_RATE_LIMIT"]


def _form(**kwargs) -> SignupForm:
    form = SignupForm(**kwargs)
    views.signup_choices(form, g.platform)
    return form


def _request(form: SignupForm) -> services.SignupRequest:
    return services.SignupRequest(
        name=form.name.data or "", email=form.email.data or "", password=form.password.data or "",
        legal_name=form.legal_name.data or "", country=form.country.data or "", vat_number=form.vat_number.data or "",
        store_name=form.store_name.data or "", store_code=form.store_code.data or "",
        languages=tuple(form.languages.data or ()), default_language=form.default_language.data or "",
        currency=form.currency.data or "", locale=str(get_locale()))


def _page(form: SignupForm, status: int = 200):
    check = form.store_code.data and views.code_message(services.check_store_code(form.store_code.data))
    return render_template(PAGE, form=form, code_check=check or None), status


def _refused(form: SignupForm, fields: dict[str, str]) -> SignupForm:
    for name, message in views.signup_refusals(fields).items():
        field = getattr(form, name, None)
        if field is not None:
            field.errors = [*field.errors, message]
    return form


@bp.get("/signup")
@public
def signup_new():
    form = _form(formdata=None, languages=[g.platform.default_language],
                 default_language=g.platform.default_language, currency="EUR")
    return _page(form)


@bp.post("/signup")
@public
@personal
@limiter.limit(_signup_limit)
def signup_create():
    form = _form()
    if not form.validate():
        return _page(form, 422)
    try:
        result = services.sign_up(g.platform.id, _request(form))
    except IntegrityError:
        # Someone took the same code or email between our check and the insert: check again.
        db.session.rollback()
        return _page(_refused(form, services.signup_conflicts(_request(form))), 422)
    except SignupRejected as error:
        db.session.rollback()
        return _page(_refused(form, error.details["fields"]), 422)
    services.send_verification_email(g.platform.id, result.user_id, link=partial(verification_url, g.platform.code),
                                     locale=str(get_locale()))
    audit("tenancy.merchant.signed_up", target_type="merchant", target_id=result.merchant_id,
          after={"store": result.store_code, "user_id": result.user_id}, actor_id=result.user_id,
          store_id=result.store_id, platform_id=g.platform.id)
    db.session.commit()
    session[SIGNUP_EMAIL_KEY] = form.email.data.strip().lower()
    return redirect(url_for(".signup_inbox"), code=303)


@bp.get("/signup/code")
@public
def signup_code_check():
    """The live check of the shop address as the visitor types (htmx); the POST checks again."""
    code = (request.args.get("store_code") or "")[:60]
    return render_template("tenancy/platform/signup/_code_check.html",
                           code_check=views.code_message(services.check_store_code(code)) if code else None)


@bp.get("/signup/inbox")
@public
@personal
def signup_inbox():
    email = session.get(SIGNUP_EMAIL_KEY, "")
    return render_template("tenancy/platform/signup/inbox.html", email=email,
                           resend=ResendVerificationForm(formdata=None, email=email))


@bp.get("/signup/verify/<token>")
@public
@personal
def verify_show(token: str):
    """Opening the emailed link: confirm with one click (a POST), so link scanners verify nothing."""
    if len(token) > 500:
        abort(404)
    outcome = services.check_verification(g.platform.id, token)
    if outcome.status != "verified":
        return _verify_failed(outcome.status)
    return render_template("tenancy/platform/signup/verify.html", token=token)


def _verify_failed(reason: str):
    status = 400 if reason == "invalid" else 410
    return render_template("tenancy/platform/signup/verify_failed.html", reason=reason,
                           resend=ResendVerificationForm(formdata=None)), status


@bp.post("/signup/verify/<token>")
@public
@personal
def verify_confirm(token: str):
    if len(token) > 500:
        abort(404)
    outcome = services.verify_email(g.platform.id, token)
    if outcome.status != "verified":
        db.session.rollback()
        return _verify_failed(outcome.status)
    audit("tenancy.user.email_verified", target_type="user", target_id=outcome.user_id, actor_id=outcome.user_id,
          store_id=outcome.store_id, platform_id=g.platform.id)
    db.session.commit()
    if current_user.is_authenticated:
        sign_out()
    sign_in(db.session.get(User, outcome.user_id))
    code = services.store_codes([outcome.store_id])[outcome.store_id]
    target = url_for("core_store.dashboard_show", store_code=code)
    if is_htmx():
        return "", 204, {"HX-Redirect": target}
    return redirect(target, code=303)
