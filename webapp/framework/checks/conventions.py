"""ORN012, ORN013: the service convention, so jobs, commands and the API call the same functions.

ORN012: `services.py` / `services/**` import no request state: `g`, `request`, `session` from flask,
`has_request_context`, `current_user` from flask_login, `get_locale` from flask_babel (nor use
`flask.g` and friends): the language is an argument too.
ORN013: a public function of a module's services API (defined in `services.py`, or defined in or
re-exported by `services/__init__.py`) whose first parameter is named `store`, `platform` or
`customer` is reported: take `store_id` (`platform_id`, `customer_id`) first. Only these three names
are judged: other objects may stay objects where they are the thing acted on (e.g. `order`).
"""

from __future__ import annotations

import ast
from pathlib import Path

from webapp.framework.checks.findings import Finding

REQUEST_STATE = {"flask": {"g", "request", "session", "has_request_context"}, "flask_login": {"current_user"},
                 "flask_babel": {"get_locale"}}
OBJECT_FIRST = {"store": "store_id", "platform": "platform_id", "customer": "customer_id"}


def check(root: Path, registry) -> list[Finding]:
    findings = []
    for definition in registry:
        folder = root / "modules" / definition.code
        files = [folder / "services.py"] if (folder / "services.py").is_file() else []
        files += sorted((folder / "services").rglob("*.py")) if (folder / "services").is_dir() else []
        for path in files:
            findings += _request_state(path, root)
        findings += _object_first(folder, root, definition.code)
    return findings


def _request_state(path: Path, root: Path) -> list[Finding]:
    findings = []
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in REQUEST_STATE:
            names = [a.name for a in node.names if a.name in REQUEST_STATE[node.module]]
        elif (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
              and node.attr in REQUEST_STATE.get(node.value.id, ())):
            names = [node.attr]
        findings += [Finding("ORN012", f"{path.relative_to(root.parent)}:{node.lineno}",
                             f"services read no request state ({name}): take it as an argument")
                     for name in names]
    return findings


def _object_first(folder: Path, root: Path, code: str) -> list[Finding]:
    findings = []
    for path, function in _public_functions(folder, code):
        params = [*function.args.posonlyargs, *function.args.args]
        if params and params[0].arg in OBJECT_FIRST:
            findings.append(Finding("ORN013", f"{path.relative_to(root.parent)}:{function.lineno}",
                                    f"public service {function.name}() takes {params[0].arg!r} first; "
                                    f"take {OBJECT_FIRST[params[0].arg]} first"))
    return findings


def _public_functions(folder: Path, code: str):
    """(file, function) of each public function the module's services API offers."""
    if (folder / "services.py").is_file():
        yield from ((folder / "services.py", f) for f in _functions(folder / "services.py"))
        return
    init = folder / "services" / "__init__.py"
    if not init.is_file():
        return
    tree = ast.parse(init.read_text(), filename=str(init))
    yield from ((init, f) for f in _functions(init))
    for node in tree.body:
        source = _own_submodule(node, folder / "services", code)
        if source is None:
            continue
        wanted = {a.name for a in node.names}
        for function in _functions(source):
            if "*" in wanted or function.name in wanted:
                yield source, function


def _own_submodule(node, package: Path, code: str) -> Path | None:
    if not isinstance(node, ast.ImportFrom) or not node.module:
        return None
    prefix = f"webapp.modules.{code}.services."
    if node.level == 1:
        name = node.module
    elif node.level == 0 and node.module.startswith(prefix):
        name = node.module.removeprefix(prefix)
    else:
        return None
    path = package.joinpath(*name.split("."))
    for candidate in (path.with_suffix(".py"), path / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _functions(path: Path) -> list[ast.FunctionDef]:
    tree = ast.parse(path.read_text(), filename=str(path))
    return [n for n in tree.body if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
            and not n.name.startswith("_")]
