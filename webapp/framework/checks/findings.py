"""A finding of the architecture check, and the rules it knows."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Finding:
    rule: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.rule} {self.where}: {self.message}"


RULES = {
    "ORN001": "every module folder has a definition.py whose `module` code matches the folder",
    "ORN002": "a module has the standard shape (routes per frontend, templates/<code>/, empty __init__)",
    "ORN003": "core modules never import optional modules",
    "ORN004": "a module imports another only through its public API and only if it requires it",
    "ORN005": "the framework never imports a module",
    "ORN006": "definition.py imports nothing of its own module",
    "ORN007": "menu items point to real endpoints of their own module, with known permissions",
    "ORN008": "every route declares who may call it (public / login_required / permission_required)",
    "ORN009": "a module with models owns an Alembic branch labelled with its code",
    "ORN010": "raw text() SQL names no store-owned table unless allow-listed with a reason",
}
