"""VIES: the real client against a local server speaking the VIES REST API (no internet), the choice of
checker by BILLING_VIES, and what an invoice records when VIES answers, refuses or is unreachable."""

from __future__ import annotations

import json
import socket
import threading
import time
from datetime import UTC, datetime
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from webapp.modules.billing.services import FakeVies, LineDraft, issue_invoice
from webapp.modules.billing.services.vat import checker
from webapp.modules.billing.services.vies import ViesClient, split_vat_number

AT = datetime(2026, 12, 1, 9, 30, tzinfo=UTC)


class FakeViesServer:
    """A VIES REST endpoint on 127.0.0.1: answers `reply` (status, body) and keeps what it was sent."""

    def __init__(self) -> None:
        self.reply: tuple[int, object] = (200, {})
        self.delay = 0.0
        self.received: list[dict] = []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                owner.received.append({"path": self.path, "content_type": self.headers.get("Content-Type"),
                                       "body": json.loads(self.rfile.read(length) or b"null")})
                time.sleep(owner.delay)
                status, body = owner.reply
                payload = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except OSError:
                    pass  # the client gave up (timeout test)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_port}/check-vat-number"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def vies_server():
    server = FakeViesServer()
    yield server
    server.close()


def _answer(valid: bool, user_error: str | None = None, **extra) -> dict:
    return {"countryCode": "DE", "vatNumber": "123456789", "requestDate": "2026-12-01T09:30:00.000Z",
            "valid": valid, "userError": user_error or ("VALID" if valid else "INVALID"), "name": "---",
            "address": "---", **extra}


def test_a_valid_number_is_posted_as_json_and_its_reference_kept(vies_server):
    vies_server.reply = (200, _answer(True, requestIdentifier="WAPIAAAAZ1234"))
    answer = ViesClient(vies_server.url, timeout=2).check("DE 123 456 789", at=AT)
    assert answer.valid is True and answer.checked_at == AT and answer.reference == "WAPIAAAAZ1234"
    [request] = vies_server.received
    assert request["body"] == {"countryCode": "DE", "vatNumber": "123456789"}
    assert request["content_type"] == "application/json"


def test_an_invalid_number_is_a_negative_answer(vies_server):
    vies_server.reply = (200, _answer(False))
    answer = ViesClient(vies_server.url, timeout=2).check("DE999999999", at=AT)
    assert answer is not None and answer.valid is False


@pytest.mark.parametrize("reply", [
    (200, _answer(False, "MS_UNAVAILABLE")),
    (200, _answer(False, "MS_MAX_CONCURRENT_REQ")),
    (500, {"actionSucceed": False, "errorWrappers": [{"error": "SERVICE_UNAVAILABLE"}]}),
    (200, "<html>maintenance</html>"),
    (200, {"no": "verdict"}),
])
def test_no_usable_answer_is_none(vies_server, reply):
    vies_server.reply = reply
    assert ViesClient(vies_server.url, timeout=2).check("DE123456789", at=AT) is None


def test_a_slow_vies_times_out_to_none(vies_server):
    vies_server.delay, vies_server.reply = 1.5, (200, _answer(True))
    started = time.monotonic()
    assert ViesClient(vies_server.url, timeout=0.3).check("DE123456789", at=AT) is None
    assert time.monotonic() - started < 1.4


def test_an_unreachable_vies_is_none():
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    assert ViesClient(f"http://127.0.0.1:{port}/check", timeout=1).check("DE123456789", at=AT) is None


def test_numbers_are_split_the_vies_way():
    assert split_vat_number("de 123.456-789") == ("DE", "123456789")
    assert split_vat_number("GR123456789") == ("EL", "123456789")  # VIES writes Greece EL
    assert split_vat_number("123456789") is None
    assert ViesClient("http://127.0.0.1:9/x").check("12", at=AT).valid is False  # not asked at all
    assert ViesClient("http://127.0.0.1:9/x", timeout=60).timeout == 5  # never more than 5 s
    with pytest.raises(ValueError):
        ViesClient("file:///etc/passwd")


def test_the_checker_is_the_fake_by_default_and_vies_when_configured(app, monkeypatch):
    with app.app_context():
        assert app.config["BILLING_VIES"] == "fake" and isinstance(checker(), FakeVies)
        monkeypatch.setitem(app.config, "BILLING_VIES", "vies")
        configured = checker()
        assert isinstance(configured, ViesClient) and configured.url.startswith("https://ec.europa.eu/")
        assert configured.timeout <= 5


def _german_buyer(demo):
    from webapp.modules.tenancy.services import BusinessDetails, update_business_details

    update_business_details(demo.acme.merchant_id, BusinessDetails("Acme GmbH", "DE123456789", country="DE"))


def test_an_invoice_keeps_the_vies_answer_that_justified_the_reverse_charge(app, demo, tiers, vies_server,
                                                                           monkeypatch):
    monkeypatch.setitem(app.config, "BILLING_VIES", "vies")
    monkeypatch.setitem(app.config, "BILLING_VIES_URL", vies_server.url)
    vies_server.reply = (200, _answer(True, requestIdentifier="WAPI-42"))
    with app.test_request_context():
        _german_buyer(demo)
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="vies:1")
        assert invoice.vat_treatment == "reverse_charge" and invoice.vat_cents == 0
        assert invoice.vies_valid is True and invoice.vies_reference == "WAPI-42"
        assert invoice.vies_checked_at is not None


def test_an_unreachable_vies_means_domestic_vat_and_the_invoice_says_no_answer_was_obtained(app, demo, tiers,
                                                                                            monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setitem(app.config, "BILLING_VIES", "vies")
    monkeypatch.setitem(app.config, "BILLING_VIES_URL", f"http://127.0.0.1:{port}/check")
    with app.test_request_context():
        _german_buyer(demo)
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="vies:2")
        assert invoice.vat_treatment == "domestic" and invoice.vat_rate == Decimal(17)
        assert invoice.vat_cents == 1343
        assert invoice.vies_valid is None and invoice.vies_checked_at is not None  # asked, no answer
        from webapp.modules.billing.views.invoices import document_html

        assert "VIES gave no answer" in str(document_html(invoice))


def test_a_number_vies_rejects_means_domestic_vat(app, demo, tiers, vies_server, monkeypatch):
    monkeypatch.setitem(app.config, "BILLING_VIES", "vies")
    monkeypatch.setitem(app.config, "BILLING_VIES_URL", vies_server.url)
    vies_server.reply = (200, _answer(False))
    with app.test_request_context():
        _german_buyer(demo)
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, [LineDraft("Plan", 7900, 7900)], key="vies:3")
        assert invoice.vat_treatment == "domestic" and invoice.vies_valid is False
