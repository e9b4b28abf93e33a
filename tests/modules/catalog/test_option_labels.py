"""Variant option names and values per language: fallback, the merchant's editor, the storefront."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from tests.modules.catalog.factories import SHOP, make_product, sized_variants, texts
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.catalog.models import OptionTranslation
from webapp.modules.catalog.services import option_labels, save_labels

pytestmark = pytest.mark.usefixtures("isolated_requests")

BASE = "/store/acme/catalog"


def text(response) -> str:
    return response.get_data(as_text=True)


def label_count(store) -> int:
    with store_scope(store.id):
        return db.session.scalar(select(func.count(OptionTranslation.id)))


@pytest.fixture
def shirt(demo):
    product = make_product(demo.acme, texts=texts("Shirt", "Chemise", "Hemd"), option_names=["Size", "Colour"],
                           variants=sized_variants("sh", sizes=("S", "M"), colours=("Blue", "Red")))
    with store_scope(demo.acme.id):
        save_labels(demo.acme.id, {("fr", "Colour", ""): "Couleur", ("fr", "Colour", "Blue"): "Bleu",
                                   ("de", "Colour", ""): "Farbe", ("en", "Size", ""): "Size (EU)"})
        db.session.commit()
    return product


def test_labels_fall_back_to_the_default_language_then_the_canonical_word(demo, shirt):
    with store_scope(demo.acme.id):
        french = option_labels(demo.acme.id, "fr", "en")
        german = option_labels(demo.acme.id, "de", "en")
    assert french.name("Colour") == "Couleur" and french.value("Colour", "Blue") == "Bleu"
    assert french.value("Colour", "Red") == "Red"  # nothing in fr or en: the canonical value
    assert french.name("Size") == "Size (EU)" and german.name("Size") == "Size (EU)"  # the default language's
    assert german.value("Colour", "Blue") == "Blue"


def test_saving_an_empty_label_removes_it_and_labels_stay_per_store(demo, shirt):
    with store_scope(demo.acme.id):
        save_labels(demo.acme.id, {("fr", "Colour", "Blue"): "  ", ("fr", "Colour", ""): " Teinte\x00 "})
        db.session.commit()
        labels = option_labels(demo.acme.id, "fr", "en")
    assert labels.value("Colour", "Blue") == "Blue" and labels.name("Colour") == "Teinte"
    with store_scope(demo.bistro.id):
        assert option_labels(demo.bistro.id, "fr", "fr").name("Colour") == "Colour"
    assert label_count(demo.bistro) == 0


def test_french_product_page_shows_french_option_names_and_values(client, shirt):
    page = text(client.get(f"{SHOP}/p/chemise?lang=fr"))
    assert '<label for="option-2">Couleur</label>' in page
    assert 'value="Colour:Blue" selected>Bleu</option>' in page and ">Red</option>" in page
    assert '<label for="option-1">Size (EU)</label>' in page  # no French label: the default language's
    german = text(client.get(f"{SHOP}/p/hemd?lang=de"))
    assert '<label for="option-2">Farbe</label>' in german and ">Blue</option>" in german


def test_listing_filters_are_translated_and_still_filter_by_the_canonical_value(client, shirt, demo):
    make_product(demo.acme, texts=texts("Cap", "Casquette", "Mütze"), option_names=["Colour"],
                 variants=sized_variants("cap", sizes=("U",), colours=("Red",)))
    page = text(client.get(f"{SHOP}/products?lang=fr"))
    assert "<legend>Couleur</legend>" in page and 'value="Colour:Blue" > Bleu</label>' in page
    filtered = text(client.get(f"{SHOP}/products?lang=fr&opt=Colour:Blue"))
    assert "Chemise" in filtered and "Casquette" not in filtered
    assert 'value="Colour:Blue" checked> Bleu</label>' in filtered
    german = text(client.get(f"{SHOP}/products?lang=de&opt=Colour:Blue"))
    assert "Hemd" in german and "Mütze" not in german and "<legend>Farbe</legend>" in german


def test_a_new_label_renews_the_cached_page(client, shirt, demo):
    assert ">Red</option>" in text(client.get(f"{SHOP}/p/chemise?lang=fr"))
    with store_scope(demo.acme.id):
        save_labels(demo.acme.id, {("fr", "Colour", "Red"): "Rouge"})
        db.session.commit()
    assert ">Rouge</option>" in text(client.get(f"{SHOP}/p/chemise?lang=fr"))


def test_editor_lists_the_products_options_per_language(client, owner, shirt):
    response = client.get(f"{BASE}/products/{shirt.id}/options")
    page = text(response)
    assert response.status_code == 200, page[-3000:]
    assert "Option names per language" in page and "Français" in page and "Deutsch" in page
    assert 'value="Couleur"' in page and 'value="Bleu"' in page and 'placeholder="Red"' in page
    assert f'data-hx-get="/store/acme/catalog/products/{shirt.id}/options"' in text(
        client.get(f"{BASE}/products/{shirt.id}"))


def editor_fields(client, product_id: int) -> dict:
    import re

    page = text(client.get(f"{BASE}/products/{product_id}/options"))
    return {name: value for name, value in re.findall(r'name="(o\d+(?:v\d+)?_\w+)"[^>]*value="([^"]*)"', page)}


def test_editor_saves_labels(client, owner, shirt, htmx_headers):
    fields = editor_fields(client, shirt.id)
    assert fields["o1_fr"] == "Couleur" and fields["o1v0_fr"] == "Bleu"  # option 1 is Colour, value 0 Blue
    response = client.post(f"{BASE}/products/{shirt.id}/options",
                           data={**fields, "o1v1_fr": "Rouge", "o1v1_de": "Rot", "o0_fr": "Taille", "o1_fr": ""})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/products/{shirt.id}/options")
    with store_scope(owner.acme.id):
        french = option_labels(owner.acme.id, "fr", "en")
        assert french.value("Colour", "Red") == "Rouge" and french.name("Size") == "Taille"
        assert french.name("Colour") == "Colour"  # emptied: removed
        assert option_labels(owner.acme.id, "de", "en").value("Colour", "Red") == "Rot"
    partial = client.post(f"{BASE}/products/{shirt.id}/options", data={**fields, "o1v1_de": "Rot"},
                          headers=htmx_headers)
    assert partial.status_code == 200 and text(partial).strip().startswith('<section id="option-labels"')
    assert "Option names saved." in text(partial)


def test_editor_answers_422_on_a_too_long_label_and_saves_nothing(client, owner, shirt):
    before = label_count(owner.acme)
    response = client.post(f"{BASE}/products/{shirt.id}/options", data={"o1_fr": "x" * 81, "o1_de": "Farbe neu"})
    assert response.status_code == 422 and "field-error" in text(response)
    assert 'value="Farbe neu"' in text(response)  # the input is kept
    assert label_count(owner.acme) == before
    with store_scope(owner.acme.id):
        assert option_labels(owner.acme.id, "de", "en").name("Colour") == "Farbe"


def test_editor_of_another_stores_product_is_404(client, demo, login_as, shirt):
    login_as(demo.bistro_owner)
    assert client.get(f"/store/bistro/catalog/products/{shirt.id}/options").status_code == 404
    response = client.post(f"/store/bistro/catalog/products/{shirt.id}/options", data={"o1_fr": "Pirate"})
    assert response.status_code == 404
    assert label_count(demo.bistro) == 0


def test_staff_sees_the_editor_read_only_and_cannot_save(client, demo, login_as, shirt):
    login_as(demo.staff)
    page = text(client.get(f"{BASE}/products/{shirt.id}/options"))
    assert "disabled" in page and "Save option names" not in page
    assert client.post(f"{BASE}/products/{shirt.id}/options", data={"o1_fr": "Pirate"}).status_code == 403
    with store_scope(demo.acme.id):
        assert option_labels(demo.acme.id, "fr", "en").name("Colour") == "Couleur"
