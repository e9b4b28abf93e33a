"""Store → Billing areas (one file each)."""
