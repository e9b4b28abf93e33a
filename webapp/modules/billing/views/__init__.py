"""Views of billing: what its pages and documents show (reads only)."""
