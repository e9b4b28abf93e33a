"""Admin → Billing areas (one file each)."""
