"""Tables of articles: CSV, TSV and Parquet, one article a row, read in batches with pyarrow.

The columns are `id, url, title, published, lang, text` (only `text` is required); `Columns` maps
other names (`warehouse load --text-column body`). CSV follows RFC 4180: a quoted field may hold the
delimiter, doubled quotes and newlines. A table named on the command line without its text column
is rejected; one found in a folder is counted as skipped (a folder of articles may hold other
tables, such as seeds/units.csv).
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Iterator

from warehouse import read

ROWS_PER_BATCH = 256
# pyarrow's CSV reader needs one block to hold a whole row: an article may be that long.
CSV_BLOCK_BYTES = read.MAX_ARTICLE_BYTES + (1 << 20)


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


def _column_names(inp) -> list[str]:
    if _is_parquet(inp):
        import pyarrow.parquet as pq

        return pq.ParquetFile(inp.raw).schema_arrow.names
    return _csv_header(inp, _delimiter(inp))


def _batches(inp, names: list[str], wanted: list[str]):
    """Record batches of the `wanted` columns (CSV: as strings), the CSV stream past its header."""
    import pyarrow as pa

    if _is_parquet(inp):
        import pyarrow.parquet as pq

        return pq.ParquetFile(inp.raw).iter_batches(batch_size=ROWS_PER_BATCH, columns=wanted)
    from pyarrow import csv

    return csv.open_csv(
        inp.stream, read_options=csv.ReadOptions(block_size=CSV_BLOCK_BYTES, column_names=names),
        parse_options=csv.ParseOptions(delimiter=_delimiter(inp), newlines_in_values=True),
        convert_options=csv.ConvertOptions(column_types={n: pa.string() for n in wanted}, include_columns=wanted,
                                           strings_can_be_null=True))


def _csv_header(inp, delimiter: str) -> list[str]:
    """The column names of a CSV/TSV file's first line (the stream is left after it)."""
    import csv
    import io

    line = inp.stream.readline(1 << 20).decode("utf-8-sig")
    return next(csv.reader(io.StringIO(line), delimiter=delimiter), [])


def read_table(inp, lang: str | None, columns: Columns | None, in_folder: bool) -> Iterator[tuple[object, int]]:
    """(Article | Rejected | None, input bytes) for each row of a table file (`inp`: formats.Input)."""
    columns = columns or Columns()
    names = _column_names(inp)
    if columns.text not in names:
        yield (None, inp.consumed()) if in_folder else (read.Rejected(str(inp.path), _no_text_column(columns, names)),
                                                         inp.consumed())
        return
    present = columns.present(names)
    row = 0
    for batch in _batches(inp, names, list(present.values())):
        data = {f: batch.column(c).to_pylist() for f, c in present.items()}
        for i in range(batch.num_rows):
            row += 1
            rec = {f: values[i] for f, values in data.items()}
            yield _row_article(rec, f"{inp.path}:{row}", inp.path.name, lang), inp.consumed()


def _row_article(rec: dict, where: str, name: str, lang: str | None):
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return read.Rejected(where, "no text in the text column")
    return read.record_article(rec, text, where, name, lang)
