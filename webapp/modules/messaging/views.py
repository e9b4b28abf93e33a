"""Small helpers the messaging views share."""

from __future__ import annotations

STATUS_BADGES = {"queued": "warning", "sent": "success", "failed": "danger"}
