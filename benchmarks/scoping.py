"""Cost of tenant scoping per statement: the same statements executed in a store's scope and
(baseline, same run) with the scope lifted, on a SQLite copy of the demo data.

    .venv/bin/python benchmarks/scoping.py [rounds]

The last line is the key figure: extra microseconds per scoped statement.
"""

from __future__ import annotations

import sys
import tempfile
import time

from flask_migrate import upgrade
from sqlalchemy import and_, func, select

from webapp import create_app
from webapp.extensions import db
from webapp.framework.scoping import all_stores, store_scope


def statements(models, store_id: int):
    # The store filter is written out in both runs, so both send the same SQL plan to the database
    # and the difference is the scoping work itself.
    product, variant = models
    table = product.__table__
    return [
        select(product).where(product.store_id == store_id, product.status == "active").order_by(product.id).limit(20),
        select(func.count()).select_from(select(product).where(product.store_id == store_id).subquery()),
        select(product.id, func.count(variant.id))
        .outerjoin(variant, and_(variant.product_id == product.id, variant.store_id == store_id))
        .where(product.store_id == store_id).group_by(product.id).limit(20),
        select(func.count()).select_from(table).where(table.c.store_id == store_id),
    ]


SHAPES = ("ORM select", "count of a subquery", "ORM outer join", "Core select on the table")


def run(rounds: int, store_id: int, models, only: int | None = None) -> float:
    count = 0
    started = time.perf_counter()
    for _ in range(rounds):
        for index, statement in enumerate(statements(models, store_id)):
            if only is None or index == only:
                db.session.execute(statement).all()
                count += 1
    return (time.perf_counter() - started) / count * 1e6


def per_shape(rounds: int, store_id: int, models) -> None:
    for index, shape in enumerate(SHAPES):
        with all_stores(reason="benchmark baseline"):
            baseline = run(rounds, store_id, models, only=index)
        with store_scope(store_id):
            scoped = run(rounds, store_id, models, only=index)
        print(f"  {shape:<26} {baseline:7.1f} -> {scoped:7.1f} us ({scoped - baseline:+.1f})")


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    folder = tempfile.mkdtemp(prefix="orion-bench-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder}/bench.db", "SLOW_QUERY_MS": 0,
                      "VERSIONS_DIR": folder, "MEDIA_ROOT": folder, "SESSION_FILE_DIR": folder})
    with app.app_context():
        upgrade(revision="heads")
        from webapp.modules.catalog.demo import seed as seed_catalog
        from webapp.modules.catalog.models import Product, Variant
        from webapp.modules.tenancy.demo import seed as seed_tenants
        from webapp.modules.tenancy.models import Store

        seed_tenants()
        seed_catalog()
        db.session.commit()
        store_id = db.session.scalar(select(Store.id).where(Store.code == "acme"))
        models = (Product, Variant)
        with all_stores(reason="benchmark warm-up"):
            run(20, store_id, models)
        with store_scope(store_id):
            run(20, store_id, models)
        print("per shape (unscoped -> scoped):")
        per_shape(rounds // 2, store_id, models)
        with all_stores(reason="benchmark baseline"):
            baseline = run(rounds, store_id, models)
        with store_scope(store_id):
            scoped = run(rounds, store_id, models)
    print(f"unscoped baseline: {baseline:.1f} us/statement")
    print(f"scoped:            {scoped:.1f} us/statement")
    print(f"scoping cost: {scoped - baseline:+.1f} us per statement ({(scoped / baseline - 1) * 100:+.0f}%)")


if __name__ == "__main__":
    main()
