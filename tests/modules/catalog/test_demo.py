"""Demo catalogs: acme has 60+ products in 6+ categories in three languages; bistro a small menu."""

from __future__ import annotations

from sqlalchemy import func, select

from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.demo import seed
from webapp.modules.catalog.models import Category, Product, ProductTranslation, Variant
from webapp.modules.inventory.services import availability


def counts(store) -> dict:
    with store_scope(store.id):
        return {
            "products": db.session.scalar(select(func.count(Product.id))),
            "categories": db.session.scalar(select(func.count(Category.id))),
            "featured": db.session.scalar(select(func.count(Product.id)).where(Product.featured.is_(True))),
            "on_sale": db.session.scalar(select(func.count(func.distinct(Variant.product_id)))
                                         .where(Variant.compare_at_price.is_not(None))),
            "languages": set(db.session.scalars(select(ProductTranslation.language).distinct())),
            "sized": db.session.scalar(select(func.count(Variant.id)).where(Variant.options["Size"].as_string()
                                                                            .is_not(None))),
        }


def test_demo_catalogs(demo):
    assert seed() == ["acme: 63 products", "bistro: 8 products"]
    db.session.commit()
    acme = counts(demo.acme)
    assert acme["products"] >= 60 and acme["categories"] >= 6 and acme["featured"] >= 3 and acme["on_sale"] >= 3
    assert acme["languages"] == {"en", "fr", "de"} and acme["sized"] > 40
    bistro = counts(demo.bistro)
    assert (bistro["products"], bistro["categories"], bistro["languages"]) == (8, 2, {"fr", "en", "de"})
    with store_scope(demo.acme.id):
        items = dict(db.session.execute(select(Variant.inventory_item_id, Variant.product_id)).all())
        stock = availability(demo.acme.id, list(items))
    sold_out = set(items.values()) - {items[item] for item, left in stock.items() if left}
    assert 1 <= len(sold_out) <= 3


def test_demo_is_idempotent(demo):
    seed()
    db.session.commit()
    before = counts(demo.acme)
    assert seed() == ["acme: catalog already present", "bistro: catalog already present"]
    assert counts(demo.acme) == before


def test_demo_products_have_pictures_in_their_variants_colours(app, demo):
    import os

    from PIL import Image, ImageStat

    from webapp.modules.catalog.models import ProductImage

    seed()
    db.session.commit()
    root = app.config["MEDIA_ROOT"]

    def average(key: str) -> tuple[int, ...]:
        with Image.open(os.path.join(root, key)) as picture:
            return tuple(round(v) for v in ImageStat.Stat(picture.convert("RGB")).mean)

    for store in (demo.acme, demo.bistro):
        with store_scope(store.id):
            products = db.session.scalars(select(Product)).all()
            assert products and all(product.images for product in products)
            images = db.session.scalars(select(ProductImage)).all()
            variants = {v.id: v for v in db.session.scalars(select(Variant))}
        for image in images:
            assert (image.width, image.height) == (800, 800)
            for key in (image.key, image.thumb_key, image.key.replace(".webp", "-640w.webp")):
                assert os.path.exists(os.path.join(root, key)), key
        coloured = [(variants[i.variant_id], i) for i in images if i.variant_id]
        if store is demo.acme:
            assert len(coloured) > 20 and all("Colour" in v.options for v, _i in coloured)
            by_product: dict[int, list] = {}
            for _variant, image in coloured:
                by_product.setdefault(image.product_id, []).append(average(image.key))
            several = [colours for colours in by_product.values() if len(colours) > 1]
            assert several and all(len(set(colours)) == len(colours) for colours in several)
    assert len({average(i.key) for i in images}) > 1  # bistro: one picture per dish, not all alike
