"""Alembic with module-owned branches: each module's migrations/versions is a version location."""

from __future__ import annotations

import os

from flask import Flask

from webapp.extensions import migrate


def version_locations(app: Flask) -> list[str]:
    registry = app.extensions["orion.modules"]
    folders = (app.modules_path / d.code / "migrations" / "versions" for d in registry)
    return [str(folder) for folder in folders if folder.is_dir()]


def init_app(app: Flask) -> None:
    @migrate.configure
    def _module_branches(config):
        config.set_main_option("path_separator", "os")
        config.set_main_option("version_locations", os.pathsep.join(version_locations(app)))
        return config
