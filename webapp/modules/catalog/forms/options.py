"""The "option names per language" editor: one text field per option name or value and language."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from wtforms import StringField
from wtforms.validators import Length, Optional

from webapp.framework.i18n import LANGUAGE_NAMES
from webapp.modules.catalog.forms.fields import CleanFlaskForm
from webapp.modules.catalog.services.options import LABEL_MAX, OptionGroup


@dataclass(frozen=True)
class LabelRow:
    """One line of the editor: an option name (value "") or one of its values, a field per language."""

    name: str
    value: str
    fields: list  # bound StringFields, in the order of `languages`


@dataclass(frozen=True)
class OptionLabelsEditor:
    form: CleanFlaskForm
    languages: list[tuple[str, str]]  # (code, language name) of the translated languages
    groups: list[list[LabelRow]]  # per option: its name row, then one row per value

    def labels(self) -> dict[tuple[str, str, str], str]:
        """(language, name, value) → label as submitted."""
        return {(code, row.name, row.value): row.fields[i].data or ""
                for group in self.groups for row in group for i, (code, _name) in enumerate(self.languages)}


def _field_name(group: int, value: int | None, language: str) -> str:
    return f"o{group}_{language}" if value is None else f"o{group}v{value}_{language}"


def option_labels_editor(groups: list[OptionGroup], languages: list[str],
                         stored: dict[tuple[str, str, str], str]) -> OptionLabelsEditor:
    """A form for `groups` in `languages` (the store's other languages), prefilled with `stored`."""
    keys, fields = [], {}
    for g_index, group in enumerate(groups):
        for v_index, value in [(None, ""), *enumerate(group.values)]:
            for language in languages:
                name = _field_name(g_index, v_index, language)
                keys.append((name, language, group.name, value))
                fields[name] = StringField(_l("%(language)s label", language=LANGUAGE_NAMES.get(language, language)),
                                           validators=[Optional(), Length(max=LABEL_MAX)])
    form_class = type("OptionLabelsForm", (CleanFlaskForm,), fields)
    data = {name: stored.get((language, option, value), "") for name, language, option, value in keys}
    form = form_class(data=data)  # Flask-WTF reads the submitted fields on POST
    rows = [[LabelRow(group.name, value, [form[_field_name(g_index, v_index, lang)] for lang in languages])
             for v_index, value in [(None, ""), *enumerate(group.values)]] for g_index, group in enumerate(groups)]
    return OptionLabelsEditor(form, [(code, LANGUAGE_NAMES.get(code, code)) for code in languages], rows)
