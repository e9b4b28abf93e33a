"""Which modules' features billing may offer: only those of modules that have pages (a module that is
still a definition must not look sold and working on a plan)."""

from __future__ import annotations

from flask import current_app


def built_modules() -> frozenset[str]:
    return frozenset(code for code, _frontend in current_app.extensions["orion.modules"].blueprints().values())


def offered(feature: str) -> bool:
    return feature.partition(".")[0] in built_modules()
