"""Keyset cursors: "continue after this sort key and id", opaque in URLs, validated when read."""

from __future__ import annotations

import base64
import binascii
import json
from datetime import datetime
from decimal import Decimal, InvalidOperation

from webapp.modules.catalog.services.cleaning import strip_controls

NAME_MAX = 200


def encode_cursor(sort: str, value, row_id: int) -> str:
    if isinstance(value, datetime):
        value = value.isoformat()
    elif isinstance(value, Decimal):
        value = str(value)
    raw = json.dumps([sort, value, row_id], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(token: str, sort: str):
    """(sort key, id) if `token` is a well-formed cursor for `sort`, else None (start over)."""
    if not token or len(token) > 600:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        cursor_sort, value, row_id = json.loads(raw)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
        return None
    if cursor_sort != sort or not isinstance(row_id, int) or isinstance(row_id, bool) or row_id <= 0:
        return None
    value = _typed(sort, value)
    return None if value is None else (value, row_id)


def _typed(sort: str, value):
    if not isinstance(value, str):
        return None
    try:
        if sort == "newest":
            return datetime.fromisoformat(value)
        if sort in ("price_asc", "price_desc"):
            number = Decimal(value)
            return number if number.is_finite() and abs(number) < Decimal("1e10") else None
    except (ValueError, InvalidOperation):
        return None
    return strip_controls(value)[:NAME_MAX] if sort == "name" else None
