"""Junk in every checkout and settings form: a clear 4xx, never a 500, never a half-saved row."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import ACME, CONTACT, add_to_cart, place, submit_contact, text, to_review

JUNK = st.one_of(st.text(max_size=300), st.just("\x00"), st.just("a\x00b"), st.just("x" * 100_000),
                 st.just("NaN"), st.just("-1e999"), st.just("\uff11\uff12"), st.just("🙂" * 50))


def once(client) -> bool:
    """True the first time for this client (hypothesis runs one test body many times with the same fixtures)."""
    first = not getattr(client, "_checkout_ready", False)
    client._checkout_ready = True
    return first


SLOW = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SLOW
@given(field=st.sampled_from([*sorted(CONTACT), "saved_address", "password"]), value=JUNK)
def test_contact_step_survives_junk(client, shop, field, value):
    if once(client):
        add_to_cart(client, shop.tee)
    response = submit_contact(client, **{field: value}, create_account="y" if field == "password" else "")
    assert response.status_code in (303, 422), text(response)[:300]


@SLOW
@given(step=st.sampled_from(["shipping", "payment"]), value=JUNK)
def test_choice_steps_survive_junk(client, shop, step, value):
    if once(client):
        add_to_cart(client, shop.tee)
        submit_contact(client)
        client.post(f"{ACME}/checkout/shipping", data={"method": "standard"})
    name = {"shipping": "method", "payment": "gateway"}[step]
    response = client.post(f"{ACME}/checkout/{step}", data={name: value})
    assert response.status_code in (303, 422), text(response)[:300]


def test_place_and_pay_again_survive_junk(client, shop):
    add_to_cart(client, shop.tee)
    key = to_review(client)
    for junk in ("\x00", "x" * 100_000, "-1", "NaN", "🙂"):
        card = {"card_number": junk, "exp_month": junk, "exp_year": junk, "cvc": junk}
        assert place(client, key, card=card).status_code == 422
        assert place(client, junk, card=card).status_code == 422
    complete = place(client, key, card={"card_number": "4000000000000002", "exp_month": "1", "exp_year": "2099",
                                        "cvc": "123"}).headers["Location"]
    for junk in ("\x00", "x" * 1000, "-1", "0", "99999999999999999999"):
        response = client.post(f"{complete}/pay", data={"attempt": junk, "card_number": junk, "cvc": junk})
        assert response.status_code == 422, junk


@SLOW
@given(field=st.sampled_from(["code", "label", "price", "free_over", "position"]), value=JUNK)
def test_shipping_method_form_survives_junk(client, demo, login_as, field, value):
    if once(client):
        login_as(demo.owner)
    data = {"code": "junk", "label": "Junk", "price": "1", "free_over": "", "position": "0", field: value}
    response = client.post("/store/acme/checkout/shipping-methods", data=data, headers={"HX-Request": "true"})
    assert response.status_code in (200, 422), text(response)[:300]  # a second valid one: duplicate code, 422
