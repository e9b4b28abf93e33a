"""Junk in order forms and headers: always a clear 4xx or a normal answer, never a 500."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.modules.orders.test_services import fresh

JUNK = st.one_of(st.text(max_size=300), st.just("\x00"), st.just("x" * 2_000), st.just("1e999"),
                 st.just("-0"), st.just("٣"), st.just("1,50"))


@pytest.fixture
def owner(client, login_as, demo):
    """The acme owner's client, signed in once for all the examples of a test."""
    login_as(demo.owner)
    return client


RELAXED = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@RELAXED
@given(amount=JUNK, tracking=JUNK, reason=JUNK)
def test_action_forms_never_fail(owner, make_order, payments, amount, tracking, reason):
    order = make_order(status="paid")
    payments.add(order)
    base = f"/store/acme/orders/{order.id}"
    assert owner.post(f"{base}/refund", data={"amount": amount}).status_code in (303, 422)
    line = order.lines[0].id
    assert owner.post(f"{base}/fulfil", data={"tracking_number": tracking, f"ship-{line}": amount,
                                              "carrier": reason}).status_code in (303, 409, 422)
    assert owner.post(f"{base}/notes", data={"text": reason}).status_code in (303, 422)
    assert owner.post(f"{base}/cancel", data={"reason": reason, "confirm": "y"}).status_code in (303, 409, 422)


def _header_safe(text: str) -> str:
    """What an HTTP header can carry at all (no line breaks or other control characters)."""
    return "".join(c for c in text if c.isprintable())


@RELAXED
@given(term=JUNK, status=JUNK, page=JUNK)
def test_list_filters_never_fail(owner, term, status, page):
    response = owner.get("/store/acme/orders/", query_string={"q": term, "payment": status, "fulfilment": term,
                                                              "page": page},
                          headers={"HX-Request": "true", "HX-Current-URL": _header_safe(term)[:200],
                                   "Accept-Language": _header_safe(status)[:100]})
    assert response.status_code == 200


def test_a_huge_tracking_number_is_refused(owner, make_order):
    order = make_order(status="paid")
    response = owner.post(f"/store/acme/orders/{order.id}/fulfil", data={"tracking_number": "x" * 100_000})
    assert response.status_code == 422


def test_a_refused_step_over_htmx_swaps_in_the_message(client, login_as, demo, make_order, htmx_headers):
    order = make_order(status="delivered")
    login_as(demo.owner)
    response = client.post(f"/store/acme/orders/{order.id}/cancel", data={"confirm": "y"}, headers=htmx_headers)
    assert response.status_code == 422 and "HX-Trigger" not in response.headers
    body = response.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="order-detail">') and "not possible for this order any more" in body
    assert fresh(demo.acme, order.id).status == "open"
