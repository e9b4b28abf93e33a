"""Scope every statement the Session executes to the store in scope, whatever its shape.

Two parts, because SQLAlchemy builds ORM and Core statements differently:
- ORM entities (`select(Product)`, `aliased(Product)`, ORM joins, entities inside subqueries,
  CTEs, unions and `exists()`, ORM bulk UPDATE/DELETE, relationship loads) get
  `with_loader_criteria`, which the ORM compiles into each SELECT, and into the ON clause of an
  outer-joined entity.
- Plain tables and their aliases (`Product.__table__`, Core `update(table)`) are invisible to
  loader criteria, so each SELECT/UPDATE/DELETE naming one gets `store_id = :store` added: in the
  ON clause of its join, in the WHERE clause when it is a plain FROM or the kept side of an outer join.
Which of the two a statement needs is found by walking it once per statement shape (cached).
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Integer, and_, bindparam, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql import visitors
from sqlalchemy.sql.selectable import Alias, FromClause, Join

from webapp.framework.scoping.context import _all_stores, _current_store_id, audit
from webapp.framework.scoping.model import StoreScoped, TenantScopeError, is_store_table

_NO_SCOPE = ("statement on store-owned rows without a store in scope; use store_scope(), "
             "all_stores(reason=...) or .execution_options(all_stores='reason') for cross-store code")


@event.listens_for(Session, "do_orm_execute")
def _scope_statement(state: ORMExecuteState) -> None:
    if not (state.is_select or state.is_update or state.is_delete):
        return
    store_id = _current_store_id.get()
    if state.is_column_load or state.is_relationship_load:
        # Keyed by the identity or foreign key of a row already admitted; scoped when a store is.
        if store_id is None or state.is_column_load:
            # A refresh of a loaded object by its primary key: row security lets it through too.
            state.update_execution_options(orion_identity_load=True)
        elif state.is_relationship_load:
            state.statement = state.statement.options(_criteria(store_id))
        return
    reason = state.execution_options.get("all_stores")
    if reason:
        if isinstance(reason, str):
            audit(reason, depth=7)
        return
    if _all_stores.get() is not None or _already_scoped(state.statement):
        return
    orm, core = _tenant_references(state.statement)
    if not (orm or core):
        return
    if store_id is None:
        raise TenantScopeError(_NO_SCOPE)
    statement = state.statement
    if core:
        statement = scope_core_statement(statement, store_id)
    if orm:
        statement = statement.options(_criteria(store_id))
    state.statement = statement


def _already_scoped(statement) -> bool:
    # The ORM re-executes a statement it derived from a scoped one (UPDATE ... synchronize "fetch").
    return any(getattr(option, "root_entity", None) is StoreScoped for option in statement._with_options)


@lru_cache(maxsize=4096)
def _criteria(store_id: int):
    # One option per store: building it costs more than the lookup, and its lambda is cached by shape.
    return with_loader_criteria(StoreScoped, lambda cls: cls.store_id == store_id, include_aliases=True)


def _tenant_references(statement) -> tuple[bool, bool]:
    """(names an ORM entity of a store-owned model, names a store-owned table as plain Core)."""
    try:
        key = statement._generate_cache_key()
    except AttributeError:  # text() and other statements without a cache key
        key = None
    if key is None:
        return _walk(statement)
    cached = _shapes.get(key.key)
    if cached is None:
        cached = _shapes[key.key] = _walk(statement)
        if len(_shapes) > 8192:
            _shapes.clear()
    return cached


_shapes: dict = {}


def _walk(statement) -> tuple[bool, bool]:
    orm = core = False
    for element in visitors.iterate(statement):
        name = element.__visit_name__
        if name == "select":
            kinds = {_kind(item) for item in _froms(element)}
            if element._propagate_attrs.get("compile_state_plugin") == "orm":
                kinds.update(k for k in map(_kind, element.columns_clause_froms) if k == "orm")
            for target, *_ in element._setup_joins:
                kinds.add(_join_target_kind(target))
            orm = orm or "orm" in kinds
            core = core or "core" in kinds
        elif name in ("update", "delete"):
            kind = _kind(element.table)
            orm, core = orm or kind == "orm", core or kind == "core"
        elif not orm:
            entity = element._annotations.get("parententity") if hasattr(element, "_annotations") else None
            orm = entity is not None and issubclass(entity.mapper.class_, StoreScoped)
    return orm, core


def _join_target_kind(target) -> str | None:
    """An ORM join's target: an entity, an alias of one, a relationship (Store.products) or a table."""
    if isinstance(target, FromClause):
        if _kind(target) == "core":
            raise TenantScopeError(f"cannot scope an ORM join to the table {target.name}; "
                                   "join the mapped class instead")
        return _kind(target)
    info = inspect(target, raiseerr=False)
    prop = getattr(info, "property", None)
    mapper = prop.mapper if prop is not None and hasattr(prop, "mapper") else getattr(info, "mapper", None)
    return "orm" if mapper is not None and issubclass(mapper.class_, StoreScoped) else None


def _kind(item) -> str | None:
    """"orm" for a store-owned entity, "core" for a plain store-owned table or alias, else None."""
    if isinstance(item, Join):
        kinds = {_kind(item.left), _kind(item.right)}
        return "core" if "core" in kinds else ("orm" if "orm" in kinds else None)
    if not isinstance(item, FromClause):
        item = getattr(item, "table", None)
        if item is None:
            return None
    if not is_store_table(_base(item)):
        return None
    return "orm" if "parententity" in item._annotations else "core"


def scope_core_statement(statement, store_id: int):
    """A copy of `statement` where every plain store-owned table is limited to `store_id`."""
    store = bindparam("orion_store_id", store_id, type_=Integer, unique=True)

    def criterion(table):
        return table.c.store_id == store

    def scope_select(select) -> None:
        where = []
        covered: set = set()
        froms = _froms(select)
        for item in froms:
            if isinstance(item, Join):
                _scope_join(item, criterion, where, covered)
        for item in froms:
            if item not in covered and _is_plain_store_table(item):
                covered.add(item)
                where.append(criterion(item))
        if where:
            select._where_criteria += tuple(where)

    def scope_dml(dml) -> None:
        if _is_plain_store_table(dml.table):
            dml._where_criteria += (criterion(dml.table),)

    return visitors.cloned_traverse(statement, {}, {"select": scope_select, "update": scope_dml,
                                                   "delete": scope_dml})


def _scope_join(join: Join, criterion, where: list, covered: set) -> None:
    """Criteria of an inner join and of an outer join's optional side go in ON; a kept side in WHERE."""
    extra = []
    for side, kept in ((join.left, join.isouter or join.full), (join.right, join.full)):
        if isinstance(side, Join):
            _scope_join(side, criterion, where, covered)
        elif _is_plain_store_table(side):
            covered.add(side)
            (where if kept else extra).append(criterion(side))
    if extra:
        join.onclause = and_(join.onclause, *extra)


def _froms(select):
    if select._propagate_attrs.get("compile_state_plugin") == "orm":
        # Its entities are the ORM's business; only the plain tables it names matter here.
        return (*select._from_obj, *(t for c in select._raw_columns for t in _plain_tables_of(c)))
    return select.get_final_froms()  # also the tables only named in WHERE: exists().where(...)


def _plain_tables_of(column):
    """Tables of the plain (not ORM-annotated) columns in a column expression, not looking into subqueries."""
    if isinstance(column, FromClause):
        yield column
        return
    stack = [column]
    while stack:
        element = stack.pop()
        if element.__visit_name__ in _SUBQUERIES:
            continue
        table = getattr(element, "table", None)
        if table is not None and not element._annotations and isinstance(table, FromClause):
            yield table
        stack.extend(element.get_children())


_SUBQUERIES = frozenset({"select", "compound_select", "scalar_select", "exists", "subquery", "cte", "lateral"})


def _base(table):
    table = table._deannotate() if table._annotations else table
    return table.element if isinstance(table, Alias) else table


def _is_plain_store_table(item) -> bool:
    return not item._annotations and is_store_table(_base(item))
