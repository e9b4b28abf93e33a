"""No query shape escapes the tenant scope: for every store-owned model, rows in two stores, and
every shape run in store A's scope returns, counts, updates and deletes nothing of store B."""

from __future__ import annotations

import importlib
import itertools
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Integer,
    Numeric,
    String,
    Text,
    delete,
    exists,
    func,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import aliased

import webapp
from webapp.extensions import db
from webapp.framework.scoping import StoreScoped, TenantScopeError, all_stores, store_scope, store_tables
from webapp.modules.tenancy.models import Store


def _store_models() -> list[type]:
    # Import every module's models so the registry knows each store-owned model before collection.
    for path in sorted((Path(webapp.__file__).parent / "modules").glob("*/models*")):
        importlib.import_module(f"webapp.modules.{path.parent.name}.{path.stem}")
    return sorted((m.class_ for m in db.Model.registry.mappers if issubclass(m.class_, StoreScoped)),
                  key=lambda cls: cls.__name__)


MODELS = _store_models()
# Values a column's type alone cannot give (CHECK constraints naming allowed words).
VALUES = {("inventory_movements", "reason"): "adjustment"}
_numbers = itertools.count(1)
ROWS_PER_STORE = {"CheckoutSettings": 1, "PaymentSettings": 1}  # one row per store by design


def make_row(model: type, store_id: int) -> StoreScoped:
    """A valid row of `model` in the store, with parents created in the same store."""
    values = {}
    for column in model.__table__.columns:
        if column.name == "store_id":
            values["store_id"] = store_id
        elif _generated_or_optional(column):
            continue
        elif column.foreign_keys:
            values[column.key] = _parent_id(next(iter(column.foreign_keys)).column.table, store_id)
        else:
            values[column.key] = VALUES.get((column.table.name, column.name)) or _value(column)
    row = model(**{_attribute(model, key): value for key, value in values.items()})
    db.session.add(row)
    db.session.flush()
    return row


def _generated_or_optional(column) -> bool:
    generated = column.primary_key and not column.foreign_keys and isinstance(column.type, Integer)
    return generated or column.nullable or column.default is not None or column.server_default is not None


def _attribute(model, key: str) -> str:
    return next(prop.key for prop in model.__mapper__.column_attrs if prop.columns[0].key == key)


def _parent_id(table, store_id: int) -> int:
    if table.name == Store.__tablename__:
        return store_id
    parent = next((m.class_ for m in db.Model.registry.mappers if m.local_table is table), None)
    if parent is not None and issubclass(parent, StoreScoped):
        return make_row(parent, store_id).id
    existing = db.session.scalar(select(table.c.id).limit(1))  # users, platforms: the demo has them
    assert existing is not None, f"no {table.name} row to point to"
    return existing


def _value(column):
    n = next(_numbers)
    kind = column.type
    if isinstance(kind, Boolean):
        return False
    if isinstance(kind, Numeric):
        return Decimal("1.00")
    if isinstance(kind, Integer):
        return n
    if isinstance(kind, DateTime):
        return datetime.now(UTC)
    if isinstance(kind, Date):
        return date.today()
    if isinstance(kind, JSON):
        return {}
    if isinstance(kind, String | Text):
        text = "".join("abcdefghijklmnopqrstuvwxyz"[int(d, 36) % 26] for d in _base36(n))  # unique, short
        return text[-(kind.length or 40):]
    raise AssertionError(f"make_row cannot fill {column.table.name}.{column.name} ({kind}); add it to VALUES")


def _base36(n: int) -> str:
    digits = ""
    while n:
        n, d = divmod(n, 26)
        digits = "0123456789abcdefghijklmnop"[d] + digits
    return digits or "0"


@pytest.fixture
def two_stores(demo):
    """For one model: (model, ids of store A's rows, ids of store B's rows)."""
    def build(model):
        rows = {}
        for store in (demo.acme, demo.bistro):
            with store_scope(store.id):
                rows[store.id] = {make_row(model, store.id).id for _ in range(ROWS_PER_STORE.get(model.__name__, 2))}
        db.session.commit()
        return rows[demo.acme.id], rows[demo.bistro.id]
    return build


def ids(statement) -> set[int]:
    return set(db.session.scalars(statement))


def test_every_store_owned_table_is_covered():
    assert {m.__table__ for m in MODELS} == {t for t in store_tables() if t.metadata is db.metadata}
    assert len(MODELS) >= 28


@pytest.fixture(params=MODELS, ids=lambda m: m.__name__)
def shapes(request, demo, two_stores):
    model = request.param
    mine, theirs = two_stores(model)
    return model, model.__table__, mine, theirs, demo.acme.id


def test_selects_of_every_shape_return_only_the_scoped_store(shapes):
    model, table, mine, theirs, store_id = shapes
    other = next(iter(theirs))
    alias, table_alias = aliased(model), table.alias()
    cte = select(model.id).cte()
    with store_scope(store_id):
        assert ids(select(model.id)) == mine
        assert {row.id for row in db.session.scalars(select(model))} == mine
        assert ids(select(table.c.id)) == mine
        assert ids(select(alias.id)) == mine
        assert ids(select(table_alias.c.id)) == mine
        assert ids(select(cte.c.id)) == mine
        assert ids(select(select(table.c.id).cte().c.id)) == mine
        assert ids(union_all(select(model.id), select(table.c.id))) == mine
        assert ids(select(model.id).where(model.id.in_(select(table.c.id)))) == mine
        assert db.session.get(model, other) is None


def test_counts_and_exists_see_only_the_scoped_store(shapes):
    model, table, mine, theirs, store_id = shapes
    other = next(iter(theirs))
    with store_scope(store_id):
        assert db.session.scalar(select(func.count()).select_from(select(model).subquery())) == len(mine)
        assert db.session.scalar(select(func.count()).select_from(select(table.c.id).subquery())) == len(mine)
        assert db.session.scalar(select(func.count()).select_from(table)) == len(mine)
        assert db.session.scalar(select(func.count(model.id))) == len(mine)
        assert db.session.scalar(select(select(func.count(model.id)).scalar_subquery())) == len(mine)
        assert db.session.scalar(select(exists().where(model.id == other))) is False
        assert db.session.scalar(select(exists().where(table.c.id == other))) is False
        assert db.session.scalar(select(exists(select(model.id).where(model.id == other)))) is False
        page = db.paginate(select(model).order_by(model.id), page=1, per_page=1, error_out=False)
        assert page.total == len(mine) and page.items[0].id in mine


def test_outer_joins_keep_every_store_and_only_the_scoped_rows(shapes):
    model, table, mine, _theirs, store_id = shapes
    stores = Store.__table__
    with store_scope(store_id):
        orm = db.session.execute(select(Store.id, model.id).outerjoin(model, model.store_id == Store.id)).all()
        core = db.session.execute(select(stores.c.id, table.c.id)
                                  .select_from(stores.outerjoin(table, table.c.store_id == stores.c.id))).all()
    for rows in (orm, core):
        assert {row_id for _store, row_id in rows if row_id is not None} == mine
        assert {store for store, _row in rows} >= {store_id, *[s for s, r in rows if r is None]}
        assert len({store for store, _row in rows}) >= 2  # the other store is kept, without its rows


def test_bulk_update_and_delete_leave_the_other_store_alone(shapes):
    model, table, mine, theirs, store_id = shapes
    with store_scope(store_id):
        assert db.session.execute(update(model).values(store_id=model.store_id)).rowcount == len(mine)
        assert db.session.execute(update(table).values(store_id=table.c.store_id)).rowcount == len(mine)
        assert db.session.execute(delete(table).where(table.c.id.in_(list(mine)))).rowcount == len(mine)
        assert db.session.execute(delete(model)).rowcount == 0
    db.session.commit()
    with all_stores(reason="test: what is left"):
        assert ids(select(model.id)) == theirs


def test_without_a_store_in_scope_every_shape_fails_loudly(shapes):
    model, table, *_ = shapes
    for statement in (select(model.id), select(table.c.id), select(func.count()).select_from(select(model).subquery()),
                      select(exists().where(table.c.id == 1)), update(table).values(store_id=table.c.store_id),
                      delete(model)):
        with pytest.raises(TenantScopeError):
            db.session.execute(statement)
        db.session.rollback()


def test_relationship_loads_are_scoped(demo, two_stores):
    from webapp.modules.catalog.models import Product, Variant
    _mine, theirs = two_stores(Variant)
    with all_stores(reason="test: load another store's product"):
        product = db.session.scalar(select(Product).join(Product.variants).where(Variant.id.in_(list(theirs))))
    with store_scope(demo.acme.id):
        assert product.variants == []
