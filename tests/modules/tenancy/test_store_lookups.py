"""Tenancy's store lookups: what other modules read about a store, instead of reading its table."""

from webapp.modules.tenancy.services import platform_id_of_store, store_codes, store_id_by_code, store_names


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
