"""Runs every rule and gathers findings."""

from __future__ import annotations

from pathlib import Path

from flask import Flask

from webapp.framework.checks import conventions, imports, lookups, raw_sql, routes, shape
from webapp.framework.checks.findings import Finding
from webapp.framework.scoping import store_tables


def run_checks(app: Flask, webapp_path: Path | None = None) -> list[Finding]:
    root = webapp_path or Path(app.root_path)
    registry = app.extensions["orion.modules"]
    findings = [*shape.check(root / "modules", registry), *imports.check(root, registry),
                *routes.check(app, registry), *raw_sql.check(root, {t.name for t in store_tables()}),
                *lookups.check(root, registry), *conventions.check(root, registry)]
    return sorted(findings)
