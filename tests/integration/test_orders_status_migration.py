"""orders_003 turns each old single status into the payment, fulfilment and order statuses."""

from __future__ import annotations

import sqlite3

from tests.integration.test_migrations import flask

OLD = ["pending", "paid", "processing", "shipped", "delivered", "partially_refunded", "refunded", "cancelled",
       "cancelled"]
# old status (and whether it was paid, shipped) → (status, payment, fulfilment)
EXPECTED = [("open", "pending", "unfulfilled"), ("open", "paid", "unfulfilled"), ("open", "paid", "unfulfilled"),
            ("open", "paid", "fulfilled"), ("open", "paid", "delivered"),
            ("open", "partially_refunded", "delivered"), ("closed", "refunded", "fulfilled"),
            ("cancelled", "voided", "unfulfilled"), ("cancelled", "paid", "unfulfilled")]
COLUMNS = ("id, number, email, status, currency, subtotal, shipping_total, tax_total, total, refunded_total, "
           "prices_include_tax, shipping_address, billing_address, shipping_method_code, shipping_method_label, "
           "payment_gateway, tracking_number, locale, placed_at, paid_at, shipped_at, delivered_at, store_id")


def _old_row(i: int, status: str) -> tuple:
    paid = status not in ("pending",) and not (status == "cancelled" and i == 7)
    shipped = status in ("shipped", "delivered", "partially_refunded", "refunded")
    refunded = {"partially_refunded": "5.00", "refunded": "30.00"}.get(status, "0")
    when = "2026-11-01 10:00:00"
    return (i + 1, 1001 + i, f"c{i}@example.com", status, "EUR", "25.00", "5.00", "4.36", "30.00", refunded, 1,
            "{}", "{}", "post", "Post", "test", f"LU{i}" if shipped else None, "en", when,
            when if paid else None, when if shipped else None,
            when if status in ("delivered", "partially_refunded") else None, 1)


def _a_store(connection) -> None:
    when = "2026-11-01 09:00:00"
    connection.execute("INSERT INTO tenancy_platforms (id, code, name, default_language, languages, theme, "
                       "created_at) VALUES (1, 'main', 'Main', 'en', '[\"en\"]', '{}', ?)", (when,))
    connection.execute("INSERT INTO tenancy_merchants (id, legal_name, street, postal_code, city, country, "
                       "created_at) VALUES (1, 'Acme', '1 Rue', 'L-1', 'Luxembourg', 'LU', ?)", (when,))
    connection.execute("INSERT INTO tenancy_stores (id, merchant_id, platform_id, code, name, status, "
                       "default_language, languages, currency, country, theme, created_at) "
                       "VALUES (1, 1, 1, 'acme', 'Acme', 'active', 'en', '[\"en\"]', 'EUR', 'LU', '{}', ?)", (when,))


def test_old_statuses_become_three(tmp_path):
    path = tmp_path / "old.db"
    url = f"sqlite:///{path}"
    before = flask("db", "upgrade", "orders_002", database_url=url)
    assert before.returncode == 0, before.stderr[-3000:]
    with sqlite3.connect(path) as connection:
        _a_store(connection)
        marks = ", ".join("?" * len(COLUMNS.split(", ")))
        connection.executemany(f"INSERT INTO orders_orders ({COLUMNS}) VALUES ({marks})",  # noqa: S608
                               [_old_row(i, status) for i, status in enumerate(OLD)])
        connection.executemany("INSERT INTO orders_lines (order_id, sku, title, quantity, unit_price, tax_rate, "
                               "line_total, store_id) VALUES (?, 'TEE', 'Tee', 2, '12.50', '17', '25.00', 1)",
                               [(i + 1,) for i in range(len(OLD))])
        connection.executemany("INSERT INTO orders_activities (order_id, kind, data, message, created_at, store_id) "
                               "VALUES (?, 'placed', '{}', '', '2026-11-01 10:00:00', 1)",
                               [(i + 1,) for i in range(len(OLD))])
    after = flask("db", "upgrade", database_url=url)
    assert after.returncode == 0, after.stderr[-3000:]
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT status, payment_status, fulfilment_status FROM orders_orders "
                                  "ORDER BY id").fetchall()
        shipped = connection.execute("SELECT o.id, l.fulfilled_quantity, f.tracking_number, fl.quantity "
                                     "FROM orders_orders o JOIN orders_lines l ON l.order_id = o.id "
                                     "LEFT JOIN orders_fulfilments f ON f.order_id = o.id "
                                     "LEFT JOIN orders_fulfilment_lines fl ON fl.fulfilment_id = f.id "
                                     "ORDER BY o.id").fetchall()
        timeline = connection.execute("SELECT count(*) FROM orders_activities").fetchone()[0]
    assert rows == EXPECTED
    assert timeline == len(OLD)  # the history stays with the orders
    assert [row[1:] for row in shipped] == [(0, None, None)] * 3 + [(2, f"LU{i}", 2) for i in (3, 4, 5, 6)] \
        + [(0, None, None)] * 2
