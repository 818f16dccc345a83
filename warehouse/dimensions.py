"""Dimension rows: the seed tables synced into the warehouse (units from seeds/units.csv with pint,
indicators, entities), and the rows a batch of quantities needs (units not in the seeds, the
extractor, languages, calendar days). The writer inserts what this module builds; it alone knows
seed files and pint."""
from __future__ import annotations

import calendar
import csv
import math
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from extractors.tables import languages
from warehouse import resources, write
from warehouse.rows import extractor_key, finite

UNITS_CSV_PATHS = (resources.seed_table("units.csv"),)
GENERATED_CURRENCIES = resources.seed_table("generated/currencies.csv")   # ISO 4217 beyond units.csv

UNIT_SCHEMA = pa.schema([
    ("unit_key", pa.string()), ("code", pa.string()), ("dimension", pa.string()), ("base_unit", pa.string()),
    ("factor_to_base", pa.float64()), ("name", pa.string()), ("pint_name", pa.string()), ("source", pa.string()),
])
EXTRACTOR_SCHEMA = pa.schema([("extractor_key", pa.string()), ("extractor", pa.string()), ("version", pa.string())])
LANG_SCHEMA = pa.schema([("lang", pa.string()), ("name", pa.string()), ("native_name", pa.string())])
DATE_SCHEMA = pa.schema([
    ("date_key", pa.int32()), ("date", pa.date32()), ("year", pa.int32()), ("quarter", pa.int32()),
    ("month", pa.int32()), ("day", pa.int32()), ("iso_week", pa.int32()), ("day_of_week", pa.int32()),
    ("month_name", pa.string()),
])
INDICATOR_SCHEMA = pa.schema([("indicator_id", pa.string()), ("name", pa.string()), ("dimension", pa.string()),
                              ("definition", pa.string()), ("source", pa.string())])
ENTITY_SCHEMA = pa.schema([("entity_id", pa.string()), ("kind", pa.string()), ("iso2", pa.string()),
                           ("name", pa.string()), ("source", pa.string())])
ENTITY_NAME_SCHEMA = pa.schema([("entity_id", pa.string()), ("lang", pa.string()), ("name", pa.string()),
                                ("source", pa.string())])
MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")  # as DuckDB's monthname(), whatever the locale


@dataclass(frozen=True)
class DimensionRows:
    """Rows for one dimension table; the writer inserts those whose `key` the table lacks."""
    table: str
    key: str
    rows: pa.Table


# ---------------------------------------------------------------- seed tables


def units_csv() -> Path | None:
    return next((p for p in UNITS_CSV_PATHS if p.exists()), None)


def read_units(path: Path) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            code = (r.get("code") or "").strip()
            if not code:
                continue
            rows.append({"unit_key": code, "code": code, "dimension": r.get("dimension") or None,
                         "base_unit": r.get("base_unit") or None,
                         "factor_to_base": finite(r.get("factor_to_base") or None),
                         "name": r.get("name") or None,
                         "pint_name": r.get("pint_name") or r.get("pint_expr") or None,
                         "source": r.get("source") or "units.csv"})
    return rows


def _seed_rows(name: str, key: str, schema: pa.Schema) -> list[dict]:
    """The rows of a seed table; its `id` column (where it has one) becomes `key`."""
    path = resources.seed_table(name)
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as fh:
        return [{c: (r.get("id") if c == key and "id" in r else r.get(c)) or None for c in schema.names}
                for r in csv.DictReader(fh) if r.get("id") or r.get(key)]


def _replace_rows(con, table: str, key: str, rows: list[dict], schema: pa.Schema, *, all_rows: bool,
                  unique: bool = True) -> None:
    """Replace the table's rows with `rows` (all of them, or only those with the keys of `rows`);
    `unique`: one row a key."""
    staged = pa.Table.from_pylist(rows, schema=schema)
    con.register("staged_seed", staged)
    try:
        con.execute(f"DELETE FROM {table}" + ("" if all_rows else f" WHERE {key} IN (SELECT {key} FROM staged_seed)"))
    finally:
        con.unregister("staged_seed")
    write.insert_new(con, table, staged, key if unique else None)


def sync_seeds(con) -> None:
    """Refresh the dimensions the seed tables define, each in one transaction: dim_unit from
    units.csv and the generated currencies (rows for their codes are replaced; derived ones for other
    codes stay), dim_indicator,
    dim_entity and dim_entity_name from seeds/indicators.csv, entities.csv and entity_names.csv
    (replaced whole)."""
    path = units_csv()
    units = read_units(path) if path else []
    if units and GENERATED_CURRENCIES.exists():
        units += read_units(GENERATED_CURRENCIES)   # seeds/build_lexicon.py; no code of units.csv
    if units:
        with write.transaction(con):
            _replace_rows(con, "dim_unit", "unit_key", units, UNIT_SCHEMA, all_rows=False)
    with write.transaction(con):
        for table, name, key, schema, unique in (
                ("dim_indicator", "indicators.csv", "indicator_id", INDICATOR_SCHEMA, True),
                ("dim_entity", "entities.csv", "entity_id", ENTITY_SCHEMA, True),
                ("dim_entity_name", "entity_names.csv", "entity_id", ENTITY_NAME_SCHEMA, False)):  # many names an entity
            rows = _seed_rows(name, key, schema)
            if rows:
                _replace_rows(con, table, key, rows, schema, all_rows=True, unique=unique)


def sync_extractor(con, version: str) -> None:
    """The installed extractor's dim_extractor row says its version (replacing a row with its key)."""
    _replace_rows(con, "dim_extractor", "extractor_key",
                  [{"extractor_key": extractor_key(version, version), "extractor": version, "version": version}],
                  EXTRACTOR_SCHEMA, all_rows=False)


# ---------------------------------------------------------------- rows a batch needs

_ureg = None


def _pint_unit(code: str) -> tuple[str | None, float | None, str | None]:
    """(pint name, factor to base, base unit) when pint knows `code`."""
    global _ureg
    try:
        if _ureg is None:
            import pint
            _ureg = pint.UnitRegistry()
        q = _ureg.Quantity(1.0, code)
        b = q.to_base_units()
        return str(q.units), float(b.magnitude), str(b.units)
    except Exception:  # noqa: BLE001 - pint raises many kinds of errors for unknown names
        return None, None, None


def derived_unit(q) -> dict:
    """A dim_unit row for a unit code units.csv lacks, from one quantity in it (and pint)."""
    factor = None
    value, base = finite(q.value), finite(q.base_value)
    if value and base is not None and math.isfinite(value) and math.isfinite(base):
        factor = base / value
    pint_name = None
    base_unit = q.base_unit
    if factor is None:
        pint_name, factor, pint_base = _pint_unit(q.unit)
        base_unit = base_unit or pint_base
    return {"unit_key": q.unit, "code": q.unit, "dimension": q.dimension, "base_unit": base_unit,
            "factor_to_base": factor, "name": None, "pint_name": pint_name, "source": "derived"}


def _new_units(con, quantities: pa.Table) -> list[dict]:
    """dim_unit rows for the unit codes of the batch that dim_unit does not have yet."""
    units = quantities["unit"]
    codes = [u for u in pc.unique(units).to_pylist() if u]
    if not codes:
        return []
    con.register("staged_keys", pa.table({"k": pa.array(codes, pa.string())}))
    try:
        known = {r[0] for r in con.execute("SELECT unit_key FROM dim_unit SEMI JOIN staged_keys ON unit_key = k").fetchall()}
    finally:
        con.unregister("staged_keys")
    rows = []
    for code in sorted(set(codes) - known):
        first = quantities.slice(pc.index(units, code).as_py(), 1)
        rows.append(derived_unit(type("Q", (), {f: first[f][0].as_py()
                                                for f in ("value", "base_value", "base_unit", "unit", "dimension")})))
    return rows


def _language_rows(codes) -> list[dict]:
    """dim_language rows from the language registry (the code as its name where no table has it)."""
    known = languages()
    return [{"lang": c, "name": known[c].name if c in known else c,
             "native_name": known[c].native_name if c in known else c} for c in sorted(codes)]


def _distinct(*columns) -> set:
    return {v for c in columns for v in pc.unique(c).to_pylist() if v}


def _date_rows(days: set[date]) -> list[dict]:
    return [{"date_key": d.year * 10000 + d.month * 100 + d.day, "date": d, "year": d.year,
             "quarter": (d.month - 1) // 3 + 1, "month": d.month, "day": d.day, "iso_week": d.isocalendar()[1],
             "day_of_week": d.isoweekday(), "month_name": MONTH_NAMES[d.month]} for d in sorted(days)]


def batch_rows(con, articles: pa.Table, quantities: pa.Table, version: str) -> list[DimensionRows]:
    """The dimension rows the batch's articles and quantities refer to (the writer adds the new ones)."""
    out = [DimensionRows("dim_unit", "unit_key", pa.Table.from_pylist(_new_units(con, quantities), UNIT_SCHEMA))]
    extractors = sorted(_distinct(quantities["extractor"]) | {version}, key=str) if articles.num_rows else []
    out.append(DimensionRows("dim_extractor", "extractor_key", pa.Table.from_pylist(
        [{"extractor_key": extractor_key(e, version), "extractor": e, "version": version} for e in extractors],
        EXTRACTOR_SCHEMA)))
    langs = _distinct(articles["lang"], quantities["lang"])
    out.append(DimensionRows("dim_language", "lang", pa.Table.from_pylist(_language_rows(langs), LANG_SCHEMA)))
    days = _distinct(articles["published"], quantities["period_start"], quantities["period_end"])
    out.append(DimensionRows("dim_date", "date_key", pa.Table.from_pylist(_date_rows(days), DATE_SCHEMA)))
    return out
