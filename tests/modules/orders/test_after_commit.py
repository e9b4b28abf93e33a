"""Work queued in the same transaction as an order is sent only after the commit.

create_order uses savepoints (counter, idempotency key); releasing one must not send the jobs
queued so far, or a job could run before the data it needs is committed.
"""

from __future__ import annotations

import importlib

from tests.modules.orders.conftest import order_data
from webapp.extensions import db
from webapp.framework.jobs import enqueue
from webapp.framework.scoping import store_scope
from webapp.modules.orders import services

# The module, not the function of the same name that the package exports.
enqueue_module = importlib.import_module("webapp.framework.jobs.enqueue")


def test_jobs_queued_before_an_order_wait_for_the_commit(demo, monkeypatch):
    sent = []
    monkeypatch.setattr(enqueue_module, "_send", lambda pending: sent.append(pending[1]))
    with store_scope(demo.acme.id):
        services.create_order(demo.acme.id, order_data(), platform_id=demo.main.id)  # a write first
        enqueue("tests.fixtures.sample_jobs:create_platform_job", "afterorder", title="after the order")
        services.create_order(demo.acme.id, order_data(idempotency_key="k"), platform_id=demo.main.id)
        assert sent == []
        db.session.commit()
    assert sent == [("afterorder",)]
