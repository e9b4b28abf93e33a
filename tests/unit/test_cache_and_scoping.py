"""The generation cache shared by processes, and tenant scoping of store-owned rows."""

from __future__ import annotations

import fakeredis
import pytest
from sqlalchemy import String, create_engine, delete, func, select, update
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from webapp.framework.caching import FileVersions, GenerationCache, RedisVersions
from webapp.framework.scoping import StoreScoped, TenantScopeError, scoped_store_id, store_scope

# --- GenerationCache ---------------------------------------------------------------------------


class Loader:
    def __init__(self, value="value"):
        self.value = value
        self.calls = 0

    def __call__(self):
        self.calls += 1
        return self.value


@pytest.fixture(params=["files", "redis"])
def shared_versions(request, tmp_path):
    """What two processes share: a folder of token files, or one Redis server."""
    if request.param == "files":
        return lambda: FileVersions(tmp_path / "versions")
    server = fakeredis.FakeServer()
    return lambda: RedisVersions(fakeredis.FakeStrictRedis(server=server))


@pytest.fixture
def cache(shared_versions):
    return GenerationCache("test", shared_versions())


def test_the_loader_runs_once_per_key(cache):
    loader = Loader()
    assert [cache.get("k", loader) for _ in range(3)] == ["value"] * 3
    assert loader.calls == 1
    assert len(cache) == 1


def test_keys_are_cached_separately(cache):
    assert cache.get("a", Loader("A")) == "A"
    assert cache.get("b", Loader("B")) == "B"
    assert cache.get("a", Loader("other")) == "A"


def test_misses_are_cached_too(cache):
    loader = Loader(None)
    cache.get("unknown.example", loader)
    cache.get("unknown.example", loader)
    assert loader.calls == 1


def test_invalidate_drops_every_entry(cache):
    loader = Loader()
    cache.get("k", loader)
    cache.invalidate()
    assert len(cache) == 0
    cache.get("k", loader)
    assert loader.calls == 2


def test_an_expired_entry_is_loaded_again(shared_versions):
    cache = GenerationCache("test", shared_versions(), ttl=0)  # expires as soon as it is stored
    loader = Loader()
    cache.get("k", loader)
    cache.get("k", loader)
    assert loader.calls == 2


def test_sync_keeps_entries_while_nothing_changed(cache):
    loader = Loader()
    cache.sync()  # the first sync of a new cache adopts the current generation
    cache.get("k", loader)
    cache.sync()
    cache.get("k", loader)
    assert loader.calls == 1


def test_a_second_process_sees_the_invalidation_on_sync(shared_versions):
    mine = GenerationCache("tenancy", shared_versions())
    theirs = GenerationCache("tenancy", shared_versions())
    loader = Loader()
    mine.sync()
    mine.get("k", loader)
    theirs.invalidate()

    mine.get("k", loader)
    assert loader.calls == 1  # still cached until this process looks at the generation
    mine.sync()
    assert len(mine) == 0
    mine.get("k", loader)
    assert loader.calls == 2
    mine.sync()  # no further invalidation: entries survive
    assert len(mine) == 1


def test_caches_of_different_names_do_not_share_generations(shared_versions):
    tenancy = GenerationCache("tenancy", shared_versions())
    other = GenerationCache("other", shared_versions())
    loader = Loader()
    tenancy.sync()
    tenancy.get("k", loader)
    other.invalidate()
    tenancy.sync()
    assert len(tenancy) == 1


def test_version_names_are_checked(shared_versions):
    with pytest.raises(ValueError):
        shared_versions().bump("../escape")


# --- scoping -----------------------------------------------------------------------------------


class Base(DeclarativeBase):
    pass


class FakeStore(Base):
    __tablename__ = "tenancy_stores"  # the table StoreScoped's foreign key points to
    id: Mapped[int] = mapped_column(primary_key=True)


class Note(StoreScoped, Base):
    __tablename__ = "test_scoping_notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(40))


@pytest.fixture
def session():
    engine = create_engine("sqlite://")
    Base.metadata.create_all(engine)
    with Session(engine) as session:
        session.add_all([FakeStore(id=1), FakeStore(id=2)])
        session.add_all([Note(store_id=1, text="a1"), Note(store_id=1, text="b1"), Note(store_id=2, text="a2")])
        session.commit()
        yield session
    engine.dispose()


def texts(rows) -> list[str]:
    return sorted(note.text for note in rows)


def test_a_query_without_a_store_in_scope_fails_loudly(session):
    assert scoped_store_id() is None
    with pytest.raises(TenantScopeError, match="without a store in scope"):
        session.scalars(select(Note)).all()


def test_only_the_scoped_store_rows_come_back(session):
    with store_scope(1):
        assert scoped_store_id() == 1
        assert texts(session.scalars(select(Note))) == ["a1", "b1"]
    with store_scope(2):
        assert texts(session.scalars(select(Note).where(Note.text.like("a%")))) == ["a2"]


def test_column_and_aggregate_queries_are_scoped(session):
    with store_scope(2):
        assert session.scalar(select(func.count(Note.id))) == 1
        assert session.scalars(select(Note.text)).all() == ["a2"]


def test_get_by_primary_key_of_another_store_finds_nothing(session):
    other_id = session.execute(select(Note.id).execution_options(all_stores=True)
                               .where(Note.store_id == 2)).scalar_one()
    session.expunge_all()
    with store_scope(1):
        assert session.get(Note, other_id) is None


def test_all_stores_is_an_explicit_opt_out(session):
    rows = session.scalars(select(Note).execution_options(all_stores=True)).all()
    assert texts(rows) == ["a1", "a2", "b1"]


def test_the_scope_ends_with_its_block(session):
    with store_scope(1):
        pass
    assert scoped_store_id() is None
    with pytest.raises(TenantScopeError):
        session.scalars(select(Note)).all()


def test_tables_that_are_not_store_owned_are_not_scoped(session):
    assert session.scalar(select(func.count(FakeStore.id))) == 2


def test_bulk_update_touches_only_the_scoped_store(session):
    with store_scope(1):
        session.execute(update(Note).values(text="changed"))
    session.commit()
    rows = session.scalars(select(Note).execution_options(all_stores=True).order_by(Note.store_id)).all()
    assert [(n.store_id, n.text) for n in rows] == [(1, "changed"), (1, "changed"), (2, "a2")]


def test_bulk_delete_touches_only_the_scoped_store(session):
    with store_scope(2):
        session.execute(delete(Note))
    session.commit()
    assert texts(session.scalars(select(Note).execution_options(all_stores=True))) == ["a1", "b1"]


def test_bulk_delete_without_a_store_in_scope_fails_loudly(session):
    with pytest.raises(TenantScopeError):
        session.execute(delete(Note))
    session.rollback()
    assert session.scalar(select(func.count(Note.id)).execution_options(all_stores=True)) == 3
