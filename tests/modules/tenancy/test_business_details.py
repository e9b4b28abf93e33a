"""Store owners keep their business details (legal name, address, VAT number) for their invoices."""

from __future__ import annotations

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.models import Merchant

PAGE = "/store/acme/business"
SETTINGS = "/store/acme/settings"  # the business details are a section of the settings page
VALID = {"legal_name": "Acme Trading S.à r.l.", "vat_number": "lu 1234-5613", "street": "1 Rue Haute",
         "postal_code": "L-1234", "city": "Luxembourg", "country": "LU"}


def merchant(demo) -> Merchant:
    db.session.expire_all()
    return db.session.get(Merchant, demo.acme.merchant_id)


def test_the_owner_sees_the_current_details(client, demo, login_as):
    login_as(demo.owner)
    page = client.get(SETTINGS).get_data(as_text=True)
    assert 'value="Acme Trading"' in page and 'value="LU12345613"' in page
    assert '<option selected value="LU">' in page or 'value="LU" selected' in page


def test_the_owner_saves_them_and_new_invoices_follow(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(PAGE, data=VALID)
    assert response.status_code == 303
    saved = merchant(demo)
    assert (saved.legal_name, saved.vat_number, saved.street, saved.postal_code, saved.city) == (
        "Acme Trading S.à r.l.", "LU12345613", "1 Rue Haute", "L-1234", "Luxembourg")
    assert response.headers["Location"].endswith("/store/acme/settings#section-business")
    assert "Business details saved" in client.get(SETTINGS).get_data(as_text=True)


def test_the_old_address_redirects_to_the_settings_section(client, demo, login_as):
    login_as(demo.owner)
    response = client.get(PAGE)
    assert response.status_code == 301
    assert response.headers["Location"].endswith("/store/acme/settings#section-business")


def test_htmx_gets_the_form_back_with_a_confirmation(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    response = client.post(PAGE, data=VALID, headers=htmx_headers)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and body.lstrip().startswith('<form id="business-form"')
    assert "Business details saved" in body and response.headers["HX-Trigger"] == "tenancy:business-updated"
    assert 'value="LU12345613"' in body  # the VAT number as stored, not as typed


def test_an_empty_vat_number_is_allowed(client, demo, login_as):
    login_as(demo.owner)
    assert client.post(PAGE, data={**VALID, "vat_number": ""}).status_code == 303
    assert merchant(demo).vat_number is None


@pytest.mark.parametrize(("field", "value"), [
    ("legal_name", ""),
    ("legal_name", "x" * 201),
    ("vat_number", "12345678"),  # no country prefix
    ("vat_number", "LU<script>"),
    ("postal_code", "1" * 21),
    ("country", "ZZ"),
    ("country", ""),
])
def test_bad_values_get_field_errors_and_change_nothing(client, demo, login_as, field, value):
    login_as(demo.owner)
    response = client.post(PAGE, data={**VALID, field: value})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.get_data(as_text=True)
    assert merchant(demo).legal_name == "Acme Trading" and merchant(demo).street == ""


def test_a_post_without_csrf_token_changes_nothing(client, demo, login_as):
    login_as(demo.owner)
    assert client.post(PAGE, data=VALID, csrf=False).status_code == 400
    assert merchant(demo).legal_name == "Acme Trading"


def test_staff_may_not_change_them(client, demo, login_as):
    login_as(demo.staff)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data=VALID).status_code == 403
    assert merchant(demo).legal_name == "Acme Trading"


def test_another_stores_owner_cannot_reach_them(client, demo, login_as):
    login_as(demo.bistro_owner)
    assert client.get(PAGE).status_code in (403, 404)
    assert client.post(PAGE, data=VALID).status_code in (403, 404)
    assert merchant(demo).legal_name == "Acme Trading"
