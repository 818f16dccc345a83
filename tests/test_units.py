"""seeds/units.csv against pint and against the language tables.

- every row with a pint expression converts with pint to its base unit by factor_to_base (rel 1e-9);
  offset units (no factor: temperatures) convert through pint at run time, checked at two points;
- every unit code a language table maps a surface to exists in units.csv;
- every dimension in units.csv is one of extractors.model.DIMENSIONS (or a documented extension).
"""
from __future__ import annotations

import csv
import math

import pint
import pytest

import extractors
from extractors.model import DIMENSIONS
from extractors.tables import load_table
from extractors.units import UNITS_CSV, registry, to_base

with UNITS_CSV.open(encoding="utf-8") as fh:
    ROWS = list(csv.DictReader(fh))

UREG = pint.UnitRegistry()

# base_unit column -> pint expression
BASE_PINT = {
    "m": "meter", "kg": "kilogram", "m2": "meter**2", "m3": "meter**3", "s": "second",
    "W": "watt", "J": "joule", "m/s": "meter/second", "K": "kelvin",
    "m3/s": "meter**3/second", "kg/s": "kilogram/second", "kg/m2": "kilogram/meter**2",
    "B": "byte", "bit/s": "bit/second",
}

# Dimensions outside extractors.model.DIMENSIONS, each with the reason it is allowed (none so far).
DIMENSION_EXTENSIONS: dict[str, str] = {}

# Units the engine assigns itself (not through a table surface).
ENGINE_UNITS = {"count", "times"}

PINT_ROWS = [r for r in ROWS if r["pint_expr"]]


def test_units_csv_has_rows_and_columns():
    assert ROWS, "seeds/units.csv is empty"
    assert set(ROWS[0]) >= {"code", "dimension", "base_unit", "factor_to_base", "pint_expr", "name", "source"}


def test_unit_codes_are_unique():
    codes = [r["code"] for r in ROWS]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    assert not dupes, f"codes listed more than once in units.csv: {dupes}"


@pytest.mark.parametrize("row", PINT_ROWS, ids=[r["code"] for r in PINT_ROWS])
def test_pint_factor(row):
    assert row["base_unit"] in BASE_PINT, f"base unit {row['base_unit']!r} has no pint expression in BASE_PINT"
    base = BASE_PINT[row["base_unit"]]
    if row["factor_to_base"]:
        got = UREG.Quantity(1, row["pint_expr"]).to(base).magnitude
        assert math.isclose(got, float(row["factor_to_base"]), rel_tol=1e-9), \
            f"{row['code']}: pint says 1 {row['pint_expr']} = {got!r} {base}, csv says {row['factor_to_base']}"
    else:  # offset unit: pint converts at run time
        for v in (0.0, 100.0):
            want = UREG.Quantity(v, row["pint_expr"]).to(base).magnitude
            got, unit = to_base(v, row["code"])
            assert unit == row["base_unit"] and got is not None and math.isclose(got, want, rel_tol=1e-9), \
                f"{row['code']}: to_base({v}) = {got!r} {unit}, pint says {want!r} {base}"


@pytest.mark.parametrize("row", [r for r in ROWS if not r["pint_expr"]], ids=lambda r: r["code"])
def test_rows_without_pint_have_a_factor(row):
    """Counts, ratios, percentages and currencies: no pint expression, but a factor to their base."""
    assert row["factor_to_base"], f"{row['code']}: neither a pint expression nor a factor"
    assert float(row["factor_to_base"]) > 0
    assert row["source"], f"{row['code']}: say where the row comes from"


@pytest.mark.parametrize("row", ROWS, ids=[r["code"] for r in ROWS])
def test_dimension_is_known(row):
    dim = row["dimension"]
    assert dim in DIMENSIONS or dim in DIMENSION_EXTENSIONS, \
        f"{row['code']}: dimension {dim!r} is neither in extractors.model.DIMENSIONS nor a documented extension"


def test_engine_units_exist():
    missing = ENGINE_UNITS - set(registry())
    assert not missing, f"units the engine assigns are missing from units.csv: {sorted(missing)}"


@pytest.mark.parametrize("lang", extractors.LANGUAGES)
def test_table_units_exist(lang):
    t = load_table(lang)
    known = registry()
    missing = sorted({(" ".join(k), code) for mapping in (t.units_after, t.units_before)
                      for k, code in mapping.items() if code not in known})
    assert not missing, f"{lang}: surfaces mapped to unit codes missing from units.csv: {missing}"


def test_currencies_stay_in_their_currency():
    for code, unit in registry().items():
        if unit.dimension == "currency" and unit.factor_to_base == 1:
            assert to_base(5.0, code) == (5.0, code)
