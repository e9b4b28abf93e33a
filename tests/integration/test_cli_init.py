"""`flask orion init` and `flask orion create-user` on a fresh database, as a real install runs them."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, insert, select

from tests.fixtures.app import close_app
from webapp import create_app
from webapp.extensions import db
from webapp.modules.tenancy.models import Platform, User

REPO_ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "correct-horse-battery-staple"
INSTALL_ENV = {"ORION_PLATFORM_CODE": "main", "ORION_PLATFORM_NAME": "Shop Example",
               "ORION_PLATFORM_DOMAIN": "shop.example", "ORION_PLATFORM_LANGUAGES": "en,fr",
               "ORION_ADMIN_EMAIL": "Ops@Shop.example", "ORION_ADMIN_NAME": "Olive Ops",
               "ORION_ADMIN_PASSWORD": PASSWORD}


def flask(*args: str, database: Path, **env: str) -> subprocess.CompletedProcess:
    clean = {key: value for key, value in os.environ.items() if not key.startswith("ORION_")}
    full = {**clean, "DATABASE_URL": f"sqlite:///{database}", "REDIS_URL": "", "ORION_ENV": "development",
            "PYTHONPATH": str(REPO_ROOT), **env}
    full.pop("FLASK_DEBUG", None)
    # stdin is not a terminal, as under docker or a script: the commands never prompt.
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=REPO_ROOT, env=full,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=180, check=False)


def rows(database: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchall()


@pytest.fixture(scope="module")
def migrated(tmp_path_factory) -> Path:
    """An empty, migrated SQLite database (copied per test: migrating takes a while)."""
    path = tmp_path_factory.mktemp("install") / "template.db"
    upgrade = flask("db", "upgrade", database=path)
    assert upgrade.returncode == 0, upgrade.stderr[-3000:]
    return path


@pytest.fixture
def fresh(migrated, tmp_path) -> Path:
    path = tmp_path / "orion.db"
    path.write_bytes(migrated.read_bytes())
    return path


def test_init_from_the_environment_gives_a_working_sign_in(fresh, tmp_path):
    result = flask("orion", "init", database=fresh, **INSTALL_ENV)

    assert result.returncode == 0, result.stderr[-3000:]
    assert "Platform main: created." in result.stdout
    assert "Super admin ops@shop.example: created." in result.stdout
    assert rows(fresh, "SELECT code, name, domain, languages, default_language FROM tenancy_platforms") == [
        ("main", "Shop Example", "shop.example", '["en", "fr"]', "en")]
    assert rows(fresh, "SELECT email, name, platform_role FROM tenancy_users") == [
        ("ops@shop.example", "Olive Ops", "super_admin")]
    assert rows(fresh, "SELECT count(*) FROM tenancy_platform_staff") == [(0,)]  # a super admin spans them all
    assert rows(fresh, "SELECT count(*) FROM tenancy_stores") == [(0,)]
    entries = rows(fresh, "SELECT action, actor_id FROM core_audit_entries ORDER BY id")
    assert entries == [("tenancy.platform.created", None), ("tenancy.user.created", None)]

    app = create_app({"TESTING": True, "SECRET_KEY": "test-secret-key-" + "x" * 32, "WTF_CSRF_ENABLED": False,
                      "SQLALCHEMY_DATABASE_URI": f"sqlite:///{fresh}", "REDIS_URL": None,
                      "RATELIMIT_STORAGE_URI": "memory://", "SESSION_FILE_DIR": str(tmp_path / "sessions")})
    try:
        with app.app_context():
            client = app.test_client()
            wrong = client.post("/auth/login", data={"email": "ops@shop.example", "password": "not-the-password"})
            signed_in = client.post("/auth/login", data={"email": "ops@shop.example", "password": PASSWORD})
            dashboard = client.get(signed_in.headers["Location"])
            stores = client.get("/admin/stores")
    finally:
        close_app(app)

    assert wrong.status_code == 422
    assert signed_in.status_code == 303
    assert dashboard.status_code == 200
    assert stores.status_code == 200
    assert "Olive Ops" in dashboard.get_data(as_text=True)  # signed in as the new super admin


def test_a_second_run_changes_nothing_and_keeps_the_password(fresh):
    assert flask("orion", "init", database=fresh, **INSTALL_ENV).returncode == 0
    hash_before = rows(fresh, "SELECT password_hash FROM tenancy_users")

    again = flask("orion", "init", database=fresh, **{**INSTALL_ENV, "ORION_ADMIN_PASSWORD": "another-long-secret"})

    assert again.returncode == 0, again.stderr[-3000:]
    assert "Nothing changed: Orion is already installed." in again.stdout
    assert "its password was not changed" in again.stdout
    assert rows(fresh, "SELECT password_hash FROM tenancy_users") == hash_before
    assert rows(fresh, "SELECT count(*) FROM tenancy_platforms") == [(1,)]
    assert rows(fresh, "SELECT count(*) FROM core_audit_entries") == [(2,)]


def test_a_second_super_admin_email_is_not_added_by_init(fresh):
    assert flask("orion", "init", database=fresh, **INSTALL_ENV).returncode == 0

    other = flask("orion", "init", database=fresh, **{**INSTALL_ENV, "ORION_ADMIN_EMAIL": "new@shop.example"})

    assert other.returncode == 0, other.stderr[-3000:]
    assert "a super admin already exists (ops@shop.example)" in other.stdout
    assert rows(fresh, "SELECT email FROM tenancy_users") == [("ops@shop.example",)]


def test_the_same_code_with_another_domain_is_refused(fresh):
    assert flask("orion", "init", database=fresh, **INSTALL_ENV).returncode == 0

    conflict = flask("orion", "init", database=fresh, **{**INSTALL_ENV, "ORION_PLATFORM_DOMAIN": "elsewhere.example"})

    assert conflict.returncode != 0
    assert "platform 'main' exists with domain 'shop.example', not 'elsewhere.example'" in conflict.stderr
    assert rows(fresh, "SELECT domain FROM tenancy_platforms") == [("shop.example",)]


@pytest.mark.parametrize(("password", "message"), [("abc12", "too short"), ("password123", "too common")])
def test_a_weak_password_is_refused_and_nothing_is_created(fresh, password, message):
    result = flask("orion", "init", database=fresh, **{**INSTALL_ENV, "ORION_ADMIN_PASSWORD": password})

    assert result.returncode != 0
    assert message in result.stderr
    assert "ORION_ADMIN_PASSWORD" in result.stderr
    assert rows(fresh, "SELECT count(*) FROM tenancy_platforms") == [(0,)]
    assert rows(fresh, "SELECT count(*) FROM tenancy_users") == [(0,)]


@pytest.mark.parametrize(("variable", "value", "message"), [
    ("ORION_PLATFORM_CODE", "Main Shop!", "lowercase letters"),
    ("ORION_PLATFORM_DOMAIN", "https://shop.example/", "is not a host name"),
    ("ORION_PLATFORM_DOMAIN", "localhost", "is not a host name"),
    ("ORION_PLATFORM_LANGUAGES", "en,xx", "xx: choose among en, fr, de, lb"),
    ("ORION_PLATFORM_DEFAULT_LANGUAGE", "de", "'de' is not one of the platform's languages"),
    ("ORION_ADMIN_EMAIL", "not-an-email", "not-an-email"),
])
def test_invalid_values_are_refused(fresh, variable, value, message):
    result = flask("orion", "init", database=fresh, **{**INSTALL_ENV, variable: value})

    assert result.returncode != 0
    assert message in result.stderr
    assert rows(fresh, "SELECT count(*) FROM tenancy_platforms") == [(0,)]


def test_missing_values_without_a_terminal_are_named_not_prompted(fresh):
    result = flask("orion", "init", "--platform-code", "main", database=fresh)

    assert result.returncode != 0
    assert "missing Platform domain (--domain or ORION_PLATFORM_DOMAIN)" in result.stderr
    assert "Super admin email (--admin-email or ORION_ADMIN_EMAIL)" in result.stderr
    assert "Super admin password (--admin-password or ORION_ADMIN_PASSWORD)" in result.stderr
    assert rows(fresh, "SELECT count(*) FROM tenancy_platforms") == [(0,)]


def test_flags_work_like_the_environment(fresh):
    result = flask("orion", "init", "--platform-code", "shop", "--domain", "Shop.Example.COM",
                   "--admin-email", "root@shop.example", "--admin-password", PASSWORD, database=fresh)

    assert result.returncode == 0, result.stderr[-3000:]
    assert rows(fresh, "SELECT code, name, domain, languages FROM tenancy_platforms") == [
        ("shop", "Shop", "shop.example.com", '["en"]')]
    assert rows(fresh, "SELECT name FROM tenancy_users") == [("Administrator",)]


def test_create_user_roles(fresh):
    assert flask("orion", "init", database=fresh, **INSTALL_ENV).returncode == 0
    env = {"ORION_USER_PASSWORD": PASSWORD}

    admin = flask("orion", "create-user", "--email", "pa@shop.example", "--name", "Pat", "--role", "platform_admin",
                  "--platform", "main", database=fresh, **env)
    translator = flask("orion", "create-user", "--email", "tr@shop.example", "--name", "Tom", "--role", "translator",
                       database=fresh, **env)
    super_admin = flask("orion", "create-user", "--email", "sa@shop.example", "--name", "Sue", "--role",
                        "super_admin", database=fresh, **env)

    assert admin.returncode == 0, admin.stderr[-3000:]
    assert "User pa@shop.example created: platform admin of platform main." in admin.stdout
    assert translator.returncode == 0 and super_admin.returncode == 0
    users = rows(fresh, "SELECT u.email, u.platform_role, p.code FROM tenancy_users u "
                        "LEFT JOIN tenancy_platform_staff s ON s.user_id = u.id "
                        "LEFT JOIN tenancy_platforms p ON p.id = s.platform_id ORDER BY u.id")
    assert users[1:] == [("pa@shop.example", "platform_admin", "main"), ("tr@shop.example", "translator", None),
                         ("sa@shop.example", "super_admin", None)]
    created = rows(fresh, "SELECT after FROM core_audit_entries WHERE action = 'tenancy.user.created' ORDER BY id")
    assert [json.loads(after)["role"] for (after,) in created] == [
        "super_admin", "platform_admin", "translator", "super_admin"]


@pytest.mark.parametrize(("args", "message"), [
    (["--email", "ops@shop.example", "--name", "Dup", "--role", "translator"], "already exists"),
    (["--email", "pa@shop.example", "--name", "Pat", "--role", "platform_admin"], "needs a platform"),
    (["--email", "pa@shop.example", "--name", "Pat", "--role", "platform_admin", "--platform", "nope"],
     "unknown platform 'nope'"),
    (["--email", "tr@shop.example", "--name", "Tom", "--role", "translator", "--platform", "main"],
     "not tied to a platform"),
    (["--email", "x@shop.example", "--name", "X", "--role", "owner"], "Invalid value for '--role'"),
])
def test_create_user_refusals(fresh, args, message):
    assert flask("orion", "init", database=fresh, **INSTALL_ENV).returncode == 0

    result = flask("orion", "create-user", *args, database=fresh, ORION_USER_PASSWORD=PASSWORD)

    assert result.returncode != 0
    assert message in result.stderr
    assert rows(fresh, "SELECT count(*) FROM tenancy_users") == [(1,)]


def test_create_user_refuses_a_weak_password(fresh):
    result = flask("orion", "create-user", "--email", "tr@shop.example", "--name", "Tom", "--role", "translator",
                   database=fresh, ORION_USER_PASSWORD="qwertyuiop")

    assert result.returncode != 0
    assert "too common" in result.stderr
    assert rows(fresh, "SELECT count(*) FROM tenancy_users") == [(0,)]


def test_init_prompts_on_a_terminal(app, monkeypatch):
    monkeypatch.setattr("webapp.framework.cli.install.interactive", lambda: True)
    answers = "\n".join(["main", "", "bad domain", "shop.example", "en,fr", "", "ops@shop.example", "",
                         "abc12", PASSWORD, PASSWORD]) + "\n"

    result = app.test_cli_runner().invoke(args=["orion", "init"], input=answers)

    assert result.exit_code == 0, result.output
    assert "is not a host name" in result.output
    assert "use at least 10 characters" in result.output
    assert "Platform main: created." in result.output


def test_the_docker_set_up_migrates_initialises_and_schedules():
    yaml = pytest.importorskip("yaml")
    compose = yaml.safe_load((REPO_ROOT / "docker" / "docker-compose.yml").read_text())
    entrypoint = REPO_ROOT / "docker" / "entrypoint.sh"
    script = entrypoint.read_text()

    assert subprocess.run(["sh", "-n", str(entrypoint)], check=False).returncode == 0
    assert os.access(entrypoint, os.X_OK)
    services = compose["services"]
    assert {name: services[name]["command"] for name in ("web", "worker", "cron")} == {
        "web": ["web"], "worker": ["worker"], "cron": ["cron"]}
    for role in ("web", "worker", "cron"):
        assert f"  {role})" in script
    # The web role migrates, then initialises only when told who the admin is, then serves.
    assert (script.index("flask --app wsgi db upgrade") < script.index("flask --app wsgi orion init")
            < script.index("exec gunicorn"))
    assert 'if [ -n "${ORION_ADMIN_EMAIL:-}" ]' in script
    assert "orion scheduler" in script
    init_variables = {variable for variable in INSTALL_ENV} | {"ORION_PLATFORM_DEFAULT_LANGUAGE"}
    assert init_variables <= set(services["web"]["environment"])
    assert "ORION_ADMIN_PASSWORD" not in services["worker"]["environment"]
    assert services["cron"]["environment"]["REDIS_URL"] == services["web"]["environment"]["REDIS_URL"]


def test_an_install_racing_another_one_is_refused_cleanly(app, monkeypatch):
    from webapp.modules.tenancy.services import install as service

    real_create_platform = service.create_platform

    def create_platform_after_a_rival(code, name, **kwargs):
        # A second container's init commits the same platform between this run's check and insert.
        with db.engine.begin() as connection:
            connection.execute(insert(Platform.__table__).values(
                code=code, name=name, domain=kwargs["domain"], languages=list(kwargs["languages"]),
                default_language=kwargs["default_language"], theme={}, created_at=datetime.now(UTC)))
        return real_create_platform(code, name, **kwargs)

    monkeypatch.setattr(service, "create_platform", create_platform_after_a_rival)
    result = app.test_cli_runner().invoke(args=["orion", "init"], env=INSTALL_ENV)

    assert result.exit_code != 0
    assert "platform 'main' exists. Nothing was changed." in result.output  # no traceback, no half install
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(Platform)) == 1
    assert db.session.scalar(select(func.count()).select_from(User)) == 0
