"""Where the installed program finds what it reads besides its code: the alembic migrations, the
view SQL and the seed tables. They live in the repository's top-level folders (migrations/, sql/,
seeds/) and install as the packages `warehouse.migrations`, `warehouse.sql` and `extractors.seeds`
(pyproject.toml maps the folders), found with importlib.resources: a wheel works from any folder,
and an editable install reads the checkout."""
from __future__ import annotations

from pathlib import Path

from extractors.resources import package_folder, seed_table

__all__ = ["migrations_dir", "views_dir", "link_sql_dir", "report_sql_dir", "seed_table"]


def migrations_dir() -> Path:
    """alembic's script location (env.py, versions/)."""
    return package_folder("warehouse.migrations")


def views_dir() -> Path:
    """The view DDL files the migrations execute (one file per view and migration)."""
    return package_folder("warehouse.sql") / "views"


def link_sql_dir() -> Path:
    """The fact linkage's SQL (macros, blocking, pending mentions) that warehouse/link.py runs."""
    return package_folder("warehouse.sql") / "link"


def report_sql_dir() -> Path:
    """The queries of `warehouse report` (warehouse/report.py): coverage, series, disagreements."""
    return package_folder("warehouse.sql") / "report"
