"""The files `flask orion new-module` writes: the module shape (the "Files" table of docs/MODULES.md),
a module that passes `check` and its own test."""

from __future__ import annotations

from pathlib import Path

from webapp.framework.checks.shape import ALLOWED_NAMES
from webapp.framework.registry.definition import CODE_PATTERN

DEFINITION = '''"""{name}: what this module does for merchants (edit this description)."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="{code}",
    name="{name}",
    description="{name} for merchants.",
    version="0.1.0",
    demo_data="demo:seed",
    permissions=(
        Permission("{code}.view", _l("View {name}"), category="{code}", roles=("owner", "manager", "staff")),
    ),
    menu_items={{
        "store": (MenuItem(_l("{name}"), "{code}_store.overview_show", icon="puzzle",
                           permission="{code}.view", order=500),),
    }},
)
'''

MODELS = '''"""Models of {name}: tables named `{code}_<plural>`; store-owned rows inherit
`webapp.framework.scoping.StoreScoped` (then add their table to row security in a migration).

Add a model, then `flask db migrate --head {code}@head -m "<what>"` writes the next revision.
"""
'''

EXCEPTIONS = '''"""Errors of {name}."""

from __future__ import annotations

from webapp.framework.errors import OrionError


class {error}(OrionError):
    pass
'''

SERVICES = '''"""{name} use cases: the only writers. This package's names are the module's public API (re-export
them here from private submodules `services/<x>.py`). Each takes `store_id: int` first, reads no
request state, and `flush()`es; the caller commits.
"""
'''

FORMS = '''"""Flask-WTF forms of {name}; labels with `_l`."""
'''

VIEWS = '''"""What {name} prepares for its templates: view models, choices, labels. Reads only."""

from __future__ import annotations

from flask_babel import gettext as _


def overview_context() -> dict:
    return {{"heading": _("{name}")}}
'''

MIGRATION = '''"""{code}: the module's Alembic branch

Revision ID: {code}_001
Revises:
"""

revision = "{code}_001"
down_revision = None
branch_labels = ("{code}",)
depends_on = ("tenancy_001",)


def upgrade():
    pass


def downgrade():
    pass
'''

DEMO = '''"""Demo data of {name}: `seed()` returns one line per thing it made. Idempotent."""

from __future__ import annotations


def seed() -> list[str]:
    return []
'''

STORE_ROUTES = '''"""{name} pages of the merchant dashboard."""

from flask import Blueprint, render_template

from webapp.framework.auth.access import permission_required
from webapp.modules.{code}.views import overview_context

bp = Blueprint("{code}_store", __name__)


@bp.get("/")
@permission_required("{code}.view")
def overview_show():
    return render_template("{code}/store/overview/index.html", **overview_context())
'''

TEMPLATE = '''{{% extends "layouts/store.html" %}}
{{% block title %}}{{{{ _("{name}") }}}}{{% endblock %}}
{{% block content %}}
<header class="page-header"><h1>{{{{ heading }}}}</h1></header>
<p class="muted">{{{{ _("This module is ready for its first feature.") }}}}</p>
{{% endblock %}}
'''

TEST = '''"""The scaffolded {code} module: its page renders for a store owner."""


def test_overview_renders_for_owner(client, login_as, demo):
    login_as(demo.owner)
    response = client.get("/store/acme/{code}/")
    assert response.status_code == 200
    assert "{name}" in response.get_data(as_text=True)


def test_overview_needs_login(client, demo):
    response = client.get("/store/acme/{code}/")
    assert response.status_code == 302
'''


class ScaffoldError(ValueError):
    pass


def create_module(root: Path, code: str, name: str) -> list[Path]:
    if not CODE_PATTERN.match(code):
        raise ScaffoldError(f"module code {code!r} must be lowercase letters, digits or _")
    folder = root / "webapp" / "modules" / code
    if folder.exists():
        raise ScaffoldError(f"{folder} already exists")
    values = {"code": code, "name": name, "error": f"{name.replace(' ', '')}Error"}
    files = {folder / relative: content.format(**values) for relative, content in module_files(code).items()}
    files |= {
        root / "tests" / "modules" / code / "__init__.py": "",
        root / "tests" / "modules" / code / f"test_{code}_store_routes.py": TEST.format(**values),
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return list(files)


def module_files(code: str) -> dict[str, str]:
    """Path inside `webapp/modules/<code>/` -> template of its content, for a new module."""
    files = {
        "__init__.py": "",
        "definition.py": DEFINITION,
        "models.py": MODELS,
        "exceptions.py": EXCEPTIONS,
        "services/__init__.py": SERVICES,
        "forms.py": FORMS,
        "routes/__init__.py": "",
        "routes/store.py": STORE_ROUTES,
        "views.py": VIEWS,
        f"templates/{code}/store/overview/index.html": TEMPLATE,
        f"migrations/versions/{code}_001_initial.py": MIGRATION,
        "demo.py": DEMO,
    }
    for relative in files:  # the scaffold writes only names of the module shape (ORN002)
        top, _, rest = relative.partition("/")
        if (f"{top}/" if rest else top) not in ALLOWED_NAMES:
            raise ScaffoldError(f"{relative} is outside the module shape")
    return files
