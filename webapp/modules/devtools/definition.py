"""Devtools: a component library and icon browser for the people building Orion."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="devtools",
    name="Developer tools",
    description="A component library showing every shared page element with examples, and an icon "
                "browser. For platform staff only.",
    version="1.0.0",
    is_internal=True,
    permissions=(
        Permission("devtools.view", _l("View developer tools"),
                   _l("Open the component library and icon browser."),
                   category="devtools", roles=("platform_admin",)),
    ),
)
