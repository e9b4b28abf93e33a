"""Store → Settings: each section saves, is audited, refuses bad input whole, and shows on the storefront."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.framework.ports import tenant_directory
from webapp.framework.scoping import store_scope
from webapp.modules.core.models import AuditEntry
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import add_store_domain

SETTINGS = "/store/acme/settings"
STOREFRONT = "/platforms/main/storefront/acme/"
GENERAL = {"name": "Acme Outfitters", "contact_email": "Hello@Acme.Example", "phone": "+352 26 12 34",
           "street": "2 Grand-Rue", "postal_code": "L-1660", "city": "Luxembourg", "country": "LU"}


def general(**changes) -> dict:
    """The general section's form data (its fields are prefixed: business details share their names)."""
    return {f"general-{name}": value for name, value in {**GENERAL, **changes}.items()}


def acme(demo) -> Store:
    db.session.expire_all()
    return db.session.get(Store, demo.acme.id)


def entries(action: str = "tenancy.settings.changed") -> list[AuditEntry]:
    db.session.expire_all()
    return list(db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_page_has_every_section_with_its_own_form(client, demo, login_as):
    login_as(demo.owner)
    page = text(client.get(SETTINGS))
    for anchor in ("general", "languages", "currency", "timezone", "tax", "business", "domains"):
        assert f'href="#section-{anchor}"' in page and f'id="section-{anchor}"' in page
    for action in ("settings/general", "settings/languages", "settings/currency", "settings/timezone",
                   "/business", "settings/domains"):
        assert f'action="/store/acme/{action.lstrip("/")}"' in page
    assert 'value="Acme"' in page
    assert 'id="checkout-tax-display"' in page  # checkout's tax display choice, in its section


def test_the_menu_links_to_settings_instead_of_business_details(client, demo, login_as):
    login_as(demo.owner)
    page = text(client.get("/store/acme/"))
    assert 'href="/store/acme/settings"' in page and ">Business details<" not in page


# --- general ---------------------------------------------------------------------------------------

def test_general_saves_audits_and_the_storefront_follows_at_once(client, demo, login_as):
    assert "Acme Outfitters" not in text(client.get(STOREFRONT))  # the storefront page is now cached
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/general", data=general())
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/settings#section-general")
    store = acme(demo)
    assert (store.name, store.contact_email, store.phone, store.street, store.postal_code, store.city) == (
        "Acme Outfitters", "Hello@acme.example", "+352 26 12 34", "2 Grand-Rue", "L-1660", "Luxembourg")
    [entry] = entries()
    assert entry.before == {"name": "Acme", "contact_email": "", "phone": "", "street": "", "postal_code": "",
                            "city": ""}
    assert entry.after["name"] == "Acme Outfitters" and "country" not in entry.after  # only what changed
    assert entry.store_id == demo.acme.id and entry.actor_id == demo.owner.id
    storefront = text(client.get(STOREFRONT))
    assert "Acme Outfitters" in storefront
    assert 'href="mailto:Hello@acme.example"' in storefront and "+352 26 12 34" in storefront
    assert "2 Grand-Rue, L-1660 Luxembourg" in storefront


def test_general_over_htmx_returns_the_section_with_a_confirmation(client, demo, login_as, htmx_headers):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/general", data=general(), headers=htmx_headers)
    body = text(response)
    assert response.status_code == 200
    assert body.lstrip().startswith('<section class="settings-section" id="section-general"')
    assert "General settings saved." in body and 'value="Acme Outfitters"' in body


def test_saving_unchanged_values_records_nothing(client, demo, login_as):
    login_as(demo.owner)
    client.post(f"{SETTINGS}/general", data=general())
    client.post(f"{SETTINGS}/general", data=general())
    assert len(entries()) == 1


@pytest.mark.parametrize(("field", "value"), [
    ("name", ""), ("name", "x" * 121), ("contact_email", "not-an-email"), ("contact_email", "a@" + "b" * 260),
    ("phone", "call me"), ("phone", "1" * 41), ("postal_code", "1" * 21), ("country", "ZZ"), ("country", ""),
    ("city", "x" * 101),
])
def test_general_bad_values_get_field_errors_and_change_nothing(client, demo, login_as, field, value):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/general", data=general(**{field: value}))
    assert response.status_code == 422
    assert 'aria-invalid="true"' in text(response)
    assert f'value="{GENERAL["street"]}"' in text(response)  # the input is kept
    assert acme(demo).name == "Acme" and acme(demo).street == ""
    assert entries() == []


def test_a_nul_byte_is_refused_or_dropped_never_a_500(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/general", data=general(city="Lux\x00embourg"))
    assert response.status_code in (303, 422)
    assert "\x00" not in acme(demo).city


def test_business_details_saved_from_the_hub_are_audited_too(client, demo, login_as):
    login_as(demo.owner)
    data = {"legal_name": "Acme Trading SA", "vat_number": "", "street": "", "postal_code": "", "city": "Luxembourg",
            "country": "LU"}
    response = client.post("/store/acme/business", data=data)
    assert response.status_code == 303 and response.headers["Location"].endswith("#section-business")
    [entry] = entries()
    assert entry.before == {"legal_name": "Acme Trading", "vat_number": "LU12345613"}
    assert entry.after == {"legal_name": "Acme Trading SA", "vat_number": ""}
    assert entry.details == {"section": "business"}


# --- languages -------------------------------------------------------------------------------------

def test_languages_save_and_the_storefront_offers_them(client, demo, login_as):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/languages", data={"languages": ["fr", "lb"], "default_language": "lb"})
    assert response.status_code == 303
    store = acme(demo)
    assert (store.languages, store.default_language) == (["fr", "lb"], "lb")
    [entry] = entries()
    assert entry.before == {"languages": ["en", "fr", "de"], "default_language": "en"}
    assert entry.after == {"languages": ["fr", "lb"], "default_language": "lb"}
    storefront = text(client.get(STOREFRONT + "?lang=lb"))
    assert '<html lang="lb"' in storefront


@pytest.mark.parametrize("data", [
    {"languages": ["fr"], "default_language": "en"},  # default not among the enabled ones
    {"languages": [], "default_language": "en"},
    {"languages": ["en", "xx"], "default_language": "en"},  # not a language of the platform
    {"default_language": "en"},
])
def test_bad_language_choices_are_refused_whole(client, demo, login_as, data):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/languages", data=data)
    assert response.status_code == 422 and 'aria-invalid="true"' in text(response)
    assert acme(demo).languages == ["en", "fr", "de"] and acme(demo).default_language == "en"
    assert entries() == []


def test_only_the_platforms_languages_are_offered(client, demo, login_as):
    login_as(demo.bistro_owner)
    page = text(client.get("/store/bistro/settings"))
    assert 'value="de"' in page and 'name="languages" value="lb"' not in page  # loyalty has no Luxembourgish


# --- currency --------------------------------------------------------------------------------------

def test_changing_the_currency_needs_the_confirmation(client, demo, login_as):
    login_as(demo.owner)
    refused = client.post(f"{SETTINGS}/currency", data={"currency": "CHF"})
    assert refused.status_code == 422 and "Confirm that your prices are not converted" in text(refused)
    assert acme(demo).currency == "EUR"
    response = client.post(f"{SETTINGS}/currency", data={"currency": "CHF", "confirm": "y"})
    assert response.status_code == 303 and acme(demo).currency == "CHF"
    assert entries()[0].after == {"currency": "CHF"}
    assert tenant_directory().store("acme").currency == "CHF"  # what storefront prices are formatted with


def test_the_same_currency_saves_without_confirmation(client, demo, login_as):
    login_as(demo.owner)
    assert client.post(f"{SETTINGS}/currency", data={"currency": "EUR"}).status_code == 303
    assert entries() == []


@pytest.mark.parametrize("currency", ["XXX", "eur", "", "EURO", "BTC"])
def test_unsupported_currencies_are_refused(client, demo, login_as, currency):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/currency", data={"currency": currency, "confirm": "y"})
    assert response.status_code == 422
    assert acme(demo).currency == "EUR"


# --- time zone -------------------------------------------------------------------------------------

def test_the_time_zone_saves_and_dashboard_dates_follow_it(client, demo, login_as):
    domain = add_store_domain(demo.acme.id, "shop.acme.example", verified=True)
    domain.verified_at = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    db.session.commit()
    login_as(demo.owner)
    assert "1 Jul 2026, 14:00" in text(client.get(SETTINGS))  # Luxembourg, summer time
    response = client.post(f"{SETTINGS}/timezone", data={"timezone": "America/New_York"})
    assert response.status_code == 303 and acme(demo).timezone == "America/New_York"
    assert entries()[0].before == {"timezone": "Europe/Luxembourg"}
    assert entries()[0].after == {"timezone": "America/New_York"}
    assert "1 Jul 2026, 08:00" in text(client.get(SETTINGS))


@pytest.mark.parametrize("zone", ["Mars/Olympus", "", "../etc/passwd", "UTC\x00", "x" * 200])
def test_unknown_time_zones_are_refused(client, demo, login_as, zone):
    login_as(demo.owner)
    response = client.post(f"{SETTINGS}/timezone", data={"timezone": zone})
    assert response.status_code == 422
    assert acme(demo).timezone == "Europe/Luxembourg"


# --- who may ---------------------------------------------------------------------------------------

SECTIONS = [("general", general()), ("languages", {"languages": ["en"], "default_language": "en"}),
            ("currency", {"currency": "CHF", "confirm": "y"}), ("timezone", {"timezone": "UTC"})]


@pytest.mark.parametrize(("section", "data"), SECTIONS)
def test_staff_may_not_change_settings(client, demo, login_as, section, data):
    login_as(demo.staff)
    assert client.get(SETTINGS).status_code == 403
    assert client.post(f"{SETTINGS}/{section}", data=data).status_code == 403
    assert acme(demo).name == "Acme" and acme(demo).currency == "EUR" and acme(demo).languages == ["en", "fr", "de"]


@pytest.mark.parametrize(("section", "data"), SECTIONS)
def test_another_stores_owner_cannot_reach_them(client, demo, login_as, section, data):
    login_as(demo.bistro_owner)
    assert client.get(SETTINGS).status_code in (403, 404)
    assert client.post(f"{SETTINGS}/{section}", data=data).status_code in (403, 404)
    assert acme(demo).name == "Acme" and acme(demo).timezone == "Europe/Luxembourg"


@pytest.mark.parametrize(("section", "data"), SECTIONS)
def test_a_post_without_csrf_token_changes_nothing(client, demo, login_as, section, data):
    login_as(demo.owner)
    assert client.post(f"{SETTINGS}/{section}", data=data, csrf=False).status_code == 400
    assert acme(demo).name == "Acme" and acme(demo).currency == "EUR"


def test_without_javascript_the_token_in_the_form_is_enough(client, demo, login_as):
    login_as(demo.owner)
    page = text(client.get(SETTINGS))
    token = page.split('name="general-csrf_token" type="hidden" value="')[1].split('"')[0]
    response = client.post(f"{SETTINGS}/general", data={**general(), "general-csrf_token": token}, csrf=False)
    assert response.status_code == 303 and acme(demo).name == "Acme Outfitters"


# --- tax display (checkout's setting, shown in its section) -----------------------------------------

def test_tax_display_saved_from_the_settings_page_comes_back_to_it(client, demo, login_as):
    from webapp.modules.checkout.services import get_settings

    login_as(demo.owner)
    assert 'name="return_to" value="settings"' in text(client.get(SETTINGS))
    response = client.post("/store/acme/checkout/tax-display",
                           data={"prices_include_tax": "0", "return_to": "settings"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/store/acme/settings#section-tax")
    db.session.expire_all()
    with store_scope(demo.acme.id):
        assert get_settings(demo.acme.id).prices_include_tax is False
    assert "Tax display saved." in text(client.get(SETTINGS))


def test_without_checkout_the_tax_section_says_where_it_lives(client, demo, login_as):
    from webapp.modules.tenancy.services import apply_module_plan, plan_module_change

    apply_module_plan(demo.main.id, plan_module_change(demo.main.id, "checkout", False))
    db.session.commit()
    login_as(demo.owner)
    page = text(client.get(SETTINGS))
    assert 'id="section-tax"' in page and "checkout is not enabled on your platform" in page
    assert "checkout-tax-display" not in page
