"""Alembic migrations (env.py, versions/). Installed as the package `warehouse.migrations`
(pyproject.toml maps this folder), so an installed `warehouse migrate` finds them: warehouse/resources.py."""
