"""Seed tables (*.csv: units, indicators, entities) and sample articles (*.txt). The tables are
installed as the package `extractors.seeds` (pyproject.toml maps this folder; the articles stay in the
checkout), read by the extractors (extractors/resources.py) and the loader (warehouse/resources.py)."""
