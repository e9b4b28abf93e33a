"""Catalog services: products with texts and variants, fallbacks, sanitizing, snapshots, stock."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from tests.modules.catalog.factories import make_product, product_input, sized_variants, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.exceptions import CatalogError, DuplicateSku, DuplicateSlug, MissingName, UnknownCategory
from webapp.modules.catalog.models import Product, ProductTranslation, Variant
from webapp.modules.catalog.services import (
    GroupInput,
    TextInput,
    VariantInput,
    all_categories,
    create_category,
    create_product,
    delete_category,
    delete_products,
    featured_products,
    find_product,
    get_product,
    pick_texts,
    search_products,
    set_status,
    update_category,
    update_product,
    variant_snapshots,
)
from webapp.modules.inventory.services import availability


def test_create_product_with_texts_variants_and_stock(demo):
    product = make_product(demo.acme, texts=texts("Linen shirt", "Chemise en lin", "Leinenhemd"),
                           variants=sized_variants("ls", sizes=("S", "M"), price="29.90", stock=4),
                           option_names=["Size", "Colour"])
    with store_scope(demo.acme.id):
        product = get_product(demo.acme.id, product.id)
        slugs = {t.language: t.slug for t in product.translations}
        assert slugs == {"en": "linen-shirt", "fr": "chemise-en-lin", "de": "leinenhemd"}
        assert [v.sku for v in product.variants] == ["LS-S-RED", "LS-M-RED"]
        assert product.min_price == Decimal("29.90")
        assert "chemise en lin" in product.search_text and "ls-m-red" in product.search_text
        stock = availability(demo.acme.id, [v.inventory_item_id for v in product.variants])
        assert sorted(stock.values()) == [4, 4]


def test_fields_fall_back_to_the_default_language(demo):
    product = make_product(demo.acme, texts={"en": TextInput(name="Mug", description="<p>Large mug</p>"),
                                             "fr": TextInput(name="Tasse")})
    with store_scope(demo.acme.id):
        product = get_product(demo.acme.id, product.id)
        french = pick_texts(product.translations, "fr", "en")
        german = pick_texts(product.translations, "de", "en")
    assert (french.name, french.slug, french.description) == ("Tasse", "tasse", "<p>Large mug</p>")
    assert (german.name, german.slug) == ("Mug", "mug")


def test_scripts_and_handlers_are_stripped_from_descriptions(demo):
    html = '<p onclick="steal()">Soft <strong>cotton</strong></p><script>alert(1)</script><a href="javascript:x">x</a>'
    product = make_product(demo.acme, texts={"en": TextInput(name="Tee", description=html)})
    with store_scope(demo.acme.id):
        stored = db.session.scalar(select(ProductTranslation.description)
                                   .where(ProductTranslation.product_id == product.id))
    assert "<script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert "<strong>cotton</strong>" in stored


def test_default_language_needs_a_name(demo):
    with store_scope(demo.acme.id), pytest.raises(MissingName):
        create_product(demo.acme.id, product_input(texts={"fr": TextInput(name="Seulement")}))


def test_duplicate_sku_and_slug_are_refused_and_nothing_is_written(demo):
    make_product(demo.acme, "Mug", sku="MUG-1")
    with store_scope(demo.acme.id):
        with pytest.raises(DuplicateSku):
            create_product(demo.acme.id, product_input("Other", sku="mug-1"))
        db.session.rollback()
        with pytest.raises(DuplicateSlug):
            create_product(demo.acme.id, product_input(texts={"en": TextInput(name="X", slug="mug")}, sku="X-1"))
        db.session.rollback()
        assert db.session.scalar(select(db.func.count(Product.id))) == 1


def test_generated_slugs_are_made_unique(demo):
    make_product(demo.acme, "Mug", sku="MUG-1")
    second = make_product(demo.acme, "Mug", sku="MUG-2")
    with store_scope(demo.acme.id):
        assert get_product(demo.acme.id, second.id).translations[0].slug == "mug-2"


def test_same_sku_in_another_store_is_fine(demo):
    make_product(demo.acme, "Mug", sku="MUG-1")
    make_product(demo.bistro, "Tasse", sku="MUG-1", texts={"fr": TextInput(name="Tasse")})


def test_update_replaces_variants_and_keeps_ids(demo):
    product = make_product(demo.acme, variants=sized_variants("tee", sizes=("S", "M", "L")))
    with store_scope(demo.acme.id):
        product = get_product(demo.acme.id, product.id)
        small, medium, large = product.variants
        data = product_input(variants=[
            VariantInput(id=small.id, sku=small.sku, price=Decimal("12.00"), options=small.options),
            VariantInput(id=medium.id, sku=medium.sku, price=Decimal("15.00"), options=medium.options, remove=True),
            VariantInput(id=large.id, sku="TEE-XL", price=Decimal("18.00"), options={"Size": "XL"}, stock=9),
            VariantInput(sku="TEE-M", price=Decimal("11.50"), options={"Size": "M"}),
        ])
        update_product(demo.acme.id, product, data)
        db.session.commit()
        product = get_product(demo.acme.id, product.id)
        assert [(v.sku, v.price) for v in product.variants] == [
            ("TEE-S-RED", Decimal("12.00")), ("TEE-XL", Decimal("18.00")), ("TEE-M", Decimal("11.50"))]
        assert product.variants[1].id == large.id
        assert product.min_price == Decimal("11.50")
        assert availability(demo.acme.id, [product.variants[1].inventory_item_id]) == {
            product.variants[1].inventory_item_id: 9}


def test_foreign_category_ids_are_refused(demo):
    from tests.modules.catalog.factories import make_category

    foreign = make_category(demo.bistro, "Desserts")
    with store_scope(demo.acme.id), pytest.raises(UnknownCategory):
        create_product(demo.acme.id, product_input(category_ids=[foreign.id]))


def test_bulk_status_only_touches_the_store_in_scope(demo):
    mine = make_product(demo.acme, "Mug", sku="MUG-1", status="draft")
    theirs = make_product(demo.bistro, "Tasse", sku="T-1", status="draft", texts={"fr": TextInput(name="Tasse")})
    with store_scope(demo.acme.id):
        assert set_status(demo.acme.id, [mine.id, theirs.id], "active") == 1
        db.session.commit()
    with store_scope(demo.bistro.id):
        assert db.session.get(Product, theirs.id).status == "draft"


def test_variant_snapshots_in_two_queries(demo, count_queries):
    product = make_product(demo.acme, texts=texts("Linen shirt", "Chemise en lin"),
                           variants=sized_variants("ls", sizes=("S", "M"), price="29.90"))
    other = make_product(demo.bistro, "Quiche", sku="Q-1", texts={"fr": TextInput(name="Quiche")})
    with store_scope(demo.acme.id):
        ids = list(db.session.scalars(select(Variant.id).where(Variant.product_id == product.id)))
    with store_scope(demo.bistro.id):
        foreign_id = db.session.scalar(select(Variant.id).where(Variant.product_id == other.id))
    store_id = demo.acme.id
    db.session.expire_all()
    with count_queries() as statements:
        snapshots = variant_snapshots(store_id, [*ids, foreign_id, 999_999], "fr")
    assert len(statements) == 2
    assert set(snapshots) == set(ids)
    snapshot = snapshots[ids[1]]
    assert snapshot.title == "Chemise en lin \u2013 M / Red"
    assert (snapshot.sku, snapshot.price, snapshot.product_slug) == ("LS-M-RED", Decimal("29.90"), "chemise-en-lin")
    assert snapshot.is_purchasable and snapshot.image_url is None and snapshot.inventory_item_id


def test_snapshot_of_a_draft_is_not_purchasable(demo):
    product = make_product(demo.acme, status="draft")
    with store_scope(demo.acme.id):
        variant_id = db.session.scalar(select(Variant.id).where(Variant.product_id == product.id))
    assert variant_snapshots(demo.acme.id, [variant_id], "en")[variant_id].is_purchasable is False


def test_search_matches_whole_words_and_escapes_wildcards(demo):
    from webapp.modules.catalog.services.search import search_condition

    make_product(demo.acme, "Linen shirt", sku="LS-1")
    make_product(demo.acme, "100% wool_cap", sku="WC-1")
    with store_scope(demo.acme.id):
        def found(term):
            return sorted(db.session.scalars(select(Product.search_text).where(search_condition(term))))
        assert len(found("shirt")) == 1 and len(found("LINEN shirt")) == 1
        assert not any("linen" in text for text in found("%") + found("_"))  # wildcards match literally
        assert found("wool") and not found("nothing")


def test_any_writer_keeps_the_full_text_vector(demo, postgres_required):
    from sqlalchemy import update

    from webapp.modules.catalog.services.search import search_condition

    product = make_product(demo.acme, "Linen shirt", sku="LS-1")
    with store_scope(demo.acme.id):  # a bulk import writing the column directly
        db.session.execute(update(Product).where(Product.id == product.id).values(search_text="alpine boots"))
        db.session.commit()
        assert db.session.scalars(select(Product.id).where(search_condition("alpine"))).all() == [product.id]
        assert db.session.scalars(select(Product.id).where(search_condition("linen"))).all() == []


def test_services_open_the_scope_of_the_store_they_are_given(demo):
    """No ambient scope needed (a job or command has only the id), and one store never sees another's rows."""
    product = make_product(demo.acme, "Linen shirt", sku="LS-1", status="draft", featured=True)
    category = create_category(demo.acme.id, GroupInput(texts=texts("Shirts")))
    db.session.commit()
    assert get_product(demo.acme.id, product.id).id == product.id
    assert get_product(demo.bistro.id, product.id) is None
    assert [c.id for c in all_categories(demo.acme.id)] == [category.id] and all_categories(demo.bistro.id) == []
    assert search_products(demo.acme.id, term="linen").total == 1
    assert search_products(demo.bistro.id, term="linen").total == 0
    assert set_status(demo.bistro.id, [product.id], "active") == 0
    assert set_status(demo.acme.id, [product.id], "active") == 1
    db.session.commit()
    assert [p.id for p in featured_products(demo.acme.id)] == [product.id] and featured_products(demo.bistro.id) == []
    assert find_product(demo.acme.id, "linen-shirt", "en", "en").id == product.id
    assert find_product(demo.bistro.id, "linen-shirt", "fr", "fr") is None
    assert delete_products(demo.bistro.id, [product.id]) == (0, [])
    assert delete_products(demo.acme.id, [product.id])[0] == 1


def test_writes_take_the_store_languages_from_the_store(demo):
    """The store's own languages decide which texts are kept and which one needs a name."""
    product = create_product(demo.bistro.id, product_input(sku="QU-1", texts={
        "fr": TextInput(name="Quiche"), "en": TextInput(name="Quiche"), "it": TextInput(name="Torta salata")}))
    db.session.commit()
    assert sorted(t.language for t in get_product(demo.bistro.id, product.id).translations) == ["en", "fr"]
    with pytest.raises(MissingName):  # bistro writes French first: an English name alone is not enough
        create_product(demo.bistro.id, product_input(sku="QU-2", texts={"en": TextInput(name="Pie")}))


def test_a_record_of_another_store_is_refused(demo):
    product = make_product(demo.acme, "Mug", sku="MUG-1")
    with pytest.raises(CatalogError):
        update_product(demo.bistro.id, product, product_input("Mug", sku="MUG-1"))
    category = create_category(demo.acme.id, GroupInput(texts=texts("Cups")))
    with pytest.raises(UnknownCategory):
        update_category(demo.bistro.id, category, GroupInput(texts={"fr": TextInput(name="Tasses")}))
    with pytest.raises(UnknownCategory):
        delete_category(demo.bistro.id, category)
    db.session.rollback()
    assert get_product(demo.acme.id, product.id).translations[0].name == "Mug"
