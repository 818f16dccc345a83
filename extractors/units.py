"""Unit registry: seeds/units.csv (code, dimension, base unit, factor to base), checked against pint.

The CSV is the data; pint is the authority for its factors (tests/test_units.py converts every row
with pint and compares) and converts offset units (temperature) at run time.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from extractors.resources import seed_table

UNITS_CSV = seed_table("units.csv")


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    dimension: str
    base_unit: str
    factor_to_base: float | None   # None for offset units (converted with pint)
    pint_expr: str
    name: str
    source: str


@lru_cache(maxsize=None)
def registry() -> dict[str, Unit]:
    with UNITS_CSV.open(encoding="utf-8") as fh:
        return {r["code"]: Unit(r["code"], r["dimension"], r["base_unit"],
                                float(r["factor_to_base"]) if r["factor_to_base"] else None,
                                r["pint_expr"], r["name"], r["source"])
                for r in csv.DictReader(fh)}


def to_base(value: float, code: str) -> tuple[float | None, str | None]:
    unit = registry().get(code)
    if unit is None:
        return None, None
    if unit.factor_to_base is not None:
        return value * unit.factor_to_base, unit.base_unit
    return _pint_to_base(value, unit.pint_expr), unit.base_unit


@lru_cache(maxsize=1)
def _pint():
    import pint
    return pint.UnitRegistry()


def _pint_to_base(value: float, expr: str) -> float | None:
    try:
        return float(_pint().Quantity(value, expr).to_base_units().magnitude)
    except Exception:  # an unknown expression must not stop extraction
        return None
