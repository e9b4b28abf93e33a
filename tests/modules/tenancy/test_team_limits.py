"""The seat-limit hook: the invite route asks `framework.limits.check_limit`; billing can refuse later."""

from __future__ import annotations

import pytest

from tests.modules.tenancy.team_helpers import TEAM, emails_to, invitations
from webapp.framework.limits import LimitVerdict, check_limit


@pytest.fixture
def limits(app):
    """Plug a `usage_limits` provider in for one test; records what it was asked."""
    ports = app.extensions["orion.ports"]
    asked = []
    verdict = {"value": LimitVerdict(True)}

    def provider(store_id, limit, *, adding):
        asked.append((store_id, limit, adding))
        return verdict["value"]

    original = ports.get("usage_limits")
    ports["usage_limits"] = provider
    yield asked, verdict
    if original is None:
        del ports["usage_limits"]
    else:
        ports["usage_limits"] = original


def test_without_a_provider_everything_is_allowed(app, demo, monkeypatch):
    # billing provides the port; a platform without it (self-hosted, no tiers) allows everything
    monkeypatch.delitem(app.extensions["orion.ports"], "usage_limits", raising=False)
    assert check_limit(demo.acme.id, "staff_seats", adding=100).allowed


def test_the_invite_route_asks_for_a_seat(client, demo, login_as, limits):
    asked, _verdict = limits
    login_as(demo.owner)
    assert client.post(f"{TEAM}/invitations", data={"email": "a@example.com", "role": "staff"}).status_code == 303
    assert asked == [(demo.acme.id, "staff_seats", 1)]


def test_a_refusal_shows_the_message_and_upgrade_link_and_saves_nothing(client, demo, login_as, limits,
                                                                        htmx_headers):
    _asked, verdict = limits
    verdict["value"] = LimitVerdict(False, "Your plan includes 2 team members.", "/store/acme/billing/plans")
    login_as(demo.owner)
    for headers in ({}, htmx_headers):
        response = client.post(f"{TEAM}/invitations", data={"email": "a@example.com", "role": "staff"},
                               headers=headers)
        body = response.get_data(as_text=True)
        assert response.status_code == 422
        assert "Your plan includes 2 team members." in body and 'href="/store/acme/billing/plans"' in body
        assert 'value="a@example.com"' in body  # the input is kept
    assert invitations(demo.acme) == [] and emails_to("a@example.com") == []


def test_invalid_input_is_answered_before_the_limit_is_asked(client, demo, login_as, limits):
    asked, _verdict = limits
    login_as(demo.owner)
    assert client.post(f"{TEAM}/invitations", data={"email": "nope", "role": "staff"}).status_code == 422
    assert asked == []
