"""Monitoring: background job queues, recent errors, health checks and metrics."""

from flask_babel import lazy_gettext as _l

from webapp.framework.registry import ModuleDefinition, Permission

module = ModuleDefinition(
    code="monitoring",
    name="Monitoring",
    description="Background job queues (running, scheduled and failed jobs), recent application errors, "
                "health checks and metrics. For platform staff only.",
    version="1.0.0",
    is_internal=True,
    permissions=(
        Permission("monitoring.view", _l("View monitoring"),
                   _l("See job queues, recent errors and health checks."),
                   category="monitoring", roles=("platform_admin",)),
        Permission("monitoring.jobs.manage", _l("Manage jobs"), _l("Retry or delete failed background jobs."),
                   category="monitoring", roles=("platform_admin",)),
    ),
)
