"""Forms of the catalog dashboard (per-language texts are built for the store's languages)."""
