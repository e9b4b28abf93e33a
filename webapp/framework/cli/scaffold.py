"""The files `flask orion new-module` writes: a module that passes `check` and its own test."""

from __future__ import annotations

from pathlib import Path

from webapp.framework.registry.definition import CODE_PATTERN

DEFINITION = '''"""{name}: what this module does for merchants (edit this description)."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import MenuItem, ModuleDefinition, Permission

module = ModuleDefinition(
    code="{code}",
    name="{name}",
    description="{name} for merchants.",
    version="0.1.0",
    permissions=(
        Permission("{code}.view", _l("View {name}"), category="{code}", roles=("owner", "manager", "staff")),
    ),
    menu_items={{
        "store": (MenuItem(_l("{name}"), "{code}_store.overview_show", icon="puzzle",
                           permission="{code}.view", order=500),),
    }},
)
'''

STORE_ROUTES = '''"""{name} pages of the merchant dashboard."""

from flask import Blueprint, render_template

from webapp.framework.auth.access import permission_required

bp = Blueprint("{code}_store", __name__)


@bp.get("/")
@permission_required("{code}.view")
def overview_show():
    return render_template("{code}/store/overview/index.html")
'''

TEMPLATE = '''{{% extends "layouts/store.html" %}}
{{% block title %}}{{{{ _("{name}") }}}}{{% endblock %}}
{{% block content %}}
<header class="page-header"><h1>{{{{ _("{name}") }}}}</h1></header>
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
    values = {"code": code, "name": name}
    files = {
        folder / "__init__.py": "",
        folder / "definition.py": DEFINITION.format(**values),
        folder / "routes" / "__init__.py": "",
        folder / "routes" / "store.py": STORE_ROUTES.format(**values),
        folder / "templates" / code / "store" / "overview" / "index.html": TEMPLATE.format(**values),
        root / "tests" / "modules" / code / "__init__.py": "",
        root / "tests" / "modules" / code / f"test_{code}_store_routes.py": TEST.format(**values),
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content)
    return list(files)
