"""Merchant dashboard: order list, detail, actions, invoice, isolation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from tests.modules.orders.conftest import order_data
from tests.modules.orders.test_services import fresh
from webapp.extensions import db
from webapp.framework.scoping import store_scope
from webapp.modules.core.models import AuditEntry
from webapp.modules.orders import services
from webapp.modules.orders.models import Order
from webapp.modules.tenancy.models import Merchant

LIST = "/store/acme/orders/"


def text(response) -> str:
    return response.get_data(as_text=True)


def url(order, action: str = "", store: str = "acme") -> str:
    return f"/store/{store}/orders/{order.id}" + (f"/{action}" if action else "")


def ship_data(order, tracking: str = "LU1", **quantities) -> dict:
    """The fulfil form: every line's remaining quantity unless given (by position: line0=…)."""
    data = {f"ship-{line.id}": quantities.get(f"line{i}", line.to_fulfil) for i, line in enumerate(order.lines)}
    return {**data, "tracking_number": tracking, "carrier": "Post"}


def test_the_list_shows_the_stores_orders_newest_first(client, login_as, demo, make_order):
    first, second = make_order(email="ann@example.com"), make_order(email="bob@example.com")
    make_order(demo.bistro, email="bistro-only@example.com")
    login_as(demo.owner)
    body = text(client.get(LIST))
    assert body.index(f"#{second.number}") < body.index(f"#{first.number}")
    assert "ann@example.com" in body and "bistro-only@example.com" not in body


def test_status_filters_and_search_filter_the_list(client, login_as, demo, make_order):
    paid = make_order(status="paid", email="paid@example.com")
    make_order(email="waiting@example.com")
    make_order(status="shipped", email="shipped@example.com")
    login_as(demo.owner)
    body = text(client.get(LIST, query_string={"payment": "paid"}))
    assert "paid@example.com" in body and "shipped@example.com" in body and "waiting@example.com" not in body
    assert "Paid (2)" in body and "Fulfilled (1)" in body
    body = text(client.get(LIST, query_string={"payment": "paid", "fulfilment": "unfulfilled"}))
    assert "paid@example.com" in body and "shipped@example.com" not in body
    assert "Paid" in body and "Unfulfilled" in body  # both badges
    assert "waiting@" in text(client.get(LIST, query_string={"q": "WAIT"}))
    by_number = text(client.get(LIST, query_string={"q": f"#{paid.number}"}))
    assert "paid@example.com" in by_number and "waiting@example.com" not in by_number
    assert "No orders found" in text(client.get(LIST, query_string={"q": "nobody"}))


@pytest.mark.parametrize("args", [{"payment": "bogus"}, {"fulfilment": "x" * 5000},
                                  {"q": "x" * 101}, {"page": "-1"}, {"page": "abc"},
                                  {"q": "%_\\"}, {"q": "\x00"}])
def test_junk_filters_never_fail(client, login_as, demo, make_order, args):
    make_order()
    login_as(demo.owner)
    assert client.get(LIST, query_string=args).status_code == 200


def test_htmx_gets_the_list_fragment(client, login_as, demo, make_order, htmx_headers):
    make_order()
    login_as(demo.owner)
    response = client.get(LIST, query_string={"status": "pending"}, headers=htmx_headers)
    assert response.status_code == 200 and "<html" not in text(response)
    assert text(response).lstrip().startswith("<div id=\"order-list\">")


def many_orders(demo, count: int) -> None:
    with store_scope(demo.acme.id):
        start = db.session.scalar(select(func.count(Order.id)))
        for n in range(start, start + count):
            services.create_order(demo.acme.id, order_data(email=f"c{n}@example.com"), platform_id=demo.main.id)
        db.session.commit()


def test_pagination_and_constant_query_count(client, login_as, demo, count_queries):
    many_orders(demo, 3)
    login_as(demo.owner)
    client.get(LIST)
    with count_queries() as few:
        client.get(LIST)
    many_orders(demo, 30)
    with count_queries() as more:
        page_one = text(client.get(LIST))
    assert len(more) == len(few)
    assert "c32@example.com" in page_one and "c7@example.com" not in page_one
    page_two = text(client.get(LIST, query_string={"page": 2}))
    assert "c7@example.com" in page_two and "c32@example.com" not in page_two


def test_detail_shows_lines_totals_address_and_timeline(client, login_as, demo, make_order, payments):
    order = make_order(status="paid")
    login_as(demo.owner)
    assert f"{url(order)}/refund" not in text(client.get(url(order)))  # nothing captured to refund
    payments.add(order)
    body = text(client.get(url(order)))
    for expected in ("T-shirt M", "TEE-M", "€55.00", "1 Rue Haute", "Order placed.", "Payment of €55.00 received."):
        assert expected in body
    for form in ("/fulfil", "/refund", "/cancel", "/notes"):
        assert f"{url(order)}{form}" in body
    assert f"{url(order)}/deliver" not in body and f"{url(order)}/close" not in body
    # The method by its name, in the order's meta and in its payments table, never the gateway code.
    assert "<dd>Test card</dd>" in body and "<td>Test card</td>" in body and "<td>test</td>" not in body


def test_staff_may_ship_but_not_refund_or_cancel(client, login_as, demo, make_order, payments):
    order = make_order(status="paid")
    payments.add(order)
    login_as(demo.staff)
    body = text(client.get(url(order)))
    assert f"{url(order)}/fulfil" in body and f"{url(order)}/refund" not in body and f"{url(order)}/cancel" not in body
    assert client.post(url(order, "refund"), data={"amount": "5"}).status_code == 403
    assert client.post(url(order, "cancel"), data={"confirm": "y"}).status_code == 403
    assert client.post(url(order, "close")).status_code == 403
    response = client.post(url(order, "fulfil"), data=ship_data(order))
    assert response.status_code == 303
    assert fresh(demo.acme, order.id).fulfilment_status == "fulfilled"
    assert client.post(url(order, "notes"), data={"text": "Packed by Sam"}).status_code == 303


def test_htmx_action_returns_the_updated_detail_and_an_event(client, login_as, demo, make_order, htmx_headers):
    order = make_order(status="paid")
    login_as(demo.owner)
    response = client.post(url(order, "fulfil"), data=ship_data(order, "LU2", line0=1, line1=0), headers=htmx_headers)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "orders:order-fulfilled"
    assert text(response).lstrip().startswith("<div id=\"order-detail\">")
    assert "1 item shipped with Post, tracking number LU2." in text(response)
    assert fresh(demo.acme, order.id).fulfilment_status == "partially_fulfilled"
    response = client.post(url(order, "fulfil"), data=ship_data(fresh(demo.acme, order.id)), headers=htmx_headers)
    assert response.headers["HX-Trigger"] == "orders:order-fulfilled"
    response = client.post(url(order, "deliver"), headers=htmx_headers)
    assert response.headers["HX-Trigger"] == "orders:order-delivered"
    response = client.post(url(order, "close"), headers=htmx_headers)
    assert response.headers["HX-Trigger"] == "orders:order-closed"
    order = fresh(demo.acme, order.id)
    assert (order.status, order.fulfilment_status) == ("closed", "delivered")


@pytest.mark.parametrize("change", [{"tracking_number": "x" * 65}, {"carrier": "x" * 61}, {"line0": "abc"},
                                    {"line0": "3"}, {"line0": "-1"}, {"line0": "0", "line1": "0"}])
def test_fulfil_with_bad_input_is_422_and_ships_nothing(client, login_as, demo, make_order, change):
    order = make_order(status="paid")
    login_as(demo.owner)
    data = ship_data(order)
    for key, value in change.items():
        data[f"ship-{order.lines[int(key[4:])].id}" if key.startswith("line") else key] = value
    response = client.post(url(order, "fulfil"), data=data)
    assert response.status_code == 422
    assert "field-error" in text(response) or "Choose at least one item" in text(response)
    order = fresh(demo.acme, order.id)
    assert order.fulfilment_status == "unfulfilled" and not order.fulfilments


@pytest.mark.parametrize("amount", ["", "0", "-3", "abc", "55.01", "1.234", "NaN", "1e9"])
def test_refund_amount_is_checked(client, login_as, demo, make_order, payments, amount):
    order = make_order(status="paid")
    payments.add(order)
    login_as(demo.owner)
    response = client.post(url(order, "refund"), data={"amount": amount})
    assert response.status_code == 422 and "field-error" in text(response)
    assert payments.refunds == []


def test_refund_goes_through_the_gateway(client, login_as, demo, make_order, payments):
    order = make_order(status="shipped")
    payments.add(order)
    login_as(demo.owner)
    response = client.post(url(order, "refund"), data={"amount": "12.50"})
    assert response.status_code == 303
    order = fresh(demo.acme, order.id)
    assert (order.payment_status, order.refunded_total) == ("partially_refunded", Decimal("12.50"))
    body = text(client.get(url(order)))
    assert "€12.50 refunded." in body and "Partially refunded" in body and "Fulfilled" in body
    assert f"{url(order)}/fulfil" not in body  # shipped and partly refunded: never shipped again
    [entry] = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "orders.order.refunded")).all()
    assert (entry.store_id, entry.actor_id, entry.target_id) == (demo.acme.id, demo.owner.id, str(order.id))
    assert entry.after["amount"] == "12.50" and entry.after["number"] == order.number


def test_a_refused_refund_shows_why(client, login_as, demo, make_order, payments):
    order = make_order(status="paid")
    payments.add(order, refunds_refused=True)
    login_as(demo.owner)
    response = client.post(url(order, "refund"), data={"amount": "5"})
    assert response.status_code == 422 and "refused the refund" in text(response)
    assert db.session.scalars(select(AuditEntry)).all() == []  # only refunds that happened are recorded


def test_cancel_needs_confirmation(client, login_as, demo, make_order, published):
    order = make_order()
    login_as(demo.owner)
    assert client.post(url(order, "cancel"), data={"reason": "oops"}).status_code == 422
    assert fresh(demo.acme, order.id).status == "open"
    response = client.post(url(order, "cancel"), data={"reason": "Out of stock", "confirm": "y"})
    assert response.status_code == 303
    assert fresh(demo.acme, order.id).status == "cancelled"
    assert [e.name for e in published].count("orders.cancelled") == 1


def test_a_step_that_is_no_longer_allowed_is_a_clear_409(client, login_as, demo, make_order):
    order = make_order(status="cancelled")
    login_as(demo.owner)
    response = client.post(url(order, "fulfil"), data=ship_data(order, "LU3"))
    assert response.status_code == 409 and "not possible for this order any more" in text(response)
    assert fresh(demo.acme, order.id).tracking_number is None
    shipped = make_order(status="shipped")
    response = client.post(url(shipped, "cancel"), data={"confirm": "y"})
    assert response.status_code == 409 and fresh(demo.acme, shipped.id).status == "open"


def test_post_without_csrf_token_is_rejected(client, login_as, demo, make_order):
    order = make_order()
    login_as(demo.owner)
    response = client.post(url(order, "cancel"), data={"confirm": "y"}, csrf=False)
    assert response.status_code == 400
    assert fresh(demo.acme, order.id).status == "open"


def test_another_merchant_never_sees_or_changes_an_order(client, login_as, demo, make_order):
    order = make_order(demo.acme)
    login_as(demo.bistro_owner)
    assert client.get(url(order)).status_code == 404
    assert client.get(url(order, store="bistro")).status_code == 404
    assert client.get(url(order, "invoice", store="bistro")).status_code == 404
    assert client.post(url(order, "cancel", store="bistro"), data={"confirm": "y"}).status_code == 404
    assert client.post(url(order, "cancel"), data={"confirm": "y"}).status_code == 404
    for action, data in (("fulfil", ship_data(order)), ("refund", {"amount": "1"}), ("notes", {"text": "x"}),
                         ("close", {}), ("deliver", {}), ("return", {})):
        assert client.post(url(order, action, store="bistro"), data=data).status_code == 404
    assert client.get(url(order, "packing-slip", store="bistro")).status_code == 404
    order = fresh(demo.acme, order.id)
    assert (order.status, order.payment_status, len(order.activities)) == ("open", "pending", 1)


def test_packing_slip_lists_lines_and_quantities_without_prices(client, login_as, demo, make_order):
    order = make_order(status="paid")
    login_as(demo.staff)
    response = client.get(url(order, "packing-slip"))
    body = text(response)
    assert response.status_code == 200 and "Packing slip" in body and "T-shirt M" in body and "1 Rue Haute" in body
    assert "€" not in body.split('class="invoice packing-slip"')[1]


def test_notes_show_on_the_timeline_with_their_author(client, login_as, demo, make_order, htmx_headers):
    order = make_order()
    login_as(demo.staff)
    assert client.post(url(order, "notes"), data={"text": ""}).status_code == 422
    assert client.post(url(order, "notes"), data={"text": "x" * 501}).status_code == 422
    response = client.post(url(order, "notes"), data={"text": "Gift wrap, please"}, headers=htmx_headers)
    assert response.status_code == 200 and response.headers["HX-Trigger"] == "orders:order-noted"
    login_as(demo.owner)
    body = text(client.get(url(order)))
    assert "Gift wrap, please" in body and "by " in body.split("Gift wrap, please")[1][:400]
    assert [a.kind for a in fresh(demo.acme, order.id).activities] == ["placed", "note"]


def test_a_refund_can_put_items_back_in_stock(client, login_as, demo, make_order, payments):
    order = make_order(status="shipped")
    payments.add(order)
    login_as(demo.owner)
    tee = order.lines[0]
    bad = client.post(url(order, "refund"), data={"amount": "5", f"restock-{tee.id}": "9"})
    assert bad.status_code == 422 and "At most 2." in text(bad) and payments.refunds == []
    response = client.post(url(order, "refund"), data={"amount": "20", f"restock-{tee.id}": "1"})
    assert response.status_code == 303
    order = fresh(demo.acme, order.id)
    assert order.lines[0].returned_quantity == 1 and order.payment_status == "partially_refunded"
    assert "1 item put back in stock" in text(client.get(url(order)))


def test_signed_out_visitors_are_sent_to_sign_in(client, demo, make_order):
    order = make_order()
    assert client.get(url(order)).status_code in (302, 303)


def test_invoice_is_printable(client, login_as, demo, make_order):
    order = make_order(status="paid", billing_address={"full_name": "Billing Person", "city": "Esch"})
    login_as(demo.owner)
    response = client.get(url(order, "invoice"))
    body = text(response)
    assert response.status_code == 200
    for expected in ("Invoice", f"#{order.number}", "Acme", "Billing Person", "1 Rue Haute", "€55.00", "VAT 17"):
        assert expected in body
    assert "orders.css" in body


def test_the_invoice_names_the_seller_as_it_was_when_the_order_was_placed(client, login_as, demo, make_order):
    order = make_order(status="paid")
    merchant = db.session.get(Merchant, demo.acme.merchant_id)
    merchant.legal_name, merchant.vat_number = "Acme Holding S.A.", "LU99999999"  # renamed afterwards
    db.session.commit()
    later = make_order(status="paid")
    login_as(demo.owner)
    placed_before = text(client.get(url(order, "invoice")))
    placed_after = text(client.get(url(later, "invoice")))
    assert "Acme Trading" in placed_before and "VAT number: LU12345613" in placed_before
    assert "Acme Holding S.A." not in placed_before
    assert "Acme Holding S.A." in placed_after and "VAT number: LU99999999" in placed_after


def test_an_order_without_a_kept_seller_shows_the_current_one(client, login_as, demo, make_order):
    order = make_order(status="paid")
    with store_scope(demo.acme.id):
        db.session.get(Order, order.id).seller = None  # placed before sellers were kept with orders
        db.session.commit()
    login_as(demo.owner)
    assert "VAT number: LU12345613" in text(client.get(url(order, "invoice")))


def test_dashboard_shows_order_widgets(client, login_as, demo, make_order):
    make_order(status="paid")
    make_order(status="delivered")
    login_as(demo.owner)
    body = text(client.get("/store/acme/"))
    assert "Orders today" in body and "Revenue, last 30 days" in body and "€110.00" in body
    assert "To ship" in body
