"""ORN003-ORN006: who may import whom."""

from __future__ import annotations

import ast
from pathlib import Path

from webapp.framework.checks.findings import Finding

# `webapp.modules.x`, its `services` (use cases) and its `session` (request glue such as the
# current shopper or cart): what another module may import.
PUBLIC_PARTS = {None, "services", "session"}
SHARED_MODULES = {"contracts"}  # protocols and event types: importable by everyone


def imported_names(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module))
            names += [(node.lineno, f"{node.module}.{alias.name}") for alias in node.names]
    return names


def _module_target(name: str) -> tuple[str, str | None] | None:
    parts = name.split(".")
    if parts[:2] != ["webapp", "modules"] or len(parts) < 3:
        return None
    return parts[2], (parts[3] if len(parts) > 3 else None)


def check(root: Path, registry) -> list[Finding]:
    findings = []
    for path in sorted((root / "framework").rglob("*.py")):
        for line, name in imported_names(path):
            if _module_target(name):
                findings.append(Finding("ORN005", f"{path.relative_to(root.parent)}:{line}",
                                        f"the framework imports {name}"))
    for definition in registry:
        folder = root / "modules" / definition.code
        for path in sorted(folder.rglob("*.py")):
            findings += _check_file(path, root, definition, registry)
    return findings


def _check_file(path: Path, root: Path, definition, registry) -> list[Finding]:
    findings = []
    is_definition = path.name == "definition.py" and path.parent.name == definition.code
    for line, name in imported_names(path):
        target = _module_target(name)
        if target is None:
            continue
        code, part = target
        where = f"{path.relative_to(root.parent)}:{line}"
        if code == definition.code:
            if is_definition:
                findings.append(Finding("ORN006", where, f"definition.py imports {name}"))
            continue
        findings += _cross_module(where, name, code, part, definition, registry)
    return findings


def _cross_module(where, name, code, part, definition, registry) -> list[Finding]:
    if code not in registry:
        return [Finding("ORN004", where, f"imports unknown module {code!r}")]
    if code in SHARED_MODULES:
        return []
    other = registry.get(code)
    findings = []
    if definition.is_core and not other.is_core:
        findings.append(Finding("ORN003", where, f"core module {definition.code!r} imports optional module {code!r}"))
    elif not other.is_core and code not in registry.requirements(definition.code):
        findings.append(Finding("ORN004", where, f"imports {code!r}, which is not in its requires"))
    if part not in PUBLIC_PARTS and not name.startswith(f"webapp.modules.{code}.services."):
        findings.append(Finding("ORN004", where, f"reaches into {name}; use webapp.modules.{code}.services "
                                                 f"or .session"))
    return findings
