"""Alembic environment for WeatherAI.

One database, one domain schema per declarative base (core, rag) plus the
legacy default schema (public). The version table lives in core:
core.alembic_version. Autogenerate compares all domain bases at once.
"""
import os
from logging.config import fileConfig

from sqlalchemy import create_engine, pool, text

from alembic import context

# Every model module must be imported so that its tables are in the metadata.
from weatherai_models import CoreBase, RagBase

config = context.config

if config.config_file_name is not None:
    fileConfig(config.config_file_name)

# All domain bases: autogenerate detects changes across every schema.
target_metadata = [CoreBase.metadata, RagBase.metadata]

# Schemas this project owns; anything else in the database is left alone.
MANAGED_SCHEMAS = ("core", "rag", "public")


def include_object(object, name, type_, reflected, compare_to):
    if type_ == "table":
        return (object.schema or "public") in MANAGED_SCHEMAS
    return True


def get_url():
    return os.environ["WEATHERAI_DB_URL"]


def run_migrations_offline() -> None:
    """Run migrations in 'offline' mode (emit SQL to stdout)."""
    context.configure(
        url=get_url(),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
        version_table="alembic_version",
        version_table_schema="core",
        include_schemas=True,
        include_object=include_object,
        transaction_per_migration=False,
    )

    with context.begin_transaction():
        # core.alembic_version needs its schema before the first revision runs
        context.execute("CREATE SCHEMA IF NOT EXISTS core")
        context.run_migrations()


def run_migrations_online() -> None:
    """Run migrations in 'online' mode."""
    connectable = create_engine(get_url(), poolclass=pool.NullPool)

    with connectable.connect() as connection:
        # The version table lives in core: the schema must exist before
        # Alembic creates core.alembic_version on a fresh database.
        with connection.begin():
            connection.execute(text("CREATE SCHEMA IF NOT EXISTS core"))

        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            version_table="alembic_version",
            version_table_schema="core",
            include_schemas=True,
            include_object=include_object,
            transaction_per_migration=False,
        )

        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
