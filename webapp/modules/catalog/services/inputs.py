"""Validated input of the catalog's use cases (forms, imports and demo data build these)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal


@dataclass
class TextInput:
    """A record's texts in one language; all empty means "no translation"."""

    name: str = ""
    slug: str = ""
    description: str = ""
    seo_title: str = ""
    seo_description: str = ""

    def is_empty(self) -> bool:
        return not any((self.name.strip(), self.slug.strip(), self.description.strip(), self.seo_title.strip(),
                        self.seo_description.strip()))


@dataclass
class VariantInput:
    sku: str
    price: Decimal
    options: dict[str, str] = field(default_factory=dict)
    compare_at_price: Decimal | None = None
    id: int | None = None  # an existing variant of the product
    stock: int | None = None  # None: leave the stock as it is
    remove: bool = False


@dataclass
class ProductInput:
    texts: dict[str, TextInput]
    variants: list[VariantInput]
    status: str = "draft"
    featured: bool = False
    option_names: list[str] = field(default_factory=list)
    category_ids: list[int] = field(default_factory=list)
    collection_ids: list[int] = field(default_factory=list)


@dataclass
class GroupInput:
    """A category or collection: texts per language, a parent (categories only), a position."""

    texts: dict[str, TextInput]
    parent_id: int | None = None
    position: int = 0
