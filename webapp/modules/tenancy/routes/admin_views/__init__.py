"""Admin view functions of tenancy, one file per area; `routes/admin.py` registers them on its blueprint."""
