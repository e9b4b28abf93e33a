"""RQ entry points of billing (no request state; the runner commits)."""

from __future__ import annotations

from webapp.modules.billing import services


def renew_subscriptions() -> dict[str, int]:
    """Periodic: invoice the next period of every subscription whose period has ended; safe to re-run."""
    report = services.renew_due()
    return {"invoices": len(report.invoices), "cancelled": len(report.cancelled),
            "downgraded": len(report.downgraded)}
