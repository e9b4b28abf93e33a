"""`flask seed demo`: every module adds its part of the demo data, in dependency order."""

from __future__ import annotations

from graphlib import TopologicalSorter

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.extensions import db

seed_cli = AppGroup("seed", help="Load data into the database.")


def demo_order(registry) -> list:
    """Dependency order, plus `demo_after` hints; port providers that need only other providers
    (tenancy, core) seed first. One that needs an ordinary module (billing needs payments) just
    follows its requirements."""
    providers = {d.code for d in registry if d.provides}
    early = {p for p in providers if _needs(registry, p) <= providers}
    graph = {}
    for definition in registry:
        after = set(definition.requires) | {c for c in definition.demo_after if c in registry}
        if definition.code not in early:
            after |= early
        graph[definition.code] = sorted(after - {definition.code})
    return [registry.get(code) for code in TopologicalSorter(graph).static_order()]


def _needs(registry, code: str) -> set[str]:
    """Every module `code` requires, directly or through others."""
    found, todo = set(), list(registry.get(code).requires)
    while todo:
        other = todo.pop()
        if other not in found and other in registry:
            found.add(other)
            todo.extend(registry.get(other).requires)
    return found


@seed_cli.command("demo")
def seed_demo():
    """Create (or complete) the demo data of SPEC §7. Safe to run again."""
    if current_app.config["ORION_ENV"] == "production":
        raise click.ClickException("Refusing to load demo data into a production installation.")
    registry = current_app.extensions["orion.modules"]
    for definition in demo_order(registry):
        if definition.demo_data:
            for line in registry.resolve(definition.code, definition.demo_data)() or ():
                click.echo(f"[{definition.code}] {line}")
            db.session.commit()
    click.echo("Demo data ready. Sign in with admin@orion.test / orion-demo.")
