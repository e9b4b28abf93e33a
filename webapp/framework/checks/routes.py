"""ORN007, ORN008: menus and route classification, checked on the assembled app."""

from __future__ import annotations

from webapp.framework.auth.access import access_of
from webapp.framework.checks.findings import Finding

FRAMEWORK_ENDPOINTS = {"static"}


def check(app, registry) -> list[Finding]:
    findings = []
    for definition in registry:
        own = {f"{definition.code}_{frontend}" for frontend in definition.menu_items} | {
            name for name, (code, _f) in registry.blueprints().items() if code == definition.code}
        for items in definition.menu_items.values():
            for item in items:
                where = f"webapp/modules/{definition.code}/definition.py"
                if item.endpoint not in app.view_functions:
                    findings.append(Finding("ORN007", where, "a menu item points to unknown "
                                                             f"endpoint {item.endpoint!r}"))
                elif item.endpoint.rpartition(".")[0] not in own:
                    findings.append(Finding("ORN007", where, f"menu item points to another module's "
                                                             f"endpoint {item.endpoint!r}"))
                if item.permission and item.permission not in registry.permissions:
                    findings.append(Finding("ORN007", where, f"menu item needs unknown permission "
                                                             f"{item.permission!r}"))
    for endpoint, view in sorted(app.view_functions.items()):
        if endpoint in FRAMEWORK_ENDPOINTS or endpoint.endswith(".static"):
            continue
        access = access_of(view)
        if access is None:
            findings.append(Finding("ORN008", endpoint, "route does not declare who may call it"))
        elif access.kind == "permission" and access.permission not in registry.permissions:
            findings.append(Finding("ORN008", endpoint, f"requires unknown permission {access.permission!r}"))
    return findings
