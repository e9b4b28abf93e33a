"""Phase one of loading: find every `definition.py`, validate, order by dependency."""

from __future__ import annotations

import importlib
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

from webapp.framework.registry.definition import DefinitionError, ModuleDefinition

MODULES_PACKAGE = "webapp.modules"
MODULES_PATH = Path(__file__).resolve().parents[2] / "modules"


def discover(path: Path = MODULES_PATH, package: str = MODULES_PACKAGE) -> list[ModuleDefinition]:
    """Read every module definition under `path`, checked and in dependency order."""
    definitions = {}
    for folder in sorted(p for p in path.iterdir() if (p / "definition.py").is_file()):
        definition = load_definition(folder.name, package)
        definitions[definition.code] = definition
    check_consistency(definitions)
    return order(definitions)


def load_definition(folder: str, package: str = MODULES_PACKAGE) -> ModuleDefinition:
    """Import one `definition.py` and return its `module` object, validated."""
    source = importlib.import_module(f"{package}.{folder}.definition")
    definition = getattr(source, "module", None)
    if not isinstance(definition, ModuleDefinition):
        raise DefinitionError(f"{package}.{folder}.definition must define `module = ModuleDefinition(...)`")
    if definition.code != folder:
        raise DefinitionError(f"module in folder {folder!r} declares code {definition.code!r}; they must match")
    definition.validate()
    return definition


def check_consistency(definitions: dict[str, ModuleDefinition]) -> None:
    """Cross-module rules: known requirements, tier rules, unique permissions."""
    problems = []
    owners: dict[str, str] = {}
    for definition in definitions.values():
        for required in definition.requires:
            other = definitions.get(required)
            if other is None:
                problems.append(f"module {definition.code!r} requires unknown module {required!r}")
            elif definition.is_core and not other.is_core:
                problems.append(f"core module {definition.code!r} cannot require optional module {required!r}")
        for permission in definition.permissions:
            if permission.id in owners:
                problems.append(f"permission {permission.id!r} declared by {owners[permission.id]!r} "
                                f"and {definition.code!r}")
            owners[permission.id] = definition.code
    if problems:
        raise DefinitionError("; ".join(problems))


def order(definitions: dict[str, ModuleDefinition]) -> list[ModuleDefinition]:
    """Dependencies first; a cycle is reported with the modules that form it."""
    sorter = TopologicalSorter({code: d.requires for code, d in sorted(definitions.items())})
    try:
        codes = list(sorter.static_order())
    except CycleError as error:
        cycle = " -> ".join(error.args[1])
        raise DefinitionError(f"module dependency cycle: {cycle}") from None
    return [definitions[code] for code in codes]
