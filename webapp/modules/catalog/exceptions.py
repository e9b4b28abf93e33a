"""Errors the catalog services raise; views turn them into field errors (422)."""

from __future__ import annotations

from webapp.framework.errors import OrionError


class CatalogError(OrionError):
    status_code = 422


class DuplicateSku(CatalogError):
    """A SKU is already used by another variant of the store (or twice in one form)."""

    def __init__(self, sku: str):
        super().__init__(f"SKU {sku!r} is already in use", sku=sku)
        self.sku = sku


class DuplicateSlug(CatalogError):
    """A slug is already used in this language by another product, category or collection."""

    def __init__(self, language: str, slug: str):
        super().__init__(f"slug {slug!r} is already in use ({language})", language=language, slug=slug)
        self.language = language
        self.slug = slug


class MissingName(CatalogError):
    """The store's default language needs a name."""

    def __init__(self, language: str):
        super().__init__(f"a name in {language!r} is required", language=language)
        self.language = language


class UnknownCategory(CatalogError):
    """A category or collection id that is not one of the store's."""


class UnknownVariant(CatalogError):
    """A variant id that is not one of the product's."""


class CategoryCycle(CatalogError):
    """A category cannot become its own ancestor."""


class InvalidImage(CatalogError):
    """An upload that is not a usable PNG, JPEG or WebP image; `reason` says why."""

    REASONS = ("empty", "too_large", "not_an_image", "too_many_pixels", "damaged")

    def __init__(self, reason: str):
        super().__init__(f"invalid image: {reason}", reason=reason)
        self.reason = reason
