"""`warehouse export`: an analyst view as files for BI tools that read files rather than a database.

Parquet is written by DuckDB's COPY, partitioned (hive style: lang=en/year=2024/...) by the view's
language and the year of its date; CSV is one file. The view name is checked against the views
the warehouse holds before it reaches SQL, and then quoted."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from warehouse import db

FORMATS = ("parquet", "csv")
# The partition keys of a view: the first of its columns named here. A fact seen in several
# languages has them comma-separated; its partition joins them with "_" (lang=en_ru).
LANGUAGE_COLUMNS = ("lang", "lang_a", "language_codes", "langs_a", "languages")  # v_facts.languages is a count
DATE_COLUMNS = ("published", "first_published", "published_a", "period_start")


@dataclass
class Exported:
    view: str
    rows: int
    path: Path
    partitions: tuple[str, ...]

    def text(self) -> str:
        by = f", partitioned by {' and '.join(self.partitions)}" if self.partitions else ""
        return f"exported {self.view}: {self.rows:,} rows to {self.path}{by}"


def analyst_views(con) -> list[str]:
    """The views of the warehouse (v_quantities, v_facts, ...), by name."""
    return [r[0] for r in con.execute(
        "SELECT view_name FROM duckdb_views() WHERE NOT internal AND database_name = current_database() "
        "AND schema_name = 'main' ORDER BY view_name").fetchall()]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _partition_columns(columns: list[str]) -> tuple[list[str], tuple[str, ...]]:
    """Select expressions that add the partition keys `lang` and `year` a view lacks, and the keys.
    DuckDB keeps the key columns out of the files (readers take them from the folder names)."""
    extra, keys = [], []
    lang = next((c for c in LANGUAGE_COLUMNS if c in columns), None)
    if lang and lang != "lang":
        extra.append(f"replace({_quoted(lang)}, ', ', '_') AS lang")
    if lang:
        keys.append("lang")
    day = next((c for c in DATE_COLUMNS if c in columns), None)
    if day and "year" not in columns:
        extra.append(f"year({_quoted(day)}) AS year")
        keys.append("year")
    return extra, tuple(keys)


def export(db_path, view: str, fmt: str, out_dir) -> Exported:
    """Write `view` of the warehouse at `db_path` to `out_dir` as Parquet (partitioned) or CSV."""
    con = db.connect(db_path, read_only=True, allow_files=True)  # COPY writes; the SQL is ours, the name checked
    try:
        views = analyst_views(con)
        if view not in views:
            raise db.WarehouseError(f"no view {view!r} in {db_path}: choose one of {', '.join(views)}")
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        columns = [d[0] for d in con.execute(f"SELECT * FROM {_quoted(view)} LIMIT 0").description]
        if fmt == "csv":
            target = out / f"{view}.csv"
            rows = con.execute(f"COPY {_quoted(view)} TO '{_literal(target)}' (FORMAT csv, HEADER)").fetchone()[0]
            return Exported(view, rows, target, ())
        extra, keys = _partition_columns(columns)
        target = out / view
        if keys:
            options = f"FORMAT parquet, PARTITION_BY ({', '.join(keys)}), OVERWRITE"
        else:
            target.mkdir(exist_ok=True)
            target, options = target / f"{view}.parquet", "FORMAT parquet"
        select = ", ".join(["*"] + extra)
        copy = f"COPY (SELECT {select} FROM {_quoted(view)}) TO '{_literal(target)}' ({options})"
        rows = con.execute(copy).fetchone()[0]
        return Exported(view, rows, target, keys)
    except (duckdb.Error, OSError) as exc:  # a folder not writable, a full disk
        raise db.WarehouseError(f"export of {view} to {out_dir} failed: {exc}") from None
    finally:
        con.close()


def _literal(path: Path) -> str:
    return str(path).replace("'", "''")
