"""Alembic environment. Each module owns a branch in webapp/modules/<code>/migrations/versions;
the framework lists those folders in `version_locations` (see webapp/framework/migrations.py)."""

import logging
from logging.config import fileConfig

from alembic import context
from flask import current_app
from sqlalchemy import create_engine
from sqlalchemy.engine import make_url

from webapp.framework.scoping.row_security import grant_app_role

config = context.config
fileConfig(config.config_file_name)
logger = logging.getLogger("alembic.env")

target_db = current_app.extensions["migrate"].db
# MIGRATIONS_DATABASE_URL (the tables' owner) when the app itself connects as a non-owner role.
owner_url = current_app.config.get("MIGRATIONS_DATABASE_URL")
app_role = make_url(current_app.config["SQLALCHEMY_DATABASE_URI"]).username if owner_url else None
config.set_main_option("sqlalchemy.url",
                       (owner_url or target_db.engine.url.render_as_string(hide_password=False)).replace("%", "%%"))


def run_migrations_offline():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_db.metadata,
                      literal_binds=True, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    def process_revision_directives(context, revision, directives):
        # Autogenerate with no changes writes no empty revision.
        if getattr(config.cmd_opts, "autogenerate", False) and directives[0].upgrade_ops.is_empty():
            directives[:] = []
            logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    engine = create_engine(owner_url) if owner_url else target_db.engine
    with engine.connect() as connection:
        context.configure(connection=connection, target_metadata=target_db.metadata, **conf_args)
        with context.begin_transaction():
            context.run_migrations()
            if app_role and connection.dialect.name == "postgresql" and app_role != make_url(owner_url).username:
                grant_app_role(connection, app_role)
    if owner_url:
        engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
