"""ORN011: modules name other modules' code and tables in imports, never in strings.

Inside `webapp/modules`, reported: `importlib.import_module(...)` / `import_module(...)` and
`__import__(...)`; `registry.resolve("<other module>", ...)`; `try: import webapp.modules.X … except
ImportError` when X is core or in the module's requires (X always exists: the except branch is dead
code); `….metadata.tables[...]` and `….metadata.tables.get(...)` (another module's table by name: call
its services instead).
"""

from __future__ import annotations

import ast
from pathlib import Path

from webapp.framework.checks.findings import Finding

IMPORT_ERRORS = {"ImportError", "ModuleNotFoundError"}


def check(root: Path, registry) -> list[Finding]:
    findings = []
    for definition in registry:
        for path in sorted((root / "modules" / definition.code).rglob("*.py")):
            tree = ast.parse(path.read_text(), filename=str(path))
            for line, message in _lookups(tree, definition, registry):
                findings.append(Finding("ORN011", f"{path.relative_to(root.parent)}:{line}", message))
    return findings


def _lookups(tree: ast.AST, definition, registry):
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = _call_name(node.func)
            if name in ("import_module", "__import__"):
                yield node.lineno, f"{name}() looks a module up by string; import it (or use events/ports)"
            elif name == "resolve" and node.args and _string(node.args[0]) not in (None, definition.code):
                yield node.lineno, (f"resolve({_string(node.args[0])!r}, …) reaches another module's code; "
                                    "import its services (or use events/ports)")
            elif name == "get" and isinstance(node.func, ast.Attribute) and _is_metadata_tables(node.func.value):
                yield node.lineno, "reads a table by name (metadata.tables.get); call its module's services"
        elif isinstance(node, ast.Subscript) and _is_metadata_tables(node.value):
            yield node.lineno, "reads a table by name (metadata.tables[...]); call its module's services"
        elif isinstance(node, ast.Try) and _catches_import_error(node):
            for code, line in _imported_modules(node.body):
                if code in registry and code != definition.code and (
                        registry.get(code).is_core or code in registry.requirements(definition.code)):
                    yield line, (f"try-import of {code!r}, which always exists here (core or required): "
                                 "import it plainly")


def _call_name(func) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    return func.attr if isinstance(func, ast.Attribute) else None


def _string(node) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_metadata_tables(node) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr == "tables"
            and _call_name(node.value) == "metadata")


def _catches_import_error(node: ast.Try) -> bool:
    for handler in node.handlers:
        caught = handler.type
        names = caught.elts if isinstance(caught, ast.Tuple) else [caught]
        if any(_call_name(n) in IMPORT_ERRORS for n in names if n is not None):
            return True
    return False


def _imported_modules(body):
    for node in body:
        for inner in ast.walk(node):
            modules = []
            if isinstance(inner, ast.Import):
                modules = [alias.name for alias in inner.names]
            elif isinstance(inner, ast.ImportFrom) and inner.module and inner.level == 0:
                modules = [inner.module]
            for module in modules:
                parts = module.split(".")
                if parts[:2] == ["webapp", "modules"] and len(parts) > 2:
                    yield parts[2], inner.lineno
