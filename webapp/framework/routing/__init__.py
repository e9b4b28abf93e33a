"""Tenant routing: hosts and URL paths to platforms and stores, and back to URLs."""
