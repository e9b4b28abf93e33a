"""Image upload form of the product page."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from webapp.modules.catalog.forms.fields import CleanFlaskForm


def _variant(value):
    return int(value) if value not in (None, "", "None") and str(value).isdigit() else None


class ImageForm(CleanFlaskForm):
    image = FileField(_l("Image"), description=_l("PNG, JPEG or WebP."), validators=[FileRequired()])
    alt = StringField(_l("Description for screen readers"), validators=[Optional(), Length(max=200)])
    variant = SelectField(_l("Shown for variant"), coerce=_variant, validators=[Optional()])
