"""Attach every framework command group to the app's `flask` CLI."""

from __future__ import annotations

from flask import Flask
from flask_migrate.cli import db as db_cli

from webapp.framework.cli.cron import cron_command, scheduler_command
from webapp.framework.cli.install import create_user_command, init_command
from webapp.framework.cli.orion import orion_cli
from webapp.framework.cli.seed import seed_cli
from webapp.framework.cli.translate import translate_cli
from webapp.framework.jobs.worker import rq_cli


def _upgrade_to_all_heads() -> None:
    # Every module owns an Alembic branch, so "head" is ambiguous; "heads" upgrades them all.
    for param in db_cli.commands["upgrade"].params:
        if param.name == "revision":
            param.default = "heads"


def register_commands(app: Flask) -> None:
    _upgrade_to_all_heads()
    for command in (init_command, create_user_command, cron_command, scheduler_command):
        orion_cli.add_command(command)
    for group in (orion_cli, seed_cli, translate_cli, rq_cli):
        app.cli.add_command(group)
    registry = app.extensions["orion.modules"]
    for definition in registry:  # the groups modules declare (`ModuleDefinition.cli_group`)
        if definition.cli_group:
            app.cli.add_command(registry.resolve(definition.code, definition.cli_group))
