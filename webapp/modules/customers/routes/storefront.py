"""Shopper accounts on the storefront: sign-up, sign-in, password reset, profile, addresses, data.

Every page is `@public` for the platform's guard; pages about an account also need a signed-in
customer of *this* store (`customer_required`), and only ever show that customer's rows.
"""

from __future__ import annotations

from datetime import UTC, datetime
from urllib.parse import urljoin

from flask import Blueprint, abort, current_app, flash, g, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from webapp.extensions import db, limiter
from webapp.framework import events
from webapp.framework.auth.access import personal, public
from webapp.framework.htmx import is_htmx, render
from webapp.framework.i18n_routes import safe_next
from webapp.modules.contracts.events import CustomerRegistered, CustomerSignedIn
from webapp.modules.customers import services, session
from webapp.modules.customers.exceptions import DuplicateEmail, WeakPassword, WrongPassword
from webapp.modules.customers.forms import (
    AddressForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    LoginForm,
    ProfileForm,
    RegisterForm,
    ResetPasswordForm,
)
from webapp.modules.customers.models import Customer
from webapp.modules.customers.session import customer_required
from webapp.modules.customers.views import (
    country_choices,
    duplicate_email_message,
    locale_choices,
    page_language,
    password_message,
)

bp = Blueprint("customers_storefront", __name__)

T = "customers/storefront/"
ACCOUNT_ENDPOINT = "customers_storefront.account_show"


def rate_limit() -> str:
    return current_app.config["CUSTOMERS_RATE_LIMIT"]


def _external_url(endpoint: str, **values) -> str:
    """An absolute link for an email, on the host and scheme this request came in on."""
    # url_for gives the path as this host serves it (store hosts drop the canonical mount).
    return urljoin(request.host_url, url_for(endpoint, **values))


def _start_session(customer: Customer, message: str):
    """Sign the customer in, tell the other modules, commit, and go to `next` or the account."""
    session.sign_in(customer)
    # Handlers (the cart merging the guest cart) run in this transaction.
    events.publish(CustomerSignedIn(platform_id=g.platform.id, store_id=customer.store_id, customer_id=customer.id))
    db.session.commit()
    flash(message, "success")
    return redirect(safe_next(request.args.get("next"), url_for(ACCOUNT_ENDPOINT)), code=303)


def _register(form) -> Customer | None:
    """Create the account from a valid form, or put the refusal on the form and return None."""
    try:
        customer = services.register_customer(
            g.store.id, form.email.data, form.password.data, first_name=form.first_name.data,
            last_name=form.last_name.data, locale=str(get_locale()),
            accepts_marketing=form.accepts_marketing.data)
    except DuplicateEmail:
        form.email.errors.append(duplicate_email_message())
        return None
    except WeakPassword as error:
        form.password.errors.append(password_message(error.reason))
        return None
    events.publish(CustomerRegistered(platform_id=g.platform.id, store_id=g.store.id, customer_id=customer.id))
    services.send_welcome_email(g.store.id, customer.id, account_url=_external_url(ACCOUNT_ENDPOINT),
                                locale=page_language())
    return customer


def _page(template: str, status_of, **context):
    """A form page: 422 when the submitted form (`status_of`) has errors."""
    return render_template(T + template, **context), 422 if status_of.errors else 200


# ---- sign-up, sign-in, sign-out ----------------------------------------------------------------

@bp.route("/account/register", methods=["GET", "POST"])
@public
@personal
@limiter.limit(rate_limit, methods=["POST"])
def account_register():
    form = RegisterForm()
    if form.validate_on_submit():
        customer = _register(form)
        if customer is not None:
            return _start_session(customer, _("Welcome, %(name)s! Your account is ready.",
                                                   name=customer.display_name))
    return _page("auth/register.html", form, form=form)


@bp.route("/account/login", methods=["GET", "POST"])
@public
@personal
@limiter.limit(rate_limit, methods=["POST"])
def account_login():
    form = LoginForm()
    if form.validate_on_submit():
        customer = services.authenticate(g.store.id, form.email.data, form.password.data)
        if customer is not None:
            return _start_session(customer, _("Welcome back, %(name)s.", name=customer.display_name))
        form.password.errors.append(_("Email or password is incorrect."))
    return _page("auth/login.html", form, form=form)


@bp.post("/account/logout")
@public
@personal
def account_logout():
    session.sign_out()
    flash(_("You have been signed out."), "info")
    return redirect(url_for("core_storefront.home_show"), code=303)


# ---- password reset by emailed link --------------------------------------------------------------

@bp.route("/account/password/forgot", methods=["GET", "POST"])
@public
@personal
@limiter.limit(rate_limit, methods=["POST"])
def password_forgot():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.send_password_reset(
            g.store.id, form.email.data, locale=page_language(),
            reset_url=lambda token: _external_url("customers_storefront.password_reset", token=token))
        db.session.commit()
        # The same answer whether or not the address has an account here.
        flash(_("If an account exists for %(email)s, we have sent it a link to choose a new password.",
                email=form.email.data), "info")
        return redirect(url_for(".password_forgot"), code=303)
    return _page("auth/forgot.html", form, form=form)


@bp.route("/account/password/reset/<token>", methods=["GET", "POST"])
@public
@personal
@limiter.limit(rate_limit, methods=["POST"])
def password_reset(token: str):
    customer = services.customer_from_reset_token(g.store.id, token)
    if customer is None:
        return render_template(T + "auth/reset_invalid.html"), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(g.store.id, customer.id, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(password_message(error.reason))
        else:
            return _start_session(customer, _("Your new password is saved. You are signed in."))
    return _page("auth/reset.html", form, form=form, token=token)


# ---- the account -------------------------------------------------------------------------------

@bp.get("/account/")
@public
@personal
@customer_required
def account_show(customer):
    return render_template(T + "account/show.html", customer=customer,
                           address=services.default_address(g.store.id, customer.id))


def _profile_page(customer, form=None, password_form=None):
    form = form or ProfileForm(obj=customer, formdata=None)
    form.locale.choices = locale_choices()
    password_form = password_form or ChangePasswordForm(formdata=None)
    failed = form.errors or password_form.errors
    return render_template(T + "account/profile.html", customer=customer, form=form,
                           password_form=password_form), 422 if failed else 200


@bp.route("/account/profile", methods=["GET", "POST"])
@public
@personal
@customer_required
def profile_edit(customer):
    form = ProfileForm(obj=customer)
    form.locale.choices = locale_choices()
    if form.validate_on_submit():
        services.update_profile(g.store.id, customer.id, services.Profile(
            first_name=form.first_name.data, last_name=form.last_name.data, phone=form.phone.data or "",
            accepts_marketing=form.accepts_marketing.data, locale=form.locale.data))
        db.session.commit()
        flash(_("Your details are saved."), "success")
        return redirect(url_for(".profile_edit"), code=303)
    return _profile_page(customer, form=form)


@bp.post("/account/password")
@public
@personal
@customer_required
def password_change(customer):
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            services.change_password(g.store.id, customer.id, form.current_password.data, form.password.data)
        except WrongPassword:
            form.current_password.errors.append(_("This is not your current password."))
        except WeakPassword as error:
            form.password.errors.append(password_message(error.reason))
        else:
            db.session.commit()
            session.sign_in(customer)  # this session goes on; every other one ends
            flash(_("Your password is changed."), "success")
            return redirect(url_for(".profile_edit"), code=303)
    return _profile_page(customer, password_form=form)


# ---- addresses ---------------------------------------------------------------------------------

def _address_or_404(customer, address_id: int):
    address = services.get_address(g.store.id, customer.id, address_id)
    if address is None:
        abort(404)  # another customer's (or store's) address does not exist for you
    return address


def _address_list(customer, **extra):
    return render(T + "addresses/index.html", T + "addresses/_list.html",
                  addresses=services.list_addresses(g.store.id, customer.id), **extra)


def _address_data(form) -> services.AddressData:
    return services.AddressData(full_name=form.full_name.data, street=form.street.data,
                                postal_code=form.postal_code.data, city=form.city.data, country=form.country.data,
                                phone=form.phone.data or "", is_default=form.is_default.data)


@bp.get("/account/addresses")
@public
@personal
@customer_required
def address_list(customer):
    return _address_list(customer)


@bp.route("/account/addresses/new", methods=["GET", "POST"])
@public
@personal
@customer_required
def address_new(customer):
    form = AddressForm()
    form.country.choices = country_choices()
    if form.validate_on_submit():
        services.add_address(g.store.id, customer.id, _address_data(form))
        db.session.commit()
        flash(_("The address is saved."), "success")
        return redirect(url_for(".address_list"), code=303)
    return _page("addresses/form.html", form, form=form, address=None)


@bp.route("/account/addresses/<int:address_id>/edit", methods=["GET", "POST"])
@public
@personal
@customer_required
def address_edit(customer, address_id: int):
    address = _address_or_404(customer, address_id)
    form = AddressForm(obj=address)
    form.country.choices = country_choices()
    if form.validate_on_submit():
        services.update_address(g.store.id, customer.id, address.id, _address_data(form))
        db.session.commit()
        flash(_("The address is saved."), "success")
        return redirect(url_for(".address_list"), code=303)
    return _page("addresses/form.html", form, form=form, address=address)


def _after_address_change(customer, message: str):
    db.session.commit()
    if is_htmx():
        return _address_list(customer, message=message, trigger="customers:addresses-changed")
    flash(message, "success")
    return redirect(url_for(".address_list"), code=303)


@bp.post("/account/addresses/<int:address_id>/delete")
@public
@personal
@customer_required
def address_delete(customer, address_id: int):
    services.delete_address(g.store.id, customer.id, _address_or_404(customer, address_id).id)
    return _after_address_change(customer, _("The address is deleted."))


@bp.post("/account/addresses/<int:address_id>/default")
@public
@personal
@customer_required
def address_default(customer, address_id: int):
    services.set_default_address(g.store.id, customer.id, _address_or_404(customer, address_id).id)
    return _after_address_change(customer, _("This is now your default address."))


# ---- my data: download and erase ------------------------------------------------------------------

@bp.get("/account/data")
@public
@personal
@customer_required
def data_show(customer):
    return render_template(T + "account/data.html", customer=customer, form=DeleteAccountForm(formdata=None))


@bp.get("/account/data/export.json")
@public
@personal
@customer_required
def data_export(customer):
    data = {"store": g.store.name, "exported_at": datetime.now(UTC).isoformat(),
            **services.export_customer_data(g.store.id, customer.id)}
    response = jsonify(data)
    response.headers["Content-Disposition"] = f'attachment; filename="my-data-{g.store.code}.json"'
    return response


@bp.post("/account/data/delete")
@public
@personal
@customer_required
def account_delete(customer):
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_customer(g.store.id, customer.id, form.password.data)
        except WrongPassword:
            form.password.errors.append(_("This is not your password."))
        else:
            db.session.commit()
            session.sign_out()
            flash(_("Your account and your data are deleted."), "info")
            return redirect(url_for("core_storefront.home_show"), code=303)
    return _page("account/data.html", form, customer=customer, form=form)
