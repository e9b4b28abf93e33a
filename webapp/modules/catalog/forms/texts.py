"""Per-language text fieldsets, one per store language, shared by products, categories, collections."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import Form, FormField, StringField, TextAreaField
from wtforms.validators import Length, Optional, Regexp

from webapp.framework.i18n import LANGUAGE_NAMES
from webapp.modules.catalog.forms.fields import CleanForm
from webapp.modules.catalog.services.inputs import TextInput

SLUG_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9-]*$"


class GroupTextForm(CleanForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    slug = StringField(_l("URL slug"), description=_l("Leave empty to make one from the name."),
                       validators=[Optional(), Length(max=120),
                                   Regexp(SLUG_PATTERN, message=_l("Use letters, digits and hyphens only."))])


class ProductTextForm(GroupTextForm):
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    description = TextAreaField(_l("Description"), description=_l("Basic formatting (paragraphs, bold, lists, "
                                                                   "links) is kept; anything else is removed."),
                                validators=[Optional(), Length(max=20_000)])
    seo_title = StringField(_l("Search engine title"), validators=[Optional(), Length(max=200)])
    seo_description = TextAreaField(_l("Search engine description"), validators=[Optional(), Length(max=320)])


def texts_field(languages, text_form: type[Form]) -> FormField:
    """A FormField holding one `text_form` per language, in the store's order."""
    fields = {code: FormField(text_form, label=LANGUAGE_NAMES.get(code, code)) for code in languages}
    return FormField(type("TextsForm", (Form,), fields))


def require_default_name(texts_form, default_language: str, message: str) -> bool:
    name = texts_form[default_language].form.name
    if (name.data or "").strip():
        return True
    name.errors = [*name.errors, message]
    return False


def texts_input(texts_form) -> dict[str, TextInput]:
    result = {}
    for language_field in texts_form:
        data = {key: (value or "").strip() for key, value in language_field.data.items()}
        result[language_field.name.rsplit("-", 1)[-1]] = TextInput(**data)
    return result
