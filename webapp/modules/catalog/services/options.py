"""Variant option names and values per language (store-wide), falling back to the default language.

Variants store the canonical words; filters match on them in every language, so a URL such as
`?opt=Colour:Blue` lists the same products in French and German, shown as "Couleur : Bleu".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import OptionTranslation, Product
from webapp.modules.catalog.services.cleaning import strip_controls

LABEL_MAX = 80


@dataclass(frozen=True)
class OptionLabels:
    """Labels of option names and values in `language`, else `default_language`, else canonical."""

    language: str
    default_language: str
    labels: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (language, name, value) → label

    def _pick(self, name: str, value: str) -> str:
        return (self.labels.get((self.language, name, value)) or self.labels.get((self.default_language, name, value))
                or value or name)

    def name(self, name: str) -> str:
        return self._pick(name, "")

    def value(self, name: str, value: str) -> str:
        return self._pick(name, value)


def option_labels(store_id: int, language: str, default_language: str,
                  names: Iterable[str] | None = None) -> OptionLabels:
    """Every label of the store in the two languages (of `names` only, when given): one query."""
    query = select(OptionTranslation.language, OptionTranslation.name, OptionTranslation.value,
                   OptionTranslation.label).where(OptionTranslation.language.in_({language, default_language}))
    if names is not None:
        query = query.where(OptionTranslation.name.in_(set(names)))
    with store_scope(store_id):
        rows = db.session.execute(query).all()
    return OptionLabels(language, default_language, {(lang, n, v): label for lang, n, v, label in rows})


@dataclass(frozen=True)
class OptionGroup:
    """An option of a product with its values, as the merchant's editor lists them."""

    name: str
    values: list[str]


def product_options(product: Product) -> list[OptionGroup]:
    """The product's option names in display order, each with the values its variants use."""
    names = list(product.option_names or [])
    for variant in product.variants:
        names += [name for name in variant.options if name not in names]
    groups = []
    for name in names:
        values: list[str] = []
        for variant in product.variants:
            value = variant.options.get(name)
            if value and value not in values:
                values.append(value)
        groups.append(OptionGroup(name, values))
    return groups


def stored_labels(store_id: int, groups: list[OptionGroup],
                  languages: Iterable[str]) -> dict[tuple[str, str, str], str]:
    """The labels saved so far for these options, keyed (language, name, value)."""
    names = {group.name for group in groups}
    if not names:
        return {}
    with store_scope(store_id):
        rows = db.session.execute(select(OptionTranslation.language, OptionTranslation.name,
                                         OptionTranslation.value, OptionTranslation.label)
                                  .where(OptionTranslation.name.in_(names),
                                         OptionTranslation.language.in_(set(languages)))).all()
    return {(lang, name, value): label for lang, name, value, label in rows}


def clean_label(raw: str) -> str:
    return " ".join(strip_controls(raw or "").split())


def save_labels(store_id: int, labels: dict[tuple[str, str, str], str]) -> None:
    """Set each (language, name, value) label; an empty label removes it (the fallback shows again)."""
    with store_scope(store_id):
        existing = {(t.language, t.name, t.value): t for t in db.session.scalars(
            select(OptionTranslation).where(OptionTranslation.name.in_({name for _, name, _ in labels})))}
        for key, raw in labels.items():
            label, row = clean_label(raw)[:LABEL_MAX], existing.get(key)
            if not label:
                if row is not None:
                    db.session.delete(row)
            elif row is None:
                language, name, value = key
                db.session.add(OptionTranslation(store_id=store_id, language=language, name=name, value=value,
                                                 label=label))
            else:
                row.label = label
        db.session.flush()
