"""Junk input never causes a 500 on the billing forms and the preview: property-based tests (Hypothesis)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.modules.billing.store_helpers import BILLING

pytestmark = pytest.mark.usefixtures("isolated_requests")

JUNK = st.one_of(st.text(max_size=300), st.sampled_from(["\x00", "-1", "0", "1" + "9" * 5000, "1.5", "1e3", "2",
                                                         "<script>x</script>", "x" * 100_000, "", " "]))
SETTINGS = settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture
def owner(client, demo, login_as, subscribe):
    subscribe(demo.acme, "business")
    login_as(demo.owner)
    return demo


@SETTINGS
@given(tier=JUNK, total=JUNK, hx=st.sampled_from([{}, {"HX-Request": "true"}, {"HX-Request": "\x00junk",
                                                                                "HX-Target": "x" * 500}]))
def test_preview_and_change_answer_without_a_500(client, owner, tier, total, hx):
    assert client.get(f"{BILLING}/plans/preview", query_string={"tier": tier}, headers=hx).status_code in (200, 422)
    response = client.post(f"{BILLING}/plans/change", data={"tier_id": tier, "expected_total": total}, headers=hx)
    assert response.status_code in (200, 303, 422)


@SETTINGS
@given(reason=JUNK)
def test_cancel_answers_303_or_422(client, owner, reason):
    response = client.post(f"{BILLING}/cancel", data={"reason": reason})
    assert response.status_code in (303, 422)
    assert client.post(f"{BILLING}/keep").status_code in (303, 422)
