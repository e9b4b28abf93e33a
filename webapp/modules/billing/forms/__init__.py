"""Forms of the billing module."""
