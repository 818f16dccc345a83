"""Alembic environment. Run through `warehouse migrate` (programmatic config, connection passed in
`config.attributes`) or the alembic CLI with alembic.ini (`alembic -x db=FILE upgrade head`)."""
from __future__ import annotations

from alembic import context

from warehouse import db, schema

config = context.config
target_metadata = schema.metadata


def _url() -> str:
    x = context.get_x_argument(as_dictionary=True)
    if "db" in x:
        return db.url_for(x["db"])
    return config.get_main_option("sqlalchemy.url") or db.url_for(db.default_db())


def _include_object(obj, name, type_, reflected, compare_to):
    # views (v_quantities, ...) are created from sql/ by migrations and are not in the metadata
    return not (type_ == "table" and reflected and compare_to is None and name.startswith("v_"))


def _configure(**kw) -> None:
    # no primary key on alembic_version either: a DuckLake has none (DuckDB files do not need it)
    context.configure(target_metadata=target_metadata, include_object=_include_object,
                      compare_type=True, version_table_pk=False, **kw)


def run_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    conn = config.attributes.get("connection")
    if conn is not None:
        _configure(connection=conn)
        with context.begin_transaction():
            context.run_migrations()
        return
    path = _url().removeprefix("duckdb:///")
    with db.engine(path) as eng, eng.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
