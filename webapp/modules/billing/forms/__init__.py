"""Billing forms, one file per frontend."""
