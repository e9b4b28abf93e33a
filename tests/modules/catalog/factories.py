"""Small builders for catalog tests: product input, products, categories, PNG bytes."""

from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.services import (
    GroupInput,
    ProductInput,
    TextInput,
    VariantInput,
    create_category,
    create_product,
)


def texts(en: str, fr: str = "", de: str = "", **extra) -> dict[str, TextInput]:
    result = {"en": TextInput(name=en, **extra)}
    if fr:
        result["fr"] = TextInput(name=fr)
    if de:
        result["de"] = TextInput(name=de)
    return result


def product_input(name: str = "Linen shirt", sku: str = "SHIRT-1", price: str = "19.90", *,
                  variants: list[VariantInput] | None = None, status: str = "active", **kwargs) -> ProductInput:
    variants = variants or [VariantInput(sku=sku, price=Decimal(price), stock=kwargs.pop("stock", 5))]
    return ProductInput(texts=kwargs.pop("texts", None) or texts(name), variants=variants, status=status, **kwargs)


def make_product(store, name: str = "Linen shirt", sku: str = "SHIRT-1", price: str = "19.90", **kwargs):
    with store_scope(store.id):
        product = create_product(store.id, product_input(name, sku, price, **kwargs))
        db.session.commit()
        return product


def make_category(store, name: str, *, parent_id: int | None = None, fr: str = "", de: str = "",
                  position: int = 0):
    with store_scope(store.id):
        names = {**texts(name, fr, de), store.default_language: TextInput(name=name)}
        category = create_category(store.id, GroupInput(texts=names, parent_id=parent_id, position=position))
        db.session.commit()
        return category


def png_bytes(size: tuple[int, int] = (64, 48), colour: str = "red") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def sized_variants(prefix: str, sizes=("S", "M"), colours=("Red",), price: str = "20.00", stock: int = 3):
    return [VariantInput(sku=f"{prefix}-{size}-{colour}".upper(), price=Decimal(price),
                         options={"Size": size, "Colour": colour}, stock=stock)
            for size in sizes for colour in colours]


SHOP = "/platforms/main/storefront/acme"


def card_names(page: str) -> list[str]:
    """Product names of the cards on a listing page, in order."""
    import re

    return re.findall(r'<h[23]><a href="[^"]+">([^<]+)</a></h[23]>', page)


def next_link(page: str) -> str | None:
    import re

    match = re.search(r'<a href="([^"]+)" rel="next"', page)
    return match.group(1).replace("&amp;", "&") if match else None
