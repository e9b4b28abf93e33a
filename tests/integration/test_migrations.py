"""Module-owned Alembic branches: the schema they build matches the models, from scratch too."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from webapp.extensions import db
from webapp.framework.migrations import version_locations

REPO_ROOT = Path(__file__).resolve().parents[2]


def flask(*args: str, database_url: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": "", "ORION_ENV": "development",
           "PYTHONPATH": str(REPO_ROOT)}
    env.pop("FLASK_DEBUG", None)
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def modules_with_models(app) -> list[str]:
    registry = app.extensions["orion.modules"]
    return [d.code for d in registry
            if (app.modules_path / d.code / "models.py").is_file() or (app.modules_path / d.code / "models").is_dir()]


def alembic_scripts(app) -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", app.config["MIGRATIONS_DIR"])
    config.set_main_option("path_separator", "os")
    config.set_main_option("version_locations", os.pathsep.join(version_locations(app)))
    return ScriptDirectory.from_config(config)


def test_migrated_schema_matches_the_models(app):
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"render_as_batch": True, "compare_type": True})
        differences = compare_metadata(context, db.metadata)

    assert differences == []


def test_upgrade_from_empty_sqlite_then_seed_twice(tmp_path):
    path = tmp_path / "fresh.db"
    url = f"sqlite:///{path}"

    upgrade = flask("db", "upgrade", database_url=url)
    assert upgrade.returncode == 0, upgrade.stderr[-3000:]
    with sqlite3.connect(path) as connection:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "tenancy_platforms" in tables
    assert "alembic_version" in tables

    first = flask("seed", "demo", database_url=url)
    assert first.returncode == 0, first.stderr[-3000:]
    assert "Demo data ready" in first.stdout
    users_after_first = count_rows(path, "tenancy_users")
    assert users_after_first >= 5

    second = flask("seed", "demo", database_url=url)
    assert second.returncode == 0, second.stderr[-3000:]
    assert count_rows(path, "tenancy_users") == users_after_first
    assert count_rows(path, "tenancy_platforms") == 2
    assert count_rows(path, "tenancy_stores") == 3  # acme, bistro and a store awaiting approval


def count_rows(path: Path, table: str) -> int:
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: S608 (fixed names)


def test_db_heads_lists_the_tenancy_branch(tmp_path):
    # A subprocess: Alembic prints to the sys.stdout it saw at import, which CliRunner cannot capture.
    result = flask("db", "heads", database_url=f"sqlite:///{tmp_path / 'heads.db'}")

    assert result.returncode == 0, result.stderr[-3000:]
    # Once other branches depend on it, tenancy is an "effective head" rather than a plain head.
    head_lines = [line for line in result.stdout.splitlines() if "head)" in line]
    assert any("(tenancy)" in line for line in head_lines), result.stdout


def test_every_module_with_models_owns_a_labelled_branch(app):
    scripts = alembic_scripts(app)
    revisions = list(scripts.walk_revisions())
    codes = modules_with_models(app)
    assert "tenancy" in codes

    for code in codes:
        branch = [r for r in revisions if code in (r.branch_labels or ())]  # Alembic passes labels down
        roots = [r for r in branch if r.down_revision is None]
        assert len(roots) == 1, f"module {code!r} needs one revision with branch_labels=({code!r},) starting it"
        folder = app.modules_path / code / "migrations" / "versions"
        assert all(Path(r.path).is_relative_to(folder) for r in branch), f"{code}'s revisions live in {folder}"
    assert set(version_locations(app)) == {str(app.modules_path / c / "migrations" / "versions") for c in codes}
