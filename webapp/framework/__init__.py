"""The framework layer: what every module stands on. It never imports a module."""
