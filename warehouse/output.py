"""Output formats shared by every command that prints rows (implemented once), and the progress bar."""
from __future__ import annotations

import csv
import json
import math
import re
import sys
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from typing import Iterable, Sequence

import click

FORMATS = ("table", "csv", "json", "jsonl")


def format_option(*choices: str, default: str = "table"):
    """The --format option, with the subset of FORMATS a command supports."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format: " + ", ".join(choices) + ".")


def _plain(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    if isinstance(v, float) and not math.isfinite(v):
        return str(v)
    if isinstance(v, (tuple, list)):
        return [_plain(x) for x in v]
    return v


def _json_default(v):
    if isinstance(v, (date, datetime, Decimal)):
        return _plain(v)
    raise TypeError(f"{type(v).__name__} is not JSON serializable")


# one encoder for every line (json.dumps builds a new one a call when given options); a row with a
# NaN or an infinity (the encoder refuses them) takes the _plain path, which writes them as text
_ENCODE = json.JSONEncoder(ensure_ascii=False, allow_nan=False, default=_json_default).encode


def _json_line(record: dict) -> str:
    """json.dumps({c: _plain(v)}, ensure_ascii=False), with _plain only where the encoder needs it."""
    try:
        return _ENCODE(record)
    except ValueError:
        return json.dumps({c: _plain(v) for c, v in record.items()}, ensure_ascii=False)


def readable_number(v: float | Decimal) -> str:
    """A measure as a person reads it: every digit, with thousands separators, never in exponent form
    (7.146e+14 -> 714,600,000,000,000; 0.0001 -> 0.0001). Floats keep their 15 significant digits, so
    binary noise (0.30000000000000004) does not show."""
    if isinstance(v, float):
        if not math.isfinite(v):
            return str(v)
        v = Decimal(f"{v:.15g}")
    text = f"{v:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def one_line(message: str) -> str:
    """`message` with control characters (a newline in a file name), line separators and lone
    surrogates written as escapes, so that one input gives one log line (and UTF-8 can store it);
    a byte of a file name that is not UTF-8 (`os.fsdecode`'s surrogate) as itself: `en_\\xe9.txt`."""
    return _CONTROL.sub(lambda m: _escape(m.group()), message)


def _escape(ch: str) -> str:
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:
        return f"\\x{code - 0xDC00:02x}"
    if 0xD800 <= code <= 0xDFFF:
        return f"\\u{code:04x}"
    return ch.encode("unicode_escape").decode("ascii")


def _cell(v, width: int = 60) -> str:
    if v is None:
        return ""
    if isinstance(v, (float, Decimal)):  # measures; integers (counts, years, keys) print as they are
        s = readable_number(v)
    else:
        s = str(_plain(v))
    s = s.replace("\n", " ")
    return s if len(s) <= width else s[: width - 1] + "…"


def render(columns: Sequence[str], rows: Iterable[Sequence], fmt: str, out=None) -> int:
    """Write rows in `fmt` to `out` (stdout); returns the number of rows."""
    out = out or sys.stdout
    n = 0
    if fmt == "csv":
        w = csv.writer(out, lineterminator="\n")
        w.writerow(columns)
        for r in rows:
            w.writerow(["" if v is None else _plain(v) for v in r])
            n += 1
    elif fmt == "jsonl":
        for r in rows:
            out.write(_json_line(dict(zip(columns, r))) + "\n")
            n += 1
    elif fmt == "json":
        rows = [{c: _plain(v) for c, v in zip(columns, r)} for r in rows]
        out.write(json.dumps(rows, ensure_ascii=False, indent=1) + "\n")
        n = len(rows)
    else:  # table: aligned plain text, one line a row
        cells = [[_cell(v) for v in r] for r in rows]
        n = len(cells)
        widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
        line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
        out.write(line(columns) + "\n")
        out.write("  ".join("-" * w for w in widths) + "\n")
        for r in cells:
            out.write(line(r) + "\n")
        out.write(f"({n} row{'s' if n != 1 else ''})\n")
    return n


@contextmanager
def progress_bar(total: int, enabled: bool, label: str = "loading"):
    """A rich progress bar on stderr over `total` input bytes; yields advance(nbytes)."""
    if not enabled or total <= 0:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(TextColumn(label), BarColumn(), DownloadColumn(), TimeRemainingColumn(),
                  console=Console(stderr=True), transient=True) as prog:
        task = prog.add_task(label, total=total)
        yield lambda n: prog.advance(task, n)


# ---------------------------------------------------------------- the JSONL contract of `warehouse extract`

def _quantity_fields() -> tuple[str, ...]:
    from dataclasses import fields

    from extractors.model import Quantity

    return ("doc",) + tuple(f.name for f in fields(Quantity))


QUANTITY_FIELDS = _quantity_fields()  # every Quantity field, so new ones reach the JSONL output


def quantity_record(article, quantity) -> dict:
    """What `warehouse extract` prints for a quantity (read by ../shared/eval/score.py):
    Quantity.to_dict() plus doc."""
    rec = quantity.to_dict()
    rec["doc"] = article.doc
    return rec
