"""Alembic environment: runs on the connection the store hands over, or on DATABASE_URL."""

from alembic import context

from interview.storage.engine import default_url, make_engine
from interview.storage.schema import metadata

target_metadata = metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:  # the alembic command line, e.g. `alembic revision --autogenerate`
    with make_engine(default_url()).begin() as conn:
        _run(conn)
