"""View DDL (views/) and example analyst queries (queries/). Installed as the package `warehouse.sql`
(pyproject.toml maps this folder), so the migrations find the views: warehouse/resources.py."""
