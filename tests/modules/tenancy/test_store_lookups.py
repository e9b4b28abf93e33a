"""Tenancy's store lookups: what other modules read about a store, instead of reading its table."""

import pytest

from webapp.extensions import db
from webapp.modules.tenancy.exceptions import TenancyError
from webapp.modules.tenancy.models import Store
from webapp.modules.tenancy.services import (
    StoreLanguages,
    add_member,
    add_store_domain,
    create_merchant,
    create_store,
    platform_id_of_store,
    set_store_status,
    store_codes,
    store_id_by_code,
    store_languages,
    store_names,
    stores_of_user,
)


def test_names_and_codes_of_several_stores_in_one_answer(demo, count_queries):
    with count_queries() as queries:
        names = store_names({demo.acme.id, demo.bistro.id, None})
    assert names == {demo.acme.id: demo.acme.name, demo.bistro.id: demo.bistro.name}
    assert len(queries) == 1
    assert store_codes([demo.acme.id]) == {demo.acme.id: "acme"}
    assert store_names([]) == {} and store_codes({None}) == {}


def test_platform_and_id_of_a_store(demo):
    assert platform_id_of_store(demo.acme.id) == demo.acme.platform_id
    assert platform_id_of_store(10**9) is None
    assert store_id_by_code("bistro") == demo.bistro.id
    assert store_id_by_code("nope") is None


def test_store_languages_come_from_the_directory_cache(demo, count_queries):
    store_languages(demo.bistro.id)  # first lookup fills the cache
    with count_queries() as queries:
        languages = store_languages(demo.bistro.id)
    assert languages == StoreLanguages("fr", ("fr", "en", "de"))
    assert queries == []
    with pytest.raises(TenancyError):
        store_languages(10**9)


def test_services_take_ids_a_job_would_have(demo):
    """Stores, domains, members and status by id: no loaded objects needed."""
    merchant = create_merchant("Corner Shop S.à r.l.", owner_id=demo.owner.id)
    store = create_store(demo.main.id, merchant.id, "corner", "Corner Shop", languages=("fr", "en"),
                         default_language="fr")
    add_member(store.id, demo.staff.id, "staff")
    add_store_domain(store.id, "Corner.Example.", verified=True)
    set_store_status(store.id, "suspended")
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(Store, store.id)
    assert (stored.platform_id, stored.merchant.owner_id, stored.status) == (demo.main.id, demo.owner.id, "suspended")
    assert [d.domain for d in stored.domains] == ["corner.example"]
    assert "corner" in [s.code for s in stores_of_user(demo.staff.id)]
    assert "corner" not in [s.code for s in stores_of_user(demo.bistro_owner.id)]
    assert store_languages(store.id) == StoreLanguages("fr", ("fr", "en"))
    with pytest.raises(TenancyError):
        set_store_status(store.id, "deleted")
