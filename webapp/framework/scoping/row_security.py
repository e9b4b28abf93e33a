"""PostgreSQL row-level security: the policy DDL the migrations run, and the per-transaction scope.

Each store-owned table admits a row only when `orion.all_stores` is `on` or its `store_id`
equals `orion.store_id`. Both settings are set with `set_config(..., true)` (SET LOCAL: they end
with the transaction) just before a statement that needs other values than the connection holds,
so a transaction pays one extra round trip per change of scope, not one per statement.
"""

from __future__ import annotations

from contextvars import ContextVar

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import Pool

from webapp.framework.scoping.context import _all_stores, _current_store_id
from webapp.framework.scoping.model import StoreScoped

POLICY = "orion_store_isolation"
_RULE = ("current_setting('orion.all_stores', true) = 'on' "
         "OR store_id = nullif(current_setting('orion.store_id', true), '')::int")
_SET = "SELECT set_config('orion.store_id', %s, true), set_config('orion.all_stores', %s, true)"
_STATE = "orion.row_scope"
_ALL = ("", "on")
_TRANSACTION_CONTROL = ("SAVEPOINT", "ROLLBACK", "RELEASE", "COMMIT", "BEGIN")
# The rows a flush writes name their store; None outside flushes.
_flush_scope: ContextVar[tuple[str, str] | None] = ContextVar("orion_flush_scope", default=None)


def enable_row_security(op, *tables: str) -> None:
    """Migrations: force the store policy on `tables` (no-op where the database has no RLS)."""
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY {POLICY} ON {table} USING ({_RULE}) WITH CHECK ({_RULE})")


def disable_row_security(op, *tables: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table in tables:
        op.execute(f"DROP POLICY IF EXISTS {POLICY} ON {table}")
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")


def grant_app_role(connection, role: str) -> None:
    """After migrating as the owner: the app's role may read and write rows, never change the schema."""
    quoted = connection.dialect.identifier_preparer.quote(role)
    for statement in (f"GRANT USAGE ON SCHEMA public TO {quoted}",
                      f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {quoted}",
                      f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {quoted}"):
        connection.exec_driver_sql(statement)


def _wanted(options) -> tuple[str, str]:
    flushing = _flush_scope.get()
    if flushing is not None:
        return flushing
    if options.get("all_stores") or options.get("orion_identity_load") or _all_stores.get() is not None:
        return _ALL
    store_id = _current_store_id.get()
    return ("" if store_id is None else str(store_id)), "off"


@event.listens_for(Engine, "before_cursor_execute")
def _sync_scope(conn, cursor, statement, parameters, context, executemany) -> None:
    if conn.dialect.name != "postgresql" or statement.startswith(_TRANSACTION_CONTROL):
        # ROLLBACK TO SAVEPOINT runs in an aborted transaction, where set_config would fail.
        return
    wanted = _wanted(context.execution_options if context is not None else {})
    if conn.info.get(_STATE) != wanted:
        with cursor.connection.cursor() as setter:
            setter.execute(_SET, wanted)
        conn.info[_STATE] = wanted


def _forget(conn, *args) -> None:
    # The settings ended with the transaction (or savepoint): set them again on the next statement.
    conn.info.pop(_STATE, None)


for _name in ("commit", "rollback", "rollback_savepoint"):
    event.listen(Engine, _name, _forget)


@event.listens_for(Pool, "checkin")
def _forget_on_checkin(dbapi_connection, record) -> None:
    if record is not None:
        record.info.pop(_STATE, None)


@event.listens_for(Session, "before_flush")
def _scope_flush(session, flush_context, instances) -> None:
    stores = {obj.store_id for group in (session.new, session.dirty, session.deleted)
              for obj in group if isinstance(obj, StoreScoped)} - {None}
    if len(stores) == 1:
        _flush_scope.set((str(stores.pop()), "off"))
    elif len(stores) > 1 and _current_store_id.get() is None:
        # Each row names its own store; a flush of several stores' rows (seeding) writes them all.
        _flush_scope.set(_ALL)


@event.listens_for(Session, "after_flush_postexec")
@event.listens_for(Session, "after_soft_rollback")
def _end_flush(session, *args) -> None:
    _flush_scope.set(None)
