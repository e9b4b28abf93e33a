"""ORN010 fires on raw SQL naming a store-owned table, and honours the allow-list marker."""

from __future__ import annotations

from webapp.framework.checks import raw_sql

TABLES = {"catalog_products", "orders_orders"}


def findings(tmp_path, source: str) -> list[str]:
    package = tmp_path / "webapp"
    package.mkdir(exist_ok=True)
    (package / "report.py").write_text(source)
    return [str(f) for f in raw_sql.check(package, TABLES)]


def test_raw_sql_on_a_store_table_is_reported(tmp_path):
    found = findings(tmp_path, 'from sqlalchemy import text\nq = text("SELECT count(*) FROM catalog_products")\n')
    assert found == ["ORN010 webapp/report.py:2: raw SQL on the store-owned table catalog_products: use the "
                     "models (scoped), or add `# orion: raw-sql-ok <reason>`"]


def test_attribute_calls_and_f_strings_are_seen(tmp_path):
    source = 'import sqlalchemy as sa\nn = 1\nq = sa.text(f"DELETE FROM orders_orders WHERE id = {n}")\n'
    assert len(findings(tmp_path, source)) == 1


def test_an_allow_listed_use_with_a_reason_passes(tmp_path):
    source = ('from sqlalchemy import text\n# orion: raw-sql-ok nightly report reads every store (all_stores)\n'
              'q = text("SELECT count(*) FROM catalog_products")\n'
              'r = text("SELECT 1 FROM orders_orders")  # orion: raw-sql-ok row security limits it\n')
    assert findings(tmp_path, source) == []


def test_a_marker_without_reason_and_other_tables_are_judged_right(tmp_path):
    source = ('from sqlalchemy import text\nq = text("SELECT 1 FROM catalog_products")  # orion: raw-sql-ok\n'
              'h = text("SELECT 1")\nn = text("SELECT * FROM catalog_products_archive")\n')
    assert [f.split(":")[1] for f in findings(tmp_path, source)] == ["2"]
