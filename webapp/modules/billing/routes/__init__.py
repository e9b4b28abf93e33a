"""Billing's blueprints, one file per frontend."""
