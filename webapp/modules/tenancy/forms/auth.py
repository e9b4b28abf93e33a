"""Staff sign-in and the dashboards' search box."""


from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    PasswordField,
    StringField,
)
from wtforms.validators import DataRequired, Length

from webapp.framework.list_filters import bounded
from webapp.modules.tenancy.forms.fields import no_control_characters


class LoginForm(FlaskForm):
    # No format check at sign-in: an unknown address simply fails like a wrong password.
    email = EmailField(_l("Email"), validators=[DataRequired(), Length(max=254), no_control_characters])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(max=512)])
    remember = BooleanField(_l("Keep me signed in"))


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET filter form: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
