"""Per-language sentence cases: the case files (tests/cases/<code>.toml), their reader, and the
runner that checks one case (also used for the table examples, tests/test_table_examples.py).

A case file holds one language's sentences, grouped under a comment each:

    published = 2025-11-20        # relative periods (`geçen yıl`) resolve against this date

    # qualifiers
    [[case]]
    text = "Depremde 50 binden fazla bina yıkıldı."
    expect = [{ value = 50_000, unit = "count", qualifier = "more_than", context = "bina" }]

    [[case]]
    text = "Yeni düzenleme 1 Ocak 2026 tarihinde yürürlüğe girecek."
    expect_none = true            # a negative: the sentence must yield no quantity at all

A case has `text` and either `expect` (the quantities, one inline table each) or `expect_none = true`.
Optional: `allow_more = true` lets the sentence yield further quantities (otherwise the text must
yield exactly the listed ones, so false positives fail too); `published` overrides the file's date;
`gap = "why"` marks a case the engine does not read yet (a strict xfail: once the engine reads it,
the test fails until the mark is taken off, so a fixed gap never hides).

An expected quantity:
    value       required; scale applied (`63 milyon ton` -> 63e6), compared with rel 1e-9
    unit        required; a unit code of seeds/units.csv ("km", "USD", "percent", "count")
    qualifier   optional key, but always checked: absent means the quantity has no qualifier
    value_max   optional; absent means "not a range" (value_max must be None)
    dimension   optional; absent means the dimension of `unit` in seeds/units.csv
    period      optional; checked when given; "none" means the quantity has no period
    context     optional; a word prefix (or a list, any of which) that must begin a word of the
                quantity's `quantified` or `subject` (case-insensitive, like score.py)

Every extracted span must satisfy `text[q.start:q.end] == q.text`. A failure prints what was
extracted, so a broken case shows the engine's reading next to the expectation; a malformed entry
fails naming its file, entry number and line.
"""
from __future__ import annotations

import math
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from extractors import DIMENSIONS, QUALIFIERS, extract
from extractors.units import registry

# Relative periods (`geçen yıl`, `ötən il`, `last year`) of the table examples resolve against this
# publication date; a case file states its own.
PUBLISHED = date(2025, 11, 20)
CASES_DIR = Path(__file__).resolve().parent / "cases"
NO_PERIOD = "none"      # `period = "none"`: TOML has no null

_QUANTITY_KEYS = {"value", "value_max", "unit", "dimension", "qualifier", "period", "context"}


def _fold(s: str | None) -> str:
    return unicodedata.normalize("NFKC", s or "").replace("İ", "i").casefold()


def _words(s: str | None) -> list[str]:
    return [w for w in "".join(c if c.isalnum() else " " for c in _fold(s)).split()]


def describe(q) -> str:
    parts = [f"{q.text!r}@{q.start}:{q.end} value={q.value!r}"]
    if q.value_max is not None:
        parts.append(f"value_max={q.value_max!r}")
    parts.append(f"unit={q.unit} dim={q.dimension} qualifier={q.qualifier}")
    parts.append(f"period={q.period} quantified={q.quantified!r} subject={q.subject!r}")
    return " ".join(parts)


def mismatch(q, exp: dict) -> str | None:
    """Why `q` does not match the expectation `exp` (None when it does)."""
    if not math.isclose(q.value, exp["value"], rel_tol=1e-9, abs_tol=1e-12):
        return f"value {q.value!r} != {exp['value']!r}"
    if q.unit != exp["unit"]:
        return f"unit {q.unit!r} != {exp['unit']!r}"
    if q.qualifier != exp.get("qualifier"):
        return f"qualifier {q.qualifier!r} != {exp.get('qualifier')!r}"
    want_max = exp.get("value_max")
    if want_max is None:
        if q.value_max is not None:
            return f"value_max {q.value_max!r} != None"
    elif q.value_max is None or not math.isclose(q.value_max, want_max, rel_tol=1e-9):
        return f"value_max {q.value_max!r} != {want_max!r}"
    if "dimension" in exp and q.dimension != exp["dimension"]:
        return f"dimension {q.dimension!r} != {exp['dimension']!r}"
    if "period" in exp and q.period != exp["period"]:
        return f"period {q.period!r} != {exp['period']!r}"
    if exp.get("context"):
        wanted = exp["context"] if isinstance(exp["context"], (list, tuple)) else [exp["context"]]
        words = _words(q.quantified) + _words(q.subject)
        if not any(w.startswith(_fold(c)) for c in wanted for w in words):
            return f"context {wanted!r} not in quantified={q.quantified!r} subject={q.subject!r}"
    return None


def _assign(found: list, expected: list[dict]) -> dict[int, int] | None:
    """A matching expected index -> distinct found index (small backtracking search)."""
    options = [[j for j, q in enumerate(found) if mismatch(q, exp) is None] for exp in expected]
    order = sorted(range(len(expected)), key=lambda i: len(options[i]))
    chosen: dict[int, int] = {}

    def place(n: int) -> bool:
        if n == len(order):
            return True
        i = order[n]
        for j in options[i]:
            if j not in chosen.values():
                chosen[i] = j
                if place(n + 1):
                    return True
                del chosen[i]
        return False

    return chosen if place(0) else None


def run_case(text: str, expected: list, lang: str, published: date | None = PUBLISHED, where: str = "") -> None:
    """Assert that `extract(text, lang)` yields what `expected` says: a list of expected quantities
    (dicts, see the module docstring), empty for a negative, ending with `...` (Ellipsis) to allow
    further quantities. `where` names the case's origin in the failure message."""
    __tracebackhide__ = True    # a failure shows its message (expected vs extracted), not this code
    found = extract(text, lang, published)
    shown = "\n".join("    " + describe(q) for q in found) or "    (nothing)"
    header = (f"{where}\n" if where else "") + f"[{lang}] {text!r}\n  extracted:\n{shown}"
    for q in found:
        assert text[q.start:q.end] == q.text, f"{header}\n  span mismatch: {text[q.start:q.end]!r} != {q.text!r}"
        assert 0 <= q.start < q.end <= len(text), f"{header}\n  span out of range"
    open_ended = bool(expected) and expected[-1] is Ellipsis
    wanted = [e for e in expected if e is not Ellipsis]
    for exp in wanted:
        unknown = set(exp) - _QUANTITY_KEYS
        assert not unknown, f"bad case {text!r}: unknown keys {unknown}"
        assert "value" in exp and "unit" in exp, f"bad case {text!r}: value and unit are required"
    if not wanted:
        assert not found, f"{header}\n  expected: no quantity"
        return
    chosen = _assign(found, wanted)
    if chosen is None:
        lines = []
        for exp in wanted:
            why = [mismatch(q, exp) for q in found] or ["nothing extracted"]
            lines.append(f"    {exp}: " + ("matched" if any(w is None for w in why) else "; ".join(why)))
        raise AssertionError(f"{header}\n  expected (each needs its own quantity):\n" + "\n".join(lines))
    if not open_ended:
        extra = [describe(q) for j, q in enumerate(found) if j not in chosen.values()]
        assert not extra, f"{header}\n  unexpected extra quantities:\n    " + "\n    ".join(extra)



# ---- case files ---------------------------------------------------------------------------------

_FILE_KEYS = {"published", "case"}
_CASE_KEYS = {"text", "expect", "expect_none", "allow_more", "gap", "published"}
_CASE_HEADER = re.compile(r"^\s*\[\[\s*case\s*\]\]")


@dataclass(frozen=True)
class SentenceCase:
    lang: str               # the file's name: tests/cases/tr.toml holds Turkish
    where: str              # "tests/cases/tr.toml:83 (case 17)", for failure messages
    text: str
    expected: list          # what run_case takes: expected quantities, `...` last when allow_more
    published: date
    gap: str | None         # why the engine does not read it yet (a strict xfail), or None


class MalformedCase(ValueError):
    """A case file or entry that breaks the format; the message names the file and the entry."""


def read_case_file(path: Path) -> list[SentenceCase | MalformedCase]:
    """The cases of one file, in order. A malformed entry comes back as its error, so that it fails
    on its own; an unreadable file comes back as one error."""
    shown = _shown(path)
    source = path.read_text(encoding="utf-8")
    try:
        doc = tomllib.loads(source)
    except tomllib.TOMLDecodeError as e:
        return [MalformedCase(f"{shown}: not valid TOML: {e}")]
    unknown = set(doc) - _FILE_KEYS
    if unknown:
        return [MalformedCase(f"{shown}: unknown top-level keys {sorted(unknown)}; "
                              "a case file holds `published` and [[case]] entries")]
    published = doc.get("published")
    if not _is_date(published):
        return [MalformedCase(f"{shown}: `published = YYYY-MM-DD` (a date, before the first [[case]]) is required")]
    entries = doc.get("case")
    if not isinstance(entries, list) or not entries:
        return [MalformedCase(f"{shown}: no [[case]] entries")]
    lines = [n for n, line in enumerate(source.splitlines(), 1) if _CASE_HEADER.match(line)]
    cases: list[SentenceCase | MalformedCase] = []
    for n, entry in enumerate(entries, 1):
        where = f"{shown}:{lines[n - 1]} (case {n})" if len(lines) == len(entries) else f"{shown} (case {n})"
        try:
            cases.append(_case(path.stem, where, entry, published))
        except MalformedCase as e:
            cases.append(e)
    return cases


def _case(lang: str, where: str, entry, published: date) -> SentenceCase:
    if not isinstance(entry, dict):
        raise MalformedCase(f"{where}: a case is a [[case]] table, not {entry!r}")
    text = entry.get("text")
    if not isinstance(text, str) or not text.strip():
        raise MalformedCase(f"{where}: `text` (the sentence) is required")
    where_text = f"{where} {text!r}"

    def check(ok: bool, why: str) -> None:
        if not ok:
            raise MalformedCase(f"{where_text}: {why}")

    unknown = set(entry) - _CASE_KEYS
    check(not unknown, f"unknown keys {sorted(unknown)}; a case has {sorted(_CASE_KEYS)}")
    negative = entry.get("expect_none", False)
    check(isinstance(negative, bool), "`expect_none` is true or absent")
    check(("expect" in entry) != negative,
          "give either `expect = [...]` (the quantities) or `expect_none = true` (a negative)")
    allow_more = entry.get("allow_more", False)
    check(isinstance(allow_more, bool) and not (allow_more and negative), "`allow_more` is true or absent, never on a negative")
    gap = entry.get("gap")
    check(gap is None or (isinstance(gap, str) and bool(gap.strip())), "`gap` is the reason, a non-empty string")
    published = entry.get("published", published)
    check(_is_date(published), "`published` is a date (YYYY-MM-DD)")
    expected = [] if negative else entry["expect"]
    check(isinstance(expected, list) and (negative or bool(expected)),
          "`expect` is a non-empty list of { value = ..., unit = ... }; a negative says `expect_none = true`")
    quantities = [_quantity(raw, check) for raw in expected]
    return SentenceCase(lang, where, text, (quantities + [...]) if allow_more else quantities, published, gap)


def _quantity(raw, check) -> dict:
    """One expected quantity as run_case takes it: qualifier always set, dimension from the unit."""
    check(isinstance(raw, dict), f"each expected quantity is an inline table {{ value = ..., unit = ... }}, not {raw!r}")
    unknown = set(raw) - _QUANTITY_KEYS
    check(not unknown, f"unknown keys {sorted(unknown)} in {raw}; a quantity has {sorted(_QUANTITY_KEYS)}")
    check(_is_number(raw.get("value")) and isinstance(raw.get("unit"), str),
          f"a quantity needs `value` (a number) and `unit` (a unit code): {raw}")
    check("value_max" not in raw or _is_number(raw["value_max"]), f"`value_max` is a number: {raw}")
    check(raw.get("qualifier") in (None, *QUALIFIERS), f"`qualifier` is one of {QUALIFIERS}: {raw}")
    check(raw.get("dimension", DIMENSIONS[0]) in DIMENSIONS, f"`dimension` is one of {DIMENSIONS}: {raw}")
    check(isinstance(raw.get("period", ""), str), f"`period` is a label (\"2024\") or \"{NO_PERIOD}\": {raw}")
    context = raw.get("context", "")
    check(isinstance(context, str) or (isinstance(context, list) and all(isinstance(c, str) for c in context)),
          f"`context` is a word prefix or a list of them: {raw}")
    quantity = {**raw}
    quantity.setdefault("qualifier", None)
    if quantity.get("period") == NO_PERIOD:
        quantity["period"] = None
    if "dimension" not in quantity and quantity["unit"] in registry():
        quantity["dimension"] = registry()[quantity["unit"]].dimension
    return quantity


def _is_number(x) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def _is_date(x) -> bool:
    return isinstance(x, date) and not isinstance(x, datetime)


def _shown(path: Path) -> str:
    """The path as a reader finds it: relative to the project when it is inside."""
    try:
        return str(path.resolve().relative_to(CASES_DIR.parent.parent))
    except ValueError:
        return str(path)
