"""Routes of the billing module, one file per frontend."""
