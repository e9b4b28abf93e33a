"""Admin: platforms, stores, merchants and platform staff, and their list filters."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    RadioField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.validators import DataRequired, Length

from webapp.framework.list_filters import bounded
from webapp.modules.tenancy.forms.fields import (
    CODE,
    EMAIL,
    HEX,
    clean_text,
)
from webapp.modules.tenancy.forms.settings import BusinessForm
from webapp.modules.tenancy.services import PlatformSettings, StaffRole, StoreSettings


class _Languages:
    """Language fields; the view sets their choices from the app's (platform) or the platform's (store) languages.

    Selects carry no DataRequired: they always send one of their options (anything else fails the choice
    check), and HTML wants a placeholder first in a `required` select.
    """

    default_language = SelectField(_l("Default language"))
    languages = SelectMultipleField(_l("Languages"), validators=[DataRequired()])


class PlatformForm(_Languages, FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=120)], filters=[clean_text])
    domain = StringField(_l("Domain"), validators=[Length(max=253)], filters=[clean_text],
                         description=_l("The host name the platform site answers on, e.g. shop.example."))
    primary = StringField(_l("Primary colour"), validators=[HEX], filters=[clean_text],
                          description=_l("Buttons and links, e.g. #1d4ed8. White text must be readable on it."))
    accent = StringField(_l("Accent colour"), validators=[HEX], filters=[clean_text],
                         description=_l("Highlights, e.g. #15803d. White text must be readable on it."))
    signup_policy = RadioField(_l("New stores"), choices=[
        SelectChoice("open", _l("Go live when their owner launches them")),
        SelectChoice("approval", _l("Wait for an admin's approval"))], default="open")
    require_two_factor = BooleanField(_l("Require two-factor authentication for this platform's staff"))

    def settings(self) -> PlatformSettings:
        return PlatformSettings(self.name.data or "", self.domain.data or "", self.default_language.data or "",
                                tuple(self.languages.data or ()), (self.primary.data or "").lower(),
                                (self.accent.data or "").lower(), self.signup_policy.data or "",
                                bool(self.require_two_factor.data))


class NewPlatformForm(PlatformForm):
    code = StringField(_l("Code"), validators=[DataRequired(), Length(min=3, max=40), CODE], filters=[clean_text],
                       description=_l("Used in addresses; it cannot be changed later."))


class StoreForm(_Languages, FlaskForm):
    name = StringField(_l("Store name"), validators=[DataRequired(), Length(max=120)], filters=[clean_text])
    subdomain = StringField(_l("Subdomain"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                            filters=[clean_text])
    currency = SelectField(_l("Currency"))

    def settings(self) -> StoreSettings:
        return StoreSettings(self.name.data or "", (self.subdomain.data or "").lower(),
                             self.default_language.data or "", tuple(self.languages.data or ()),
                             self.currency.data or "")


class NewStoreForm(StoreForm):
    code = StringField(_l("Store code"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                       filters=[clean_text], description=_l("Used in addresses; it cannot be changed later."))
    platform = SelectField(_l("Platform"))


class NewMerchantForm(BusinessForm):
    owner_email = EmailField(_l("Owner's email"), validators=[DataRequired(), Length(max=254), EMAIL],
                             filters=[clean_text],
                             description=_l("An existing user, or a new one who gets an invitation."))
    owner_name = StringField(_l("Owner's name"), validators=[Length(max=120)], filters=[clean_text])
    platform = SelectField(_l("Platform"))
    store_name = StringField(_l("First store's name"), validators=[DataRequired(), Length(max=120)],
                             filters=[clean_text])
    store_code = StringField(_l("First store's code"), validators=[DataRequired(), Length(min=3, max=40), CODE],
                             filters=[clean_text], description=_l("Also its subdomain; it cannot be changed later."))


class StaffRoleForm(FlaskForm):
    role = RadioField(_l("Role"), validators=[DataRequired()])
    platforms = SelectMultipleField(_l("Platforms"), coerce=int, validate_choice=False,
                                    description=_l("Platform admins and translators work on these platforms only."))

    def staff_role(self) -> StaffRole:
        return StaffRole(self.role.data or "", tuple(self.platforms.data or ()))


class InviteStaffForm(StaffRoleForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), EMAIL], filters=[clean_text])
    name = StringField(_l("Name"), validators=[Length(max=120)], filters=[clean_text])


class StaffFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
    role = SelectField(_l("Role"), validate_choice=False)
    platform = SelectField(_l("Platform"), validate_choice=False)


class StoreFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
    platform = SelectField(_l("Platform"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
