"""Read models of the storefront: the product page with its variant picker, and the sitemap."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flask import current_app
from markupsafe import Markup
from sqlalchemy import case, select
from sqlalchemy.orm import selectinload

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import Product, ProductTranslation
from webapp.modules.catalog.services.language import Texts, pick_texts
from webapp.modules.catalog.services.options import option_labels, product_options
from webapp.modules.catalog.services.renditions import sources
from webapp.modules.catalog.services.richtext import plain_text, sanitize
from webapp.modules.catalog.services.snapshots import VariantSnapshot, image_url, variant_title
from webapp.modules.inventory.services import availability

SITEMAP_MAX = 50_000  # the sitemap protocol's limit per file


@dataclass(frozen=True)
class ImageView:
    url: str | None
    thumb_url: str | None
    alt: str
    width: int
    height: int
    variant_id: int | None
    src: str | None = None  # a mid-size rendition: the fallback of `srcset`
    srcset: str = ""


@dataclass(frozen=True)
class OptionChoice:
    name: str  # canonical (what the URL and the variants carry)
    values: list[str]
    selected: str
    label: str = ""  # the name in the shopper's language
    value_labels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class VariantPanel:
    """The part of the product page that follows the chosen variant."""

    snapshot: VariantSnapshot | None  # None: no variant has the chosen combination
    available: int | None  # None: stock not tracked (always available)
    stock_state: str  # "in_stock" | "low" | "sold_out" | "unavailable"
    image: ImageView | None
    gallery: list[ImageView]  # `image` first, then the product's other images


@dataclass(frozen=True)
class ProductPage:
    product_id: int
    texts: Texts
    description_html: Markup
    meta_description: str
    canonical_slug: str
    options: list[OptionChoice]
    images: list[ImageView]
    panel: VariantPanel


def find_product(store_id: int, slug: str, language: str, default_language: str) -> Product | None:
    """The store's active product with this slug in any language, preferring the current one's."""
    preference = case((ProductTranslation.language == language, 0),
                      (ProductTranslation.language == default_language, 1), else_=2)
    with store_scope(store_id):
        product_id = db.session.scalar(
            select(ProductTranslation.product_id).join(Product)
            .where(ProductTranslation.slug == slug[:200], Product.status == "active", Product.min_price.is_not(None))
            .order_by(preference).limit(1))
        if product_id is None:
            return None
        return db.session.scalar(select(Product).where(Product.id == product_id).options(
            selectinload(Product.translations), selectinload(Product.variants), selectinload(Product.images)))


def product_page(store_id: int, product: Product, language: str, default_language: str,
                 chosen: dict[str, str]) -> ProductPage:
    """Everything the product page shows, with the variant matching `chosen` options."""
    texts = pick_texts(product.translations, language, default_language)
    images = [_image_view(image, texts.name) for image in product.images]
    stock = availability(store_id, [v.inventory_item_id for v in product.variants if v.inventory_item_id])
    variant = _choose(product, chosen, stock)
    selected = dict(variant.options) if variant else chosen
    groups = product_options(product)
    labels = option_labels(store_id, language, default_language, [group.name for group in groups])
    options = [OptionChoice(group.name, group.values, selected.get(group.name, ""), labels.name(group.name),
                            {value: labels.value(group.name, value) for value in group.values}) for group in groups]
    return ProductPage(product.id, texts, Markup(sanitize(texts.description)),  # noqa: S704  # nosec B704
                       (texts.seo_description or plain_text(texts.description))[:300], texts.slug, options,
                       images, _panel(product, texts, variant, stock, images))


def _is_available(variant, stock: dict) -> bool:
    quantity = stock.get(variant.inventory_item_id, 0) if variant.inventory_item_id else None
    return quantity is None or quantity > 0


def _choose(product: Product, chosen: dict[str, str], stock: dict):
    """The variant with exactly the chosen options; without a choice, the first one in stock."""
    if not chosen:
        return next((v for v in product.variants if _is_available(v, stock)), product.variants[0])
    matches = [v for v in product.variants if all(v.options.get(k) == value for k, value in chosen.items())]
    return matches[0] if matches else None


def _gallery(image: ImageView | None, images: list[ImageView]) -> list[ImageView]:
    return [image, *(i for i in images if i is not image)] if image else []


def _variant_image(product: Product, variant, images: list[ImageView]) -> ImageView | None:
    """The variant's own image; else the image of a variant alike in what the images differ by
    (a "Blue" photo on S/Blue also shows M/Blue); else the product's first image."""
    own = next((i for i in images if i.variant_id == variant.id), None)
    if own or not images:
        return own or (images[0] if images else None)
    by_id = {v.id: v.options for v in product.variants}
    tagged = [(i, by_id[i.variant_id]) for i in images if i.variant_id in by_id]
    differing = {name for _i, options in tagged for name in options
                 if len({other.get(name) for _j, other in tagged}) > 1}
    alike = (i for i, options in tagged
             if differing and all(options.get(name) == variant.options.get(name) for name in differing))
    return next(alike, images[0])


def _panel(product: Product, texts: Texts, variant, stock: dict, images: list[ImageView]) -> VariantPanel:
    if variant is None:
        first = images[0] if images else None
        return VariantPanel(None, 0, "unavailable", first, _gallery(first, images))
    image = _variant_image(product, variant, images)
    snapshot = VariantSnapshot(
        variant_id=variant.id, product_id=product.id, sku=variant.sku, product_name=texts.name,
        options=dict(variant.options), title=variant_title(texts.name, variant.options), price=variant.price,
        compare_at_price=variant.compare_at_price, inventory_item_id=variant.inventory_item_id,
        image_url=image.thumb_url if image else None, product_slug=texts.slug, is_purchasable=True)
    available = stock.get(variant.inventory_item_id, 0) if variant.inventory_item_id else None
    return VariantPanel(snapshot, available, _stock_state(available), image, _gallery(image, images))


def _stock_state(available: int | None) -> str:
    if available is None:
        return "in_stock"
    if available <= 0:
        return "sold_out"
    return "low" if available <= current_app.config["CATALOG_LOW_STOCK_DISPLAY"] else "in_stock"


def _image_view(image, name: str) -> ImageView:
    found = sources(image.key, image.width, image.height, fallback=960)
    return ImageView(image_url(image.key), image_url(image.thumb_key), image.alt or name, image.width, image.height,
                     image.variant_id, found.src, found.srcset)


@dataclass(frozen=True)
class SitemapEntry:
    slugs: dict[str, str]  # language → slug (falling back like the pages do)
    updated_at: datetime | None


def sitemap_products(store_id: int, languages, default_language: str) -> list[SitemapEntry]:
    """Every active product of the store with its slug per language."""
    with store_scope(store_id):
        products = db.session.scalars(
            select(Product).where(Product.status == "active", Product.min_price.is_not(None))
            .order_by(Product.id).limit(SITEMAP_MAX).options(selectinload(Product.translations))).all()
    return [SitemapEntry({lang: pick_texts(p.translations, lang, default_language).slug for lang in languages},
                         p.updated_at) for p in products]
