"""Data that flows between modules without imports: context providers, slots, dashboard widgets.

Each runs only for modules enabled on the current platform; one that fails is logged and
skipped so the page still renders (a failing widget provider leaves an error card in its place).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace

from flask import current_app, g, url_for
from markupsafe import Markup

from webapp.framework.navigation import enabled_definitions, link_allowed

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Widget:
    """A dashboard card a module contributes: a label, a formatted value, an optional hint/link.

    The link is an `endpoint` (with `args`), never a ready URL: `collect_widgets` fills `url` only
    when the user may open that page, so a card never leads to a 403.
    """

    label: str
    value: str
    hint: str = ""
    endpoint: str | None = None
    args: Mapping = field(default_factory=dict)
    order: int = 100
    url: str | None = None
    failed: bool = False  # the provider raised: the card says it could not be loaded

    def linked(self) -> Widget:
        """This card with `url` set if its target opens for the current user, else without a link."""
        if self.endpoint and link_allowed(self.endpoint):
            return replace(self, url=url_for(self.endpoint, **self.args))
        return replace(self, url=None)


def _enabled_definitions() -> Iterator:
    registry = current_app.extensions["orion.modules"]
    for definition in enabled_definitions():
        yield registry, definition


def collect_context(frontend: str, **kwargs) -> dict:
    """Merge what every enabled module's context provider gives for `frontend`."""
    context: dict = {}
    for registry, definition in _enabled_definitions():
        ref = definition.context_providers.get(frontend)
        if not ref:
            continue
        try:
            context.update(registry.resolve(definition.code, ref)(**kwargs) or {})
        except Exception:
            log.exception("context provider of module %s failed", definition.code)
    return context


def render_slot(name: str, **kwargs) -> Markup:
    """HTML from every enabled module that registered a renderer for slot `name`."""
    shell = g.get("storefront_shell")
    if shell is not None:  # a cached page's shell (this visitor's part comes later) or a sealed fragment (refused)
        return shell.hole(name, kwargs)
    parts = []
    for registry, definition in _enabled_definitions():
        ref = definition.slots.get(name)
        if not ref:
            continue
        try:
            # Renderers return HTML from autoescaped templates, never raw input.
            parts.append(Markup(registry.resolve(definition.code, ref)(**kwargs) or ""))  # noqa: S704  # nosec B704
        except Exception:
            log.exception("slot %s of module %s failed", name, definition.code)
    return Markup("").join(parts)


def collect_widgets(frontend: str, **kwargs) -> list:
    """Dashboard widgets (objects with title/value/... ) from enabled modules."""
    widgets = []
    for registry, definition in _enabled_definitions():
        if not definition.widget_provider:
            continue
        try:
            found = registry.resolve(definition.code, definition.widget_provider)(frontend, **kwargs)
            widgets.extend([widget.linked() for widget in found])
        except Exception:
            log.exception("widget provider of module %s failed", definition.code)
            widgets.append(Widget(label=str(definition.name), value="", failed=True, order=1000))
    return sorted(widgets, key=lambda widget: widget.order)


def implementation(contract: str):
    """The callable an enabled module registered for `contract`, or None when none is enabled."""
    for registry, definition in _enabled_definitions():
        ref = definition.implements.get(contract)
        if ref:
            return registry.resolve(definition.code, ref)
    return None


def init_app(app) -> None:
    app.jinja_env.globals["slot"] = render_slot
