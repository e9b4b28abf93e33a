"""Admin view functions of billing, one file per area; `routes/admin.py` registers them."""
