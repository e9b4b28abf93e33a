"""Category and collection forms: names and slugs per language, parent, position."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectChoice, SelectField
from wtforms.validators import NumberRange, Optional

from webapp.modules.catalog.forms.fields import CleanFlaskForm
from webapp.modules.catalog.forms.texts import GroupTextForm, require_default_name, texts_field, texts_input
from webapp.modules.catalog.services.inputs import GroupInput


def _parent(value):
    return int(value) if value not in (None, "", "None") and str(value).isdigit() else None


class GroupForm(CleanFlaskForm):
    position = IntegerField(_l("Position"), default=0, description=_l("Lower numbers come first."),
                            validators=[Optional(), NumberRange(min=0, max=100_000)])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        return require_default_name(self.translations.form, self.default_language,
                                    _("Enter a name in the store's default language.")) and valid

    def to_input(self) -> GroupInput:
        parent = self.parent.data if hasattr(self, "parent") else None
        return GroupInput(texts=texts_input(self.translations.form), parent_id=parent,
                          position=self.position.data or 0)


class CategoryForm(GroupForm):
    parent = SelectField(_l("Parent category"), coerce=_parent)


def group_form(store, form_class: type[GroupForm], *, parent_choices=None, **kwargs) -> GroupForm:
    """A category (with `parent_choices`) or collection form for the store's languages."""
    built = type(f"Store{form_class.__name__}", (form_class,),
                 {"translations": texts_field(store.languages, GroupTextForm)})
    form = built(**kwargs)
    form.default_language = store.default_language
    if parent_choices is not None:
        form.parent.choices = [SelectChoice("", _("None (top level)")), *parent_choices]
    return form


def group_data(record, *, parent: bool) -> dict:
    data = {"position": record.position,
            "translations": {t.language: {"name": t.name, "slug": t.slug} for t in record.translations}}
    if parent:
        data["parent"] = record.parent_id
    return data
