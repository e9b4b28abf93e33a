"""ORN001, ORN002, ORN009: the folder shape of each module."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from webapp.framework.checks.findings import Finding
from webapp.framework.registry.definition import FRONTENDS
from webapp.framework.routing.frontends import FRONTEND_ROOTS

ROUTE_FILES = {f"{name}.py" for name in FRONTEND_ROOTS} | {"__init__.py"}

# The only names a module may have at its top level, one entry per kind of code (a folder ends in
# "/"; `x.py` or `x/` are alternatives of one kind). The scaffold writes from it and the Files table
# of docs/MODULES.md lists exactly these names.
MODULE_SHAPE: tuple[tuple[str, ...], ...] = (
    ("__init__.py",),
    ("definition.py",),
    ("models.py", "models/"),
    ("exceptions.py",),
    ("services.py", "services/"),
    ("forms.py", "forms/"),
    ("routes/",),
    ("views.py", "views/"),
    ("session.py",),
    ("slots.py",),
    ("widgets.py",),
    ("search.py",),
    ("jobs.py",),
    ("events.py",),
    ("demo.py", "demo/"),
    ("templates/",),
    ("static/",),
    ("migrations/",),
)
ALLOWED_NAMES = frozenset(name for kind in MODULE_SHAPE for name in kind)
IGNORED_NAMES = {"__pycache__"}  # and every dotfile


def check(modules_path: Path, registry) -> list[Finding]:
    findings = []
    for folder in sorted(p for p in modules_path.iterdir() if p.is_dir() and not p.name.startswith(("_", "."))):
        where = f"webapp/modules/{folder.name}"
        if not (folder / "definition.py").is_file():
            findings.append(Finding("ORN001", where, "missing definition.py"))
            continue
        if folder.name not in registry:
            findings.append(Finding("ORN001", where, "definition.py does not define this module"))
            continue
        findings += _check_top_level(folder, where)
        findings += _check_init(folder, where)
        findings += _check_routes(folder, where)
        findings += _check_templates(folder, where)
        findings += _check_migrations(folder, where)
    return findings


def allowed_name(path: Path) -> bool:
    return (f"{path.name}/" if path.is_dir() else path.name) in ALLOWED_NAMES


def _check_top_level(folder: Path, where: str) -> list[Finding]:
    findings = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or path.name in IGNORED_NAMES or allowed_name(path):
            continue
        name = f"{path.name}/" if path.is_dir() else path.name
        findings.append(Finding("ORN002", f"{where}/{name}", "not a name of the module shape; allowed: "
                                + ", ".join(" or ".join(kind) for kind in MODULE_SHAPE)))
    return findings


def _check_init(folder: Path, where: str) -> list[Finding]:
    init = folder / "__init__.py"
    if not init.is_file():
        return [Finding("ORN002", where, "missing __init__.py")]
    body = ast.parse(init.read_text()).body
    statements = [n for n in body if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant))]
    if statements:
        return [Finding("ORN002", f"{where}/__init__.py", "must be empty (importing a package has no side effects)")]
    return []


def _check_routes(folder: Path, where: str) -> list[Finding]:
    routes = folder / "routes"
    if not routes.is_dir():
        return []
    return [Finding("ORN002", f"{where}/routes/{p.name}",
                    f"route files are named after a frontend: {', '.join(FRONTENDS)} (or auth)")
            for p in sorted(routes.glob("*.py")) if p.name not in ROUTE_FILES]


def _check_templates(folder: Path, where: str) -> list[Finding]:
    templates = folder / "templates"
    if not templates.is_dir():
        return []
    return [Finding("ORN002", f"{where}/templates/{p.name}", f"templates live under templates/{folder.name}/")
            for p in sorted(templates.iterdir()) if p.name != folder.name]


def _check_migrations(folder: Path, where: str) -> list[Finding]:
    has_models = (folder / "models.py").is_file() or (folder / "models").is_dir()
    versions = folder / "migrations" / "versions"
    if not has_models:
        return []
    files = sorted(versions.glob(f"{folder.name}_*.py")) if versions.is_dir() else []
    if not files:
        return [Finding("ORN009", where, f"has models but no migrations/versions/{folder.name}_001_*.py")]
    labelled = any(re.search(rf"branch_labels\s*=\s*\(\s*['\"]{folder.name}['\"]", f.read_text()) for f in files)
    if not labelled:
        return [Finding("ORN009", where, f"no revision declares branch_labels = ({folder.name!r},)")]
    return []
