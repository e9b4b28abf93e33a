"""`flask orion …`, `flask seed demo` and the production config guard; the module scaffold for real."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.fixtures.app import close_app
from webapp import create_app
from webapp.config import DEV_SECRET_KEY, ConfigError, check_config, load_config
from webapp.extensions import db
from webapp.framework.cli.scaffold import module_files
from webapp.modules.tenancy.models import User

REPO_ROOT = Path(__file__).resolve().parents[2]
TIERS = {
    "analytics": "optional", "billing": "core", "cart": "optional", "catalog": "optional",
    "checkout": "optional", "cms": "core", "contracts": "core", "core": "core", "customers": "core",
    "devtools": "internal", "inventory": "optional", "loyalty": "optional", "marketplace": "optional",
    "messaging": "core", "monitoring": "internal", "orders": "optional", "payments": "core", "tenancy": "core",
}


# ---- flask orion modules | check | routes ---------------------------------------------------

def test_modules_lists_every_module_with_its_tier(app, demo):
    result = app.test_cli_runner().invoke(args=["orion", "modules"])

    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "main" in lines[0] and "loyalty" in lines[0]  # one column per platform
    rows = {line.split()[0]: line.split()[1] for line in lines[2:] if line.strip() and len(line.split()) > 1}
    assert {code: rows.get(code) for code in TIERS} == TIERS
    assert len(TIERS) == 18
    assert "18 modules" in result.output


def test_check_passes(app):
    result = app.test_cli_runner().invoke(args=["orion", "check"])

    assert result.exit_code == 0, result.output
    assert "OK" in result.output


def test_routes_lists_the_platform_modules_page(app):
    result = app.test_cli_runner().invoke(args=["orion", "routes"])

    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if line.startswith("/admin/platforms/<code>/modules "))
    assert "tenancy" in line
    assert "admin" in line


# ---- production guard --------------------------------------------------------------------------

def production(**overrides) -> dict:
    settings = {"ORION_ENV": "production", "SECRET_KEY": "s" * 40, "DEBUG": False,
                "SQLALCHEMY_DATABASE_URI": "postgresql+psycopg://orion@db.internal:5432/orion",
                "APP_HOSTS": ["shop.example"]}
    return load_config({**settings, **overrides})


def test_check_config_accepts_a_safe_production_config():
    check_config(production())


@pytest.mark.parametrize(("overrides", "message"), [
    ({"SECRET_KEY": "short"}, "SECRET_KEY"),
    ({"SECRET_KEY": DEV_SECRET_KEY}, "SECRET_KEY"),
    ({"SECRET_KEY": ""}, "SECRET_KEY"),
    ({"SQLALCHEMY_DATABASE_URI": "sqlite:///instance/orion.db"}, "PostgreSQL"),
    ({"DEBUG": True}, "DEBUG"),
    ({"APP_HOSTS": []}, "APP_HOSTS"),
])
def test_check_config_refuses_unsafe_production_settings(overrides, message):
    with pytest.raises(ConfigError, match=message):
        check_config(production(**overrides))


def test_check_config_ignores_development():
    check_config(load_config({"ORION_ENV": "development", "SECRET_KEY": "short",
                              "SQLALCHEMY_DATABASE_URI": "sqlite:///x.db", "DEBUG": True}))


def test_seed_demo_refuses_in_production(app, tmp_path, monkeypatch):
    other = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-" + "x" * 32,
                        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'prod.db'}", "REDIS_URL": None,
                        "RATELIMIT_STORAGE_URI": "memory://"})
    monkeypatch.setitem(other.config, "ORION_ENV", "production")

    # The session app's context is active (autouse fixture): the command would run in it.
    with other.app_context():
        result = other.test_cli_runner().invoke(args=["seed", "demo"])
    close_app(other)

    assert result.exit_code != 0
    assert "Refusing to load demo data into a production installation" in result.output
    assert not (tmp_path / "prod.db").exists() or (tmp_path / "prod.db").stat().st_size == 0
    assert db.session.scalar(select(func.count()).select_from(User)) == 0  # nor into the session app's


# ---- flask orion new-module, for real in a copy of the repository ----------------------------

COPIED = ("webapp", "tests", "migrations", "translations", "pyproject.toml", "wsgi.py", "babel.cfg")


@pytest.fixture
def repo_copy(tmp_path):
    copy = tmp_path / "orion"
    copy.mkdir()
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache")
    for name in COPIED:
        source = REPO_ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name, ignore=ignore)
        else:
            shutil.copy2(source, copy / name)
    return copy


def run_in(copy: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(copy), "DATABASE_URL": f"sqlite:///{copy.parent / 'scaffold.db'}",
           "REDIS_URL": "", "ORION_ENV": "development"}
    for name in ("TEST_DATABASE_URL", "TEST_REDIS_URL", "FLASK_DEBUG"):  # the copy's tests use their own SQLite
        env.pop(name, None)
    return subprocess.run([sys.executable, *args], cwd=copy, env=env, capture_output=True, text=True,
                          timeout=120, check=False)


def findings_of(result: subprocess.CompletedProcess) -> set[str]:
    return {line for line in result.stdout.splitlines() if line.startswith("ORN")}


def test_new_module_passes_check_and_its_own_tests(repo_copy):
    before = run_in(repo_copy, "-m", "flask", "--app", "wsgi", "orion", "check")

    created = run_in(repo_copy, "-m", "flask", "--app", "wsgi", "orion", "new-module", "giftcards")
    assert created.returncode == 0, created.stderr[-3000:]
    folder = repo_copy / "webapp" / "modules" / "giftcards"
    assert {line.removeprefix("created ") for line in created.stdout.splitlines() if line.startswith("created ")} == {
        *(f"webapp/modules/giftcards/{path}" for path in module_files("giftcards")),
        "tests/modules/giftcards/__init__.py", "tests/modules/giftcards/test_giftcards_store_routes.py"}
    assert {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()} == set(module_files("giftcards"))
    assert not (REPO_ROOT / "webapp" / "modules" / "giftcards").exists()

    check = run_in(repo_copy, "-m", "flask", "--app", "wsgi", "orion", "check")
    # The new module adds no finding (the copy's other modules may still have theirs).
    assert findings_of(check) == findings_of(before), check.stdout[-3000:] + check.stderr[-3000:]
    assert "giftcards" not in check.stdout + check.stderr
    if before.returncode == 0:
        assert check.returncode == 0
        assert "OK: 19 modules" in check.stdout

    tests = run_in(repo_copy, "-m", "pytest", "-q", "tests/modules/giftcards", "-p", "no:cacheprovider")
    assert tests.returncode == 0, tests.stdout[-4000:] + tests.stderr[-2000:]
    assert "2 passed" in tests.stdout


@pytest.mark.parametrize(("code", "message"), [
    ("core", "already exists"),
    ("Bad-Code", "must be lowercase letters, digits or _"),
])
def test_new_module_refuses_cleanly(repo_copy, code, message):
    before = sorted(p.name for p in (repo_copy / "webapp" / "modules").iterdir())

    result = run_in(repo_copy, "-m", "flask", "--app", "wsgi", "orion", "new-module", code)

    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert sorted(p.name for p in (repo_copy / "webapp" / "modules").iterdir()) == before
