"""PostgreSQL row-level security backs the ORM scoping: raw SQL sees only the store in scope."""

from __future__ import annotations

import pytest
from sqlalchemy import Column, Integer, Table, func, select, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from tests.fixtures.app import owner_engine
from webapp.extensions import db
from webapp.framework.scoping import StoreScoped, all_stores, store_scope, store_tables
from webapp.framework.scoping.model import STORE_TABLE
from webapp.modules.customers.models import Customer


@pytest.fixture
def app_role(postgres_required):
    """Skip unless the app connects as a role row security applies to (not an owner or superuser)."""
    exempt = db.session.scalar(text("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user"))
    owner = db.session.scalar(text("SELECT tableowner = current_user FROM pg_tables "
                                   "WHERE tablename = 'customers_customers'"))
    db.session.rollback()
    if exempt or owner:
        pytest.skip("needs TEST_DATABASE_URL as the app role and TEST_DATABASE_OWNER_URL as the owner")


def unsecured_store_tables(metadata) -> set[str]:
    """Store-owned tables of `metadata` that are missing or lack enabled, forced row security with a policy."""
    rows = db.session.execute(text(
        "SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity, count(p.policyname) FROM pg_class c "
        "LEFT JOIN pg_policies p ON p.tablename = c.relname WHERE c.relkind = 'r' GROUP BY 1, 2, 3")).all()
    secured = {name for name, enabled, forced, policies in rows if enabled and forced and policies}
    return {t.name for t in store_tables() if t.metadata is metadata} - secured


def test_every_store_owned_table_forces_a_policy(postgres_required):
    assert unsecured_store_tables(db.metadata) == set()


def test_a_store_owned_model_left_out_of_the_row_security_migrations_is_reported(postgres_required):
    class Base(DeclarativeBase):
        pass

    class PlantedNote(StoreScoped, Base):  # a new model whose migration forgot enable_row_security
        __tablename__ = "planted_notes"
        id: Mapped[int] = mapped_column(primary_key=True)

    Table(STORE_TABLE, Base.metadata, Column("id", Integer, primary_key=True))  # the FK's target, not created
    with owner_engine().begin() as connection:
        PlantedNote.__table__.create(connection)
    try:
        assert unsecured_store_tables(Base.metadata) == {"planted_notes"}
        assert unsecured_store_tables(db.metadata) == set()
    finally:
        db.session.rollback()
        with owner_engine().begin() as connection:
            PlantedNote.__table__.drop(connection)


def _customers(demo):
    for store in (demo.acme, demo.bistro):
        with store_scope(store.id):
            db.session.add(Customer(store_id=store.id, email=f"shopper@{store.code}.test", password_hash="x"))
            db.session.flush()
    db.session.commit()


def test_raw_sql_in_one_stores_scope_sees_none_of_the_other(app_role, demo):
    _customers(demo)
    sql = text("SELECT store_id, count(*) FROM customers_customers GROUP BY store_id")  # orion: raw-sql-ok the test
    with store_scope(demo.acme.id):
        assert dict(db.session.execute(sql).all()) == {demo.acme.id: 1}
        with store_scope(demo.bistro.id):  # a scope change inside the transaction
            assert dict(db.session.execute(sql).all()) == {demo.bistro.id: 1}
    db.session.rollback()
    assert db.session.execute(sql).all() == []  # no scope: no rows, not every store's
    with all_stores(reason="test: report over every store"):
        assert dict(db.session.execute(sql).all()) == {demo.acme.id: 1, demo.bistro.id: 1}
        assert db.session.scalar(select(func.count(Customer.id))) == 2


def test_raw_writes_into_another_store_are_refused(app_role, demo):
    _customers(demo)
    with store_scope(demo.acme.id):
        changed = db.session.execute(text("UPDATE customers_customers SET email = email"))  # orion: raw-sql-ok test
        assert changed.rowcount == 1
    db.session.rollback()
