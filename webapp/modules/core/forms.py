"""Forms of the core module: the audit log's filters, starting a support view, the search box."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, ValidationError

from webapp.framework.list_filters import bounded


class AuditFilterForm(FlaskForm):
    """GET filters of an audit log page; the view sets `action.choices` from the recorded actions."""

    class Meta:
        csrf = False  # a GET filter form: nothing changes

    actor = StringField(_l("Actor"), validators=[Length(max=100)], filters=[bounded()],
                        description=_l("Email address, or part of it"))
    store = StringField(_l("Store code"), validators=[Length(max=40)], filters=[bounded(40)])
    action = SelectField(_l("Action"), choices=[], default="")
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_l("The end date must not be before the start date."))


class SupportViewForm(FlaskForm):
    reason = StringField(_l("Reason (optional)"), validators=[Length(max=200)], filters=[bounded(200)])


class SearchForm(FlaskForm):
    class Meta:
        csrf = False  # a GET search: nothing changes

    q = StringField(_l("Search"), validators=[Length(max=100)], filters=[bounded()])
