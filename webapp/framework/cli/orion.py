"""`flask orion modules|check|routes|new-module`: developer tooling for the module system."""

from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from webapp.framework.auth.access import access_of
from webapp.framework.checks import RULES, run_checks
from webapp.framework.cli.scaffold import ScaffoldError, create_module
from webapp.framework.ports import tenant_directory

orion_cli = AppGroup("orion", help="Orion developer tools.")


def _registry():
    return current_app.extensions["orion.modules"]


@orion_cli.command("modules")
def modules_command():
    """Table of modules: code, tier, requires, enabled per platform."""
    registry = _registry()
    platforms = _platform_states()
    header = f"{'code':<13} {'tier':<9} {'requires':<26}" + "".join(f" {code:<9}" for code in platforms)
    click.echo(header)
    click.echo("-" * len(header))
    for definition in registry:
        flags = "".join(f" {'on' if definition.code in enabled else 'off':<9}" for enabled in platforms.values())
        click.echo(f"{definition.code:<13} {definition.tier:<9} {', '.join(definition.requires) or '-':<26}{flags}")
    click.echo(f"\n{len(registry.definitions)} modules")


def _platform_states() -> dict[str, frozenset[str]]:
    try:
        return {p.code: p.enabled_modules for p in tenant_directory().all_platforms()}
    except Exception:  # no database yet: the table still lists the modules
        return {}


@orion_cli.command("check", help="Check the architecture rules; exits non-zero on any finding.\n\n\b\n"
                   + "\n".join(f"{code}  {text}" for code, text in RULES.items()))
def check_command():
    findings = run_checks(current_app)
    for finding in findings:
        click.echo(str(finding))
    if findings:
        raise click.ClickException(f"{len(findings)} finding(s). Rules: "
                                   + "; ".join(f"{k} {v}" for k, v in RULES.items()))
    click.echo(f"OK: {len(_registry().definitions)} modules, {len(current_app.view_functions)} endpoints, "
               f"{len(RULES)} rules")


@orion_cli.command("routes")
def routes_command():
    """Every route with its module, frontend and access rule."""
    registry = _registry()
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        blueprint = rule.endpoint.rpartition(".")[0]
        access = access_of(current_app.view_functions[rule.endpoint])
        who = "-" if access is None else (access.permission or access.kind)
        methods = ",".join(sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}))
        click.echo(f"{rule.rule:<60} {methods:<10} {registry.module_of(blueprint) or '-':<12} "
                   f"{registry.frontend_of(blueprint) or '-':<11} {who}")


@orion_cli.command("new-module")
@click.argument("code")
@click.option("--name", default=None, help="Human-readable name (default: from the code).")
def new_module_command(code, name):
    """Scaffold webapp/modules/CODE with a store page and a passing test."""
    root = Path(current_app.root_path).parent
    try:
        created = create_module(root, code, name or code.replace("_", " ").title())
    except ScaffoldError as error:
        raise click.ClickException(str(error)) from None
    for path in created:
        click.echo(f"created {path.relative_to(root)}")
    click.echo("Next: enable it on a platform in admin → Platforms → Modules, then run `make test`.")
