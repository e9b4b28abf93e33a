"""The storefront footer names the store and the business behind it, from the business details."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.services.merchants import BusinessDetails, update_business_details

pytestmark = pytest.mark.usefixtures("isolated_requests")
ACME = "/platforms/main/storefront/acme"


def footer(client, path: str = "/") -> str:
    html = client.get(f"{ACME}{path}").get_data(as_text=True)
    return html[html.index('<footer class="site-footer">'):html.index("</footer>")]


def test_footer_shows_the_store_contact_and_follows_changes(client, demo):
    update_business_details(demo.acme.merchant_id, BusinessDetails(
        legal_name="Acme Trading S.à r.l.", vat_number="LU12345613", street="12 Rue du Marché",
        postal_code="1728", city="Luxembourg", country="BE"))
    db.session.commit()
    html = footer(client)
    assert '<h2 id="footer-contact-title">Acme</h2>' in html
    assert "Acme Trading S.à r.l." in html and "12 Rue du Marché" in html and "1728 Luxembourg" in html
    assert "Belgium" in html and "LU12345613" in html
    assert "Belgique" in footer(client, "/?lang=fr")  # the country by name, in the shopper's language
    update_business_details(demo.acme.merchant_id, BusinessDetails(legal_name="Acme Holding", country="LU"))
    db.session.commit()
    html = footer(client, "/products")
    assert "Acme Holding" in html and "Acme Trading" not in html and "Luxembourg" in html


def test_each_store_shows_its_own_business(client, demo):
    update_business_details(demo.bistro.merchant_id, BusinessDetails(legal_name="Bistro Gourmand", country="LU"))
    db.session.commit()
    assert "Bistro Gourmand" not in footer(client)
    bistro = client.get("/platforms/loyalty/storefront/bistro/").get_data(as_text=True)
    assert "Bistro Gourmand" in bistro
