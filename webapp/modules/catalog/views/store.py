"""Dashboard view helpers: service errors onto form fields, list rows, choices, stock figures, tabs."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import current_app
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from wtforms import SelectChoice

from webapp.framework.errors import OrionError
from webapp.framework.features import feature_enabled
from webapp.modules.catalog import exceptions as errors
from webapp.modules.catalog.services import category_tree, image_url, pick_texts, variant_figures
from webapp.modules.catalog.services.variants import normalise_sku

STATUS_BADGES = {"draft": "muted", "active": "success", "archived": "warning"}


def apply_error(form, error: OrionError) -> None:
    """Show a service's refusal on the field it concerns (422 follows)."""
    texts = form.translations.form if hasattr(form, "translations") else None
    if isinstance(error, errors.DuplicateSku):
        rows = [row.form for row in getattr(form, "variants", []) if normalise_sku(row.form.sku.data) == error.sku]
        for row in rows:
            row.sku.errors.append(_("This SKU is already used by another variant."))
        if rows:
            return
    elif isinstance(error, errors.DuplicateSlug) and texts is not None and error.language in texts:
        texts[error.language].form.slug.errors.append(_("This URL slug is already used in this language."))
        return
    elif isinstance(error, errors.MissingName) and texts is not None and error.language in texts:
        texts[error.language].form.name.errors.append(_("Enter a name in the store's default language."))
        return
    elif isinstance(error, errors.UnknownCategory) and hasattr(form, "categories"):
        form.categories.errors.append(_("Choose categories and collections of this store only."))
        return
    elif isinstance(error, errors.UnknownCategory) and hasattr(form, "parent"):
        form.parent.errors.append(_("Choose a category of this store."))
        return
    elif isinstance(error, errors.CategoryCycle):
        form.parent.errors.append(_("A category cannot be placed below itself or its subcategories."))
        return
    form.form_errors.append(_("This could not be saved. Please check the form and try again."))


def conflict_error(form) -> None:
    """A unique constraint fired at commit (a concurrent edit): nothing was saved."""
    form.form_errors.append(_("A SKU or URL slug is already in use. Nothing was saved; please check and retry."))


@dataclass(frozen=True)
class ProductRow:
    id: int
    name: str
    skus: str
    price_from: Decimal | None
    variant_count: int
    status: str
    status_kind: str
    featured: bool
    thumb_url: str | None
    stock_text: str = ""
    stock_kind: str = "muted"


def stock_text(stock) -> tuple[str, str]:
    """What the product list says about a product's stock, and the badge kind."""
    if stock is None or stock.state == "untracked":
        return _("Not tracked"), "muted"
    if stock.state == "out":
        return _("Out of stock"), "danger"
    available = format_decimal(stock.available)
    if stock.variants == 1:
        return _("%(available)s in stock", available=available), "success"
    return ngettext("%(available)s in stock for %(num)d variant", "%(available)s in stock for %(num)d variants",
                    stock.variants, available=available), "success"


def product_rows(products, language: str, default_language: str, stock: dict | None = None) -> list[ProductRow]:
    """List rows; `stock` is `services.stock.product_stock` of the same products."""
    rows = []
    for product in products:
        texts = pick_texts(product.translations, language, default_language)
        skus = ", ".join(v.sku for v in product.variants[:3]) + ("…" if len(product.variants) > 3 else "")
        thumb = image_url(product.images[0].thumb_key) if product.images else None
        text, kind = stock_text((stock or {}).get(product.id))
        rows.append(ProductRow(product.id, texts.name, skus, product.min_price, len(product.variants),
                               product.status, STATUS_BADGES.get(product.status, "muted"), product.featured, thumb,
                               text, kind))
    return rows


@dataclass(frozen=True)
class ImageRow:
    id: int
    thumb_url: str | None
    alt: str
    variant_sku: str | None
    width: int
    height: int


def image_rows(product) -> list[ImageRow]:
    skus = {v.id: v.sku for v in product.variants}
    return [ImageRow(i.id, image_url(i.thumb_key), i.alt, skus.get(i.variant_id), i.width, i.height)
            for i in product.images]


def category_choices(categories, language: str, default_language: str, *, exclude: set[int] = frozenset()):
    """(id, indented name) for selects, depth-first."""
    return [SelectChoice(str(entry.id), "\u2014 " * entry.depth + entry.name)
            for entry in category_tree(categories, language, default_language) if entry.id not in exclude]


def group_choices(groups, language: str, default_language: str):
    return [SelectChoice(str(group.id), pick_texts(group.translations, language, default_language).name)
            for group in groups]


def bulk_allowed() -> bool:
    return feature_enabled("catalog.bulk_actions")


def image_error(error: errors.InvalidImage) -> str:
    limit = current_app.config["CATALOG_MAX_IMAGE_MB"]
    return {
        "empty": _("The file is empty."),
        "too_large": _("The file is larger than %(size)s MB.", size=limit),
        "not_an_image": _("Upload a PNG, JPEG or WebP image (the file's content was checked, not its name)."),
        "too_many_pixels": _("The image has too many pixels. Upload a smaller image."),
    }.get(error.reason, _("The image is damaged or cannot be read."))


@dataclass(frozen=True)
class VariantStock:
    on_hand: str
    reserved: str
    available: str
    tracked: bool
    item_id: int


def variant_stock(store_id: int, variants) -> dict[str, VariantStock]:
    """Current stock per variant (keyed by the form's variant id string), for the product form."""
    figures = variant_figures(store_id, variants)
    items = {v.id: v.inventory_item_id for v in variants}
    return {str(variant_id): VariantStock(format_decimal(f.on_hand), format_decimal(f.reserved),
                                          format_decimal(f.available) if f.available is not None else "",
                                          f.tracked, items[variant_id])
            for variant_id, f in figures.items()}


@dataclass(frozen=True)
class LanguageTab:
    """One language of the product form: how complete it is, whether it has errors, whether it is open."""

    code: str
    label: str
    is_default: bool
    filled: int
    total: int
    has_errors: bool
    open: bool

    @property
    def complete(self) -> bool:
        return self.filled == self.total


def language_tabs(form) -> list[LanguageTab]:
    """The product form's languages in store order; the first with errors is open, else the default one."""
    entries = []
    for language_form in form.translations:
        fields = list(language_form.form)
        entries.append((language_form.short_name, language_form.label.text,
                        sum(1 for f in fields if (f.data or "").strip()), len(fields), any(f.errors for f in fields)))
    opened = next((code for code, *_rest, errors in entries if errors), form.default_language)
    return [LanguageTab(code, str(label), code == form.default_language, filled, total, errors, code == opened)
            for code, label, filled, total, errors in entries]
