"""Small helpers the messaging views share."""

from __future__ import annotations

from flask import request

STATUS_BADGES = {"queued": "warning", "sent": "success", "failed": "danger"}


def page_number() -> int:
    """`?page=` as a positive integer; anything else is page 1."""
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and 0 < int(value) < 100_000 else 1
