"""Tables of articles: CSV and TSV (Python's csv module, row by row) and Parquet (pyarrow, in batches),
one article a row.

The columns are `id, url, title, published, lang, text` (only `text` is required); `Columns` maps
other names (`warehouse load --text-column body`). CSV follows RFC 4180: a quoted field may hold the
delimiter, doubled quotes and newlines. A table named on the command line without its text column
is rejected; one found in a folder is counted as skipped (a folder of articles may hold other
tables, such as seeds/units.csv). A bad row (wrong number of fields, broken quoting, bytes that are not
UTF-8, a field of the wrong type, no text) is rejected by its row number; the other rows load.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, fields
from datetime import date
from typing import Iterator

from warehouse import read

ROWS_PER_BATCH = 256   # Parquet rows a batch


@dataclass(frozen=True)
class Columns:
    """The table column that holds each article field."""
    id: str = "id"
    url: str = "url"
    title: str = "title"
    published: str = "published"
    lang: str = "lang"
    text: str = "text"

    def present(self, names: list[str]) -> dict[str, str]:
        """{field: column} of the fields whose column the table has."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) in names}


def _no_text_column(columns: Columns, names: list[str]) -> str:
    return (f"no text column {columns.text!r} in the table (columns: {', '.join(names[:20])}); "
            f"name the column that holds the article text with --text-column")


def _is_parquet(inp) -> bool:
    return inp.path.name.lower().endswith(".parquet")


def _delimiter(inp) -> str:
    return "\t" if ".tsv" in inp.path.name.lower() else ","


# A field may hold a whole article; Python's default limit (128 KiB) would reject long ones.
csv.field_size_limit(max(csv.field_size_limit(), read.MAX_ARTICLE_BYTES))


def _csv_records(inp, columns: Columns) -> Iterator[list[str] | dict | str]:
    """The column names, then for each row {field: value} of the columns `columns` names, or why the
    row is unreadable. Python's csv module, row by row, so that a bad row costs only itself: strict
    RFC 4180 quoting, bytes that are not UTF-8 kept as lone surrogates (the row is rejected by name)."""
    text = io.TextIOWrapper(inp.stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        rows = csv.reader(text, delimiter=_delimiter(inp), strict=True)
        names = _next_row(rows)
        names = names if isinstance(names, list) else []
        yield names
        wanted = {f: names.index(c) for f, c in columns.present(names).items()}
        while (row := _next_row(rows)) is not None:
            if isinstance(row, str) or not row:   # a reason, or a blank line (not a row)
                yield from [row] if row else []
            elif len(row) != len(names):
                yield (f"malformed CSV row: {len(row)} fields where the header has {len(names)}: quote a field "
                       f"that holds the delimiter, a quote or a line break (RFC 4180)")
            else:
                yield {f: row[i] or None for f, i in wanted.items()}
    finally:
        text.detach()   # the stream stays the Input's to close


def _next_row(rows) -> list[str] | str | None:
    """The next row of a csv.reader, the reason it is malformed, or None at the end."""
    try:
        return next(rows)
    except StopIteration:
        return None
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            return read.too_large(read.MAX_ARTICLE_BYTES + 1)
        if "unexpected end of data" in str(exc):
            return ("malformed CSV row: a quoted field runs to the end of the file (a quote left open?); the rows "
                    "after its opening quote could not be read: close or double the quote and load the file again")
        return f"malformed CSV row: {exc}: double a quote inside a quoted field (RFC 4180)"


def _parquet_records(inp, columns: Columns) -> Iterator[list[str] | dict]:
    """The column names, then {field: value} for each row, read in batches of the wanted columns."""
    import pyarrow.parquet as pq

    try:
        table = pq.ParquetFile(inp.raw)
    except Exception as exc:   # noqa: BLE001 - pyarrow's errors for a damaged file vary by damage
        raise ValueError(f"not a readable Parquet file ({exc}): damaged or cut short? write it again") from None
    names = table.schema_arrow.names
    yield names
    present = columns.present(names)
    for batch in table.iter_batches(batch_size=ROWS_PER_BATCH, columns=list(present.values())):
        data = {f: batch.column(c).to_pylist() for f, c in present.items()}
        for i in range(batch.num_rows):
            yield {f: values[i] for f, values in data.items()}


def read_table(inp, lang: str | None, columns: Columns | None, in_folder: bool) -> Iterator[tuple[object, int]]:
    """(Article | Rejected | None, input bytes) for each row of a table file (`inp`: formats.Input)."""
    columns = columns or Columns()
    records = (_parquet_records if _is_parquet(inp) else _csv_records)(inp, columns)
    names = next(records)
    if columns.text not in names:
        yield (None, inp.consumed()) if in_folder else (read.Rejected(str(inp.path), _no_text_column(columns, names)),
                                                         inp.consumed())
        return
    held = None   # the last row is held back: a damaged stream may have cut it short
    for row, rec in enumerate(records, start=1):
        if held:
            yield held
        held = _row_article(rec, f"{inp.path}:{row}", inp.path.name, lang), inp.consumed()
    if held and not inp.cut_mid_line():
        yield held


# A table's fields and their types (besides null): those of a JSONL line, and Parquet's dates.
TABLE_FIELDS = {**read.JSONL_FIELDS, "published": (str, int, date)}


def _row_article(rec: dict | str, where: str, name: str, lang: str | None):
    if isinstance(rec, str):
        return read.Rejected(where, rec)
    try:
        rec = read.checked_fields(rec, TABLE_FIELDS)
    except ValueError as exc:
        return read.Rejected(where, str(exc))
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return read.Rejected(where, "no text in the text column: leave out rows without an article")
    return read.record_article(rec, text, where, name, lang)
