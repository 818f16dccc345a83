"""Unit registry: seeds/units.csv (code, dimension, base unit, factor to base), checked against pint,
and the generated lexicon (seeds/generated/, written by seeds/build_lexicon.py from CLDR, pint and
ISO 4217): every other current currency, and the names each language writes currencies and units by.

The CSV is the data; pint is the authority for its factors (tests/test_units.py converts every row
with pint and compares) and converts offset units (temperature) at run time.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache

from extractors.resources import seed_table

UNITS_CSV = seed_table("units.csv")
CURRENCIES_CSV = seed_table("generated/currencies.csv")      # ISO 4217 currencies units.csv lacks
NAME_TABLES = (seed_table("generated/currency_names.csv"), seed_table("generated/unit_names.csv"))


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    dimension: str
    base_unit: str
    factor_to_base: float | None   # None for offset units (converted with pint)
    pint_expr: str
    name: str
    source: str


@dataclass(frozen=True, slots=True)
class GeneratedName:
    """A surface the generated lexicon gives a language: `position` is `after` the figure, `before`
    it or `glued` (after it with nothing between: `45g`)."""
    surface: str
    code: str
    position: str


@lru_cache(maxsize=None)
def registry() -> dict[str, Unit]:
    """Code -> unit: units.csv's rows, then the generated currencies (units.csv wins)."""
    units: dict[str, Unit] = {}
    for path in (CURRENCIES_CSV, UNITS_CSV):
        if path.is_file():
            units.update(_read_units(path))
    return units


@lru_cache(maxsize=None)
def curated_codes() -> frozenset[str]:
    """The codes of seeds/units.csv itself: the units and currencies the news of the region names, not
    the generated ISO 4217 list (`COP`, `ALL`, `CUP` are acronyms as often as currencies)."""
    return frozenset(_read_units(UNITS_CSV)) if UNITS_CSV.is_file() else frozenset()


def _read_units(path) -> dict[str, Unit]:
    with path.open(encoding="utf-8") as fh:
        return {r["code"]: Unit(r["code"], r["dimension"], r["base_unit"],
                                float(r["factor_to_base"]) if r["factor_to_base"] else None,
                                r["pint_expr"], r["name"], r["source"])
                for r in csv.DictReader(fh)}


@lru_cache(maxsize=None)
def generated_names(lang: str) -> tuple[GeneratedName, ...]:
    """The generated currency and unit names of language `lang` (none for a language the build did not
    know: the language table alone serves it)."""
    names: list[GeneratedName] = []
    for path in NAME_TABLES:
        if path.is_file():
            with path.open(encoding="utf-8") as fh:
                names += [GeneratedName(r["surface"], r["code"], r["position"])
                          for r in csv.DictReader(fh) if r["lang"] == lang]
    return tuple(names)


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
