"""Email templates: language fallback, the subject line, the sandbox, bad input."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from webapp.extensions import db
from webapp.modules.messaging.models import OutboxMessage
from webapp.modules.messaging.services import MessagingError, render_email, send_email

pytestmark = pytest.mark.usefixtures("email_templates")
CONTEXT = {"store_name": "Acme", "name": "Ada"}


def outbox_count() -> int:
    return db.session.scalar(select(func.count()).select_from(OutboxMessage))


def test_the_requested_language_is_used():
    email = render_email("testmail/emails/welcome", CONTEXT, "fr")
    assert email.locale == "fr"
    assert email.subject == "Bienvenue chez Acme"
    assert email.text.startswith("Bonjour Ada,")


@pytest.mark.parametrize("locale", ["de", "lb", "not a locale", ""])
def test_a_missing_language_falls_back_to_english(locale):
    email = render_email("testmail/emails/welcome", CONTEXT, locale)
    assert email.locale == "en"
    assert email.subject == "Welcome to Acme"


def test_a_regional_locale_uses_its_language():
    assert render_email("testmail/emails/welcome", CONTEXT, "fr_LU").locale == "fr"


def test_the_subject_line_is_stripped_from_the_body():
    email = render_email("testmail/emails/welcome", CONTEXT, "en")
    assert email.subject == "Welcome to Acme"
    assert email.text == "Hello Ada,\nwelcome!\n"
    assert "Subject:" not in email.text


def test_a_newline_in_a_value_cannot_leak_into_the_headers():
    email = render_email("testmail/emails/welcome", {"store_name": "Acme\r\nBcc: x@evil.test", "name": "A"}, "en")
    assert "\n" not in email.subject and "\r" not in email.subject
    assert email.subject == "Welcome to Acme Bcc: x@evil.test"


def test_html_is_autoescaped_and_text_is_not():
    email = render_email("testmail/emails/welcome", {"store_name": "A&B", "name": "<b>Ada</b>"}, "en")
    assert email.html == "<p>Hello &lt;b&gt;Ada&lt;/b&gt;</p>"
    assert "<b>Ada</b>" in email.text


def test_html_is_optional():
    assert render_email("testmail/emails/plain", {}, "en").html is None


@pytest.mark.parametrize("template", ["testmail/emails/escape", "testmail/emails/globals"])
def test_the_sandbox_blocks_access_to_python_internals(template):
    with pytest.raises(MessagingError, match="unsafe"):
        render_email(template, {}, "en")


@pytest.mark.parametrize("template, message", [
    ("testmail/emails/unknown", "not found"),
    ("testmail/emails/nosubject", "Subject:"),
    ("testmail/emails/undefined", "could not be rendered"),
    ("../../etc/passwd", "invalid"),
    ("testmail/emails/welcome.en.txt", "invalid"),
])
def test_bad_templates_raise_a_clear_error(template, message):
    with pytest.raises(MessagingError, match=message):
        render_email(template, CONTEXT, "en")


@pytest.mark.parametrize("address", ["", "nobody", "a@b", "a b@example.com", "ada@example.com\nBcc: x@y.z",
                                     "x" * 250 + "@example.com"])
def test_send_email_refuses_a_bad_address_and_stores_nothing(demo, address):
    with pytest.raises(MessagingError):
        send_email(demo.acme.id, "testmail/emails/welcome", address, CONTEXT, locale="en")
    assert outbox_count() == 0


def test_send_email_refuses_an_unknown_store(demo):
    with pytest.raises(MessagingError, match="unknown store"):
        send_email(999_999, "testmail/emails/welcome", "ada@example.com", CONTEXT, locale="en")
    assert outbox_count() == 0


def test_send_email_stores_the_rendered_message(demo):
    message = send_email(demo.acme.id, "testmail/emails/welcome", " ada@example.com ", CONTEXT, locale="de")
    assert message.id is not None
    assert (message.store_id, message.platform_id) == (demo.acme.id, demo.main.id)
    assert message.to_address == "ada@example.com"
    assert message.subject == "Welcome to Acme"
    assert message.body_html == "<p>Hello Ada</p>"
    assert (message.template, message.locale, message.status) == ("testmail/emails/welcome", "en", "queued")


def test_platform_mails_have_no_store(demo):
    message = send_email(None, "testmail/emails/plain", "ada@example.com", {}, locale="en", platform_id=demo.main.id)
    assert (message.store_id, message.platform_id) == (None, demo.main.id)
