"""The signup emails exist in every UI language, with their links and names filled in."""

import pytest

from webapp.modules.messaging.services import render_email

VERIFY = {"name": "Nora", "platform_name": "Orion", "store_name": "Nora's Bakery", "expires_hours": 48,
          "verify_url": "https://orion.example/platforms/main/signup/verify/t0ken"}
WELCOME = {"name": "Nora", "store_name": "Nora's Bakery", "dashboard_url": "https://orion.example/store/nora/",
           "login_url": "https://orion.example/auth/login"}


@pytest.mark.parametrize("locale", ["en", "fr", "de", "lb"])
def test_the_verification_email_is_written_in_each_language(app, locale):
    with app.test_request_context():
        email = render_email("tenancy/emails/verify_email", VERIFY, locale)
    assert email.locale == locale
    assert "Orion" in email.subject and VERIFY["verify_url"] in email.text and "48" in email.text


@pytest.mark.parametrize("locale", ["en", "fr", "de", "lb"])
def test_the_welcome_email_is_written_in_each_language(app, locale):
    with app.test_request_context():
        email = render_email("messaging/emails/merchant_welcome", WELCOME, locale)
    assert email.locale == locale
    assert "Nora's Bakery" in email.subject
    assert WELCOME["dashboard_url"] in email.text and WELCOME["login_url"] in email.text
