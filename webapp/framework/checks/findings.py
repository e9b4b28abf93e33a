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
    "ORN002": "a module has the standard shape: at its top level only the names of the Files table of "
              "docs/MODULES.md, route files per frontend, templates/<code>/, an empty __init__",
    "ORN003": "core modules never import optional modules",
    "ORN004": "a module imports another only through its public API (`services` package, `session`) and only "
              "if it requires it; services submodules are private",
    "ORN005": "the framework never imports a module",
    "ORN006": "definition.py imports nothing of its own module",
    "ORN007": "menu items point to real endpoints of their own module, with known permissions",
    "ORN008": "every route declares who may call it (public / login_required / permission_required)",
    "ORN009": "a module with models owns an Alembic branch labelled with its code",
    "ORN010": "raw text() SQL names no store-owned table unless allow-listed with a reason",
    "ORN011": "no string lookups of modules: importlib/__import__, registry.resolve of another module, "
              "try-import of a core or required module, db.metadata.tables[...]",
    "ORN012": "services read no request state: no flask g/request/session/has_request_context, no current_user, "
              "no get_locale",
    "ORN013": "a public service function takes store_id (or platform_id, customer_id) first, not an object",
}
