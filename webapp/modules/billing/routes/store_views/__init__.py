"""The store dashboard's billing views by area; `routes/store.py` registers them on its blueprint."""
