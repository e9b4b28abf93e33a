"""Invoice numbers under concurrency (PostgreSQL): 50 concurrent generations, consecutive, no gap, no
duplicate; a rolled-back invoice gives its number back."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from webapp.extensions import db
from webapp.modules.billing.models import Invoice
from webapp.modules.billing.services import LineDraft, issue_invoice

THREADS = 50


def test_a_rolled_back_invoice_gives_its_number_back(app, demo, tiers):
    with app.test_request_context():
        line = [LineDraft("Plan", 7900, 7900)]
        issue_invoice(demo.main.id, demo.acme.merchant_id, line, key="rollback:1")
        db.session.rollback()
        invoice = issue_invoice(demo.main.id, demo.acme.merchant_id, line, key="rollback:2")
        db.session.commit()
        assert invoice.number.endswith("-000001")


@pytest.mark.usefixtures("postgres_required")
def test_fifty_concurrent_generations_get_consecutive_numbers(app, demo, tiers):
    platform_id, merchant_id = demo.main.id, demo.acme.merchant_id
    barrier = threading.Barrier(THREADS)
    numbers, errors, lock = [], [], threading.Lock()

    def generate(index: int) -> None:
        with app.test_request_context():
            try:
                barrier.wait(timeout=30)
                invoice = issue_invoice(platform_id, merchant_id, [LineDraft("Plan", 7900, 7900)],
                                        key=f"concurrent:{index}")
                number = invoice.number
                db.session.commit()
                with lock:
                    numbers.append(number)
            except Exception as error:  # any failure is reported by the assertion below
                db.session.rollback()
                with lock:
                    errors.append(repr(error))
            finally:
                db.session.remove()

    threads = [threading.Thread(target=generate, args=(n,)) for n in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "an invoice generation hung"
    assert errors == []
    year = numbers[0].split("-")[0]
    assert sorted(numbers) == [f"{year}-{n:06d}" for n in range(1, THREADS + 1)]
    with app.app_context():
        stored = list(db.session.scalars(select(Invoice.number).where(Invoice.platform_id == platform_id)))
        assert sorted(stored) == sorted(numbers)
