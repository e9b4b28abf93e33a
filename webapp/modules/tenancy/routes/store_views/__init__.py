"""The store dashboard's tenancy views by area; `routes/store.py` registers them on its blueprint."""
