"""One module shape: the Files table of docs/MODULES.md, ORN002's allowed names and what
`flask orion new-module` writes agree file for file, and the scaffolded module passes the rules."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

from webapp.framework.checks import conventions, imports, lookups, raw_sql, shape
from webapp.framework.checks.shape import ALLOWED_NAMES, MODULE_SHAPE
from webapp.framework.cli.scaffold import ScaffoldError, create_module, module_files
from webapp.framework.registry.registry import ModuleRegistry

DOCS = Path(__file__).resolve().parents[2] / "docs" / "MODULES.md"


def files_table() -> list[tuple[list[str], str, list[str]]]:
    """(names, holds, what new-module writes) per row of the Files table."""
    section = DOCS.read_text().split("## Files\n", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    table = []
    for row in rows:
        name, holds, writes = (cell.strip() for cell in row.strip("|").split(" | "))
        table.append((re.findall(r"`([^`]+)`", name), holds, re.findall(r"`([^`]+)`", writes)))
    return table


def test_the_files_table_lists_exactly_the_allowed_names_one_row_per_kind():
    table = files_table()
    assert [tuple(names) for names, _holds, _writes in table] == list(MODULE_SHAPE)
    assert {name for names, _h, _w in table for name in names} == ALLOWED_NAMES
    assert all(holds for _n, holds, _w in table)


def test_the_scaffold_writes_exactly_what_the_files_table_says(tmp_path):
    documented = {path.replace("<code>", "giftcards") for _n, _h, writes in files_table() for path in writes}

    created = create_module(tmp_path, "giftcards", "Gift Cards")

    folder = tmp_path / "webapp" / "modules" / "giftcards"
    written = {str(p.relative_to(folder)) for p in created if folder in p.parents}
    assert written == documented == set(module_files("giftcards"))
    assert {str(p.relative_to(tmp_path)) for p in created if folder not in p.parents} == {
        "tests/modules/giftcards/__init__.py", "tests/modules/giftcards/test_giftcards_store_routes.py"}
    on_disk = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
    assert on_disk == documented
    for names, _h, writes in files_table():  # each written path sits under its row's name
        assert all(any(path == n or path.startswith(n) for n in names) for path in writes), names


def test_the_scaffolded_module_passes_every_file_rule(tmp_path):
    create_module(tmp_path, "giftcards", "Gift Cards")
    root = tmp_path / "webapp"
    definition = runpy.run_path(str(root / "modules" / "giftcards" / "definition.py"))["module"]
    definition.validate()
    registry = ModuleRegistry([definition])

    found = [*shape.check(root / "modules", registry), *imports.check(root, registry),
             *raw_sql.check(root, {"giftcards_cards"}), *lookups.check(root, registry),
             *conventions.check(root, registry)]

    assert found == []


def test_a_stray_file_next_to_the_scaffolded_module_is_what_orn002_reports(tmp_path):
    create_module(tmp_path, "giftcards", "Gift Cards")
    root = tmp_path / "webapp"
    (root / "modules" / "giftcards" / "helpers.py").write_text("")
    definition = runpy.run_path(str(root / "modules" / "giftcards" / "definition.py"))["module"]

    found = shape.check(root / "modules", ModuleRegistry([definition]))

    assert [(f.rule, f.where) for f in found] == [("ORN002", "webapp/modules/giftcards/helpers.py")]


@pytest.mark.parametrize("code", ["Gift", "gift-cards", "1gift"])
def test_the_scaffold_refuses_bad_codes(tmp_path, code):
    with pytest.raises(ScaffoldError, match="must be lowercase"):
        create_module(tmp_path, code, "Gift")
    assert not (tmp_path / "webapp").exists()
