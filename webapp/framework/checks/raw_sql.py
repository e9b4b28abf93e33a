"""ORN010: raw `text()` SQL never names a store-owned table unless allow-listed with a reason.

Row-level security still guards such SQL on PostgreSQL, but the ORM scoping cannot see inside a
string, so each use is declared where it stands: `# orion: raw-sql-ok <reason>` on the call's line
or the line above it.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from webapp.framework.checks.findings import Finding

MARKER = re.compile(r"#\s*orion:\s*raw-sql-ok\s+(\S.*)")


def check(root: Path, table_names: set[str]) -> list[Finding]:
    if not table_names:
        return []
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, table_names))) + r")\b")
    findings = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text()
        if "text(" not in source:
            continue
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source, filename=str(path))):
            if not (_is_text_call(node) and node.args):
                continue
            found = pattern.search(_literal(node.args[0]))
            if found and not _allowed(lines, node.lineno):
                findings.append(Finding("ORN010", f"{path.relative_to(root.parent)}:{node.lineno}",
                                        f"raw SQL on the store-owned table {found.group(1)}: use the models "
                                        "(scoped), or add `# orion: raw-sql-ok <reason>`"))
    return findings


def _is_text_call(node) -> bool:
    if not isinstance(node, ast.Call):
        return False
    func = node.func
    name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
    return name == "text"


def _literal(node) -> str:
    # Every string piece of the argument, also of f-strings and concatenations.
    return " ".join(n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str))


def _allowed(lines: list[str], lineno: int) -> bool:
    return any(MARKER.search(lines[i]) for i in (lineno - 1, lineno - 2) if 0 <= i < len(lines))
