"""INSERT … ON CONFLICT for both supported databases (atomic, no savepoints needed)."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from webapp.extensions import db


def insert(model):
    """A dialect INSERT for `model` that offers `on_conflict_do_nothing/do_update`."""
    dialect = db.session.get_bind().dialect.name
    return (postgresql.insert if dialect == "postgresql" else sqlite.insert)(model)
