"""A shared runner for per-language extraction cases (tests/test_lang_*.py, table examples).

A case is `(text, expected)`:

- `expected == []`: a negative; the text must yield no quantity at all (dates, years, clock
  times, ordinals, identifiers, phone, law and article numbers, scores).
- otherwise a list of dicts, one per quantity the text must yield:
    value       required; scale applied (`63 milyon ton` -> 63e6), compared with rel 1e-9
    unit        required; a unit code of seeds/units.csv ("km", "USD", "percent", "count")
    qualifier   optional key, but always checked: absent means the quantity has no qualifier
    value_max   optional; absent means "not a range" (value_max must be None)
    dimension   optional; checked when given
    period      optional; checked when given (None means no period)
    context     optional; a word prefix (or a list, any of which) that must begin a word of the
                quantity's `quantified` or `subject` (case-insensitive, like score.py)
  The list may end with `...` (Ellipsis) to allow further quantities; without it the text must
  yield exactly the listed quantities, so false positives fail too.

Every extracted span must satisfy `text[q.start:q.end] == q.text`. A failure prints what was
extracted, so a broken case shows the engine's reading next to the expectation.
"""
from __future__ import annotations

import math
import unicodedata
from datetime import date

import pytest

from extractors import extract

# Relative periods (`geçen yıl`, `ötən il`, `last year`) resolve against this publication date.
PUBLISHED = date(2025, 11, 20)

_KEYS = {"value", "value_max", "unit", "dimension", "qualifier", "period", "context"}


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


def run_case(text: str, expected: list, lang: str, published: date | None = PUBLISHED) -> None:
    """Assert that `extract(text, lang)` yields what `expected` says (see the module docstring)."""
    found = extract(text, lang, published)
    shown = "\n".join("    " + describe(q) for q in found) or "    (nothing)"
    header = f"[{lang}] {text!r}\n  extracted:\n{shown}"
    for q in found:
        assert text[q.start:q.end] == q.text, f"{header}\n  span mismatch: {text[q.start:q.end]!r} != {q.text!r}"
        assert 0 <= q.start < q.end <= len(text), f"{header}\n  span out of range"
    open_ended = bool(expected) and expected[-1] is Ellipsis
    wanted = [e for e in expected if e is not Ellipsis]
    for exp in wanted:
        unknown = set(exp) - _KEYS
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


def q(value, unit, qualifier=None, **kw) -> dict:
    """Shorthand for an expected quantity: q(29, "count", context="anlaşma")."""
    from extractors.units import registry
    d = {"value": value, "unit": unit, "qualifier": qualifier, **kw}
    if "dimension" not in d and unit in registry():
        d["dimension"] = registry()[unit].dimension
    return d


def gap(reason: str):
    """Marks a case the engine does not read yet (not a table gap). Strict: once the engine reads it,
    the test fails until the mark is taken off, so a fixed gap never hides."""
    return pytest.mark.xfail(reason=reason, strict=True)
