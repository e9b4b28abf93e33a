"""The customer list as CSV, safe to open in a spreadsheet (the dashboard download, a job to come)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from webapp.framework.scoping import store_scope
from webapp.modules.customers.models import Customer
from webapp.modules.customers.services.listing import customers_for_export

HEADER = ("email", "first_name", "last_name", "phone", "accepts_marketing", "orders_count", "total_spent",
          "last_order_at", "created_at")
# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: object) -> str:
    """The cell as text; a leading apostrophe keeps spreadsheets from running it as a formula."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.isoformat(timespec="seconds")
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _row(customer: Customer) -> list[str]:
    values = (customer.email, customer.first_name, customer.last_name, customer.phone,
              "yes" if customer.accepts_marketing else "no", customer.orders_count, customer.total_spent,
              customer.last_order_at, customer.created_at)
    return [escape_cell(value) for value in values]


def customers_csv(customers: Iterable[Customer]) -> str:
    """A header line, then one line per customer."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(HEADER)
    for customer in customers:
        writer.writerow(_row(customer))
    return buffer.getvalue()


def export_customers_csv(store_id: int, term: str = "", segment: str = "all") -> str:
    """The store's customers matching `term` in `segment`, as CSV text."""
    with store_scope(store_id):
        return customers_csv(customers_for_export(store_id, term, segment))
