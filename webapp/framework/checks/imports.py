"""ORN003-ORN006: who may import whom."""

from __future__ import annotations

import ast
from pathlib import Path

from webapp.framework.checks.findings import Finding

# `webapp.modules.x`, its `services` package (use cases, the names its `__init__` re-exports) and its
# `session` (request glue such as the current shopper or cart): what another module may import.
# `services/<submodule>` is private to its module.
PUBLIC_PARTS = {"services", "session"}
SHARED_MODULES = {"contracts"}  # protocols and event types: importable by everyone


def imported_names(path: Path) -> list[tuple[int, str, bool]]:
    """(line, dotted name, imported by `from`): `from a.b import c` gives `a.b` and `a.b.c` (True)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names += [(node.lineno, alias.name, False) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append((node.lineno, node.module, False))
            names += [(node.lineno, f"{node.module}.{alias.name}", True) for alias in node.names]
    return names


def _module_target(name: str) -> tuple[str, list[str]] | None:
    parts = name.split(".")
    if parts[:2] != ["webapp", "modules"] or len(parts) < 3:
        return None
    return parts[2], parts[3:]


def check(root: Path, registry) -> list[Finding]:
    findings = []
    for path in sorted((root / "framework").rglob("*.py")):
        for line, name, _from in imported_names(path):
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
    private: set[tuple[int, str]] = set()  # (line, module) of a `from` import already reported as private
    for line, name, from_name in imported_names(path):
        target = _module_target(name)
        if target is None:
            continue
        code, parts = target
        where = f"{path.relative_to(root.parent)}:{line}"
        if code == definition.code:
            if is_definition and not from_name:
                findings.append(Finding("ORN006", where, f"definition.py imports {name}"))
            continue
        if from_name and (line, name.rpartition(".")[0]) in private:
            continue  # `from x.services.sub import a, b`: once for the module is enough
        found = _cross_module(where, name, code, parts, from_name, root, definition, registry)
        if any(f.message.startswith("reaches into") for f in found):
            private.add((line, name))
        findings += found
    return findings


def _cross_module(where, name, code, parts, from_name, root, definition, registry) -> list[Finding]:
    # A name of `from m import name` shares m's line, whose module and tier were judged already
    # (unless m is `webapp.modules` itself: `from webapp.modules import shop`).
    judged = from_name and bool(parts)
    if code not in registry:
        return [] if judged else [Finding("ORN004", where, f"imports unknown module {code!r}")]
    if code in SHARED_MODULES:
        return []
    other = registry.get(code)
    findings = []
    if judged:
        pass
    elif definition.is_core and not other.is_core:
        findings.append(Finding("ORN003", where, f"core module {definition.code!r} imports optional module {code!r}"))
    elif not other.is_core and code not in registry.requirements(definition.code):
        findings.append(Finding("ORN004", where, f"imports {code!r}, which is not in its requires"))
    if _private(parts, from_name, root / "modules" / code):
        findings.append(Finding("ORN004", where, f"reaches into {name}; use webapp.modules.{code}.services "
                                                 f"or .session"))
    return findings


def _private(parts: list[str], from_name: bool, folder: Path) -> bool:
    """Whether `webapp.modules.<code>.<parts>` is outside the module's public API."""
    if not parts:
        return False
    if parts[0] not in PUBLIC_PARTS:
        return True
    if len(parts) == 1:
        return False
    if from_name and len(parts) == 2:  # `from x.services import name`: fine unless name is a submodule
        package = folder / parts[0]
        return (package / f"{parts[1]}.py").is_file() or (package / parts[1]).is_dir()
    return True  # `import x.services.sub` / `from x.services.sub import …`
