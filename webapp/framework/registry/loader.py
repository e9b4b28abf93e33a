"""Phase two of loading: import each module's parts in dependency order and plug them in."""

from __future__ import annotations

import importlib
from pathlib import Path

from flask import Blueprint, Flask
from jinja2 import ChoiceLoader, FileSystemLoader

from webapp.config import module_config_from_env
from webapp.framework.ports import PORTS
from webapp.framework.registry.definition import DefinitionError, ModuleDefinition
from webapp.framework.registry.registry import ModuleRegistry
from webapp.framework.routing.frontends import FRONTEND_ROOTS, url_prefix


def load_modules(app: Flask, registry: ModuleRegistry, modules_path: Path) -> None:
    ports: dict[str, object] = {}
    template_dirs = []
    for definition in registry:
        folder = modules_path / definition.code
        package = f"{registry.package}.{definition.code}"
        if (folder / "models.py").is_file() or (folder / "models").is_dir():
            importlib.import_module(f"{package}.models")
        for frontend in FRONTEND_ROOTS:
            if (folder / "routes" / f"{frontend}.py").is_file():
                _register_routes(app, registry, definition, frontend, package)
        if (folder / "templates").is_dir():
            template_dirs.append(str(folder / "templates"))
        if (folder / "static").is_dir():
            _register_static(app, registry, definition, folder / "static")
        for key, value in module_config_from_env(definition.code, definition.config).items():
            app.config.setdefault(f"{definition.code.upper()}_{key}", value)
        for port, ref in definition.provides.items():
            if port not in PORTS:
                raise DefinitionError(f"module {definition.code!r} provides unknown port {port!r}")
            if port in ports:
                raise DefinitionError(f"port {port!r} is provided twice")
            ports[port] = _instantiate(registry.resolve(definition.code, ref))
    app.extensions["orion.ports"] = ports
    app.jinja_loader = ChoiceLoader([app.jinja_loader, *(FileSystemLoader(d) for d in template_dirs)])


def _register_routes(app, registry, definition: ModuleDefinition, frontend: str, package: str) -> None:
    routes = importlib.import_module(f"{package}.routes.{frontend}")
    blueprint = getattr(routes, "bp", None)
    if not isinstance(blueprint, Blueprint):
        raise DefinitionError(f"{package}.routes.{frontend} must export a Blueprint named `bp`")
    expected = f"{definition.code}_{frontend}"
    if blueprint.name != expected:
        raise DefinitionError(f"blueprint in {package}.routes.{frontend} must be named {expected!r}")
    app.register_blueprint(blueprint, url_prefix=url_prefix(frontend, definition))
    registry.add_blueprint(blueprint.name, definition.code, frontend)


def _register_static(app, registry, definition: ModuleDefinition, folder: Path) -> None:
    name = f"{definition.code}_static"
    blueprint = Blueprint(name, __name__, static_folder=str(folder),
                          static_url_path=f"/static/modules/{definition.code}")
    app.register_blueprint(blueprint)
    registry.add_blueprint(name, definition.code, "static")


def _instantiate(provided):
    """Ports may be given as a class (instantiated once) or as a ready object/function."""
    return provided() if isinstance(provided, type) else provided
