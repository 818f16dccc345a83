"""Properties of extraction that hold for any text in any language table:

- it never raises (random Unicode, huge numbers, long digit runs, mixtures of digits, punctuation
  and the language's own number, scale, unit and qualifier words);
- every span satisfies text[q.start:q.end] == q.text and 0 <= start < end <= len(text);
- values (value, value_max, base_value) are finite;
- the output is the same for the same input.
"""
from __future__ import annotations

import math
from datetime import date
from functools import lru_cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import extractors
from extractors import extract
from extractors.tables import load_table

LANGUAGES = extractors.LANGUAGES
PUBLISHED = date(2025, 11, 20)
FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

PUNCTUATION = list(".,-–—:;%/'’ʼ‘`()+#№§$€₺₸₽£₼¥°²³") + ["...", " - ", "'", "%-", "'den", "-də"]
SPACES = [" ", " ", " ", "", "\u00a0", "\u202f", "\n", "\t", ". ", ", "]


def check(text: str, lang: str) -> None:
    first = extract(text, lang, PUBLISHED)
    for q in first:
        assert 0 <= q.start < q.end <= len(text), (text, q)
        assert text[q.start:q.end] == q.text, (text, q)
        assert math.isfinite(q.value), (text, q)
        assert q.value_max is None or math.isfinite(q.value_max), (text, q)
        assert q.base_value is None or math.isfinite(q.base_value), (text, q)
        assert q.lang in LANGUAGES
    again = extract(text, lang, PUBLISHED)
    assert [q.to_dict() for q in first] == [q.to_dict() for q in again], text


@lru_cache(maxsize=None)
def vocabulary(lang: str) -> list[str]:
    """The table's own words: number, scale, fraction and ratio words, unit and qualifier surfaces,
    months and suffixes; plus some digit shapes."""
    t = load_table(lang)
    words = set(t.words) | set(t.scales) | set(t.share_words) | set(t.prefix_fractions) | set(t.ratio_words) \
        | set(t.glued_scales)
    for mapping in (t.units_after, t.units_before, t.qualifiers_before, t.qualifiers_after,
                    t.qualifiers_after_ablative):
        words |= {" ".join(k) for k in mapping}
    words |= set(t.months) | set(t.ordinal_suffixes) | set(t.id_before) | set(t.id_after)
    words |= {"'" + s for s in t.suffixes} | {"-" + s for s in t.suffixes}
    words |= {"1", "15", "2024", "1.768", "4,8", "1,511", "70.5", "7 591", "09.10.2025", "20:22", "0", "007"}
    return sorted(w for w in words if w)


def mixtures(lang: str):
    pieces = st.one_of(
        st.sampled_from(vocabulary(lang)),
        st.integers(min_value=0, max_value=10 ** 40).map(str),
        st.sampled_from(PUNCTUATION),
        st.text(min_size=1, max_size=4),
    )
    return st.lists(st.tuples(pieces, st.sampled_from(SPACES)), max_size=40).map(
        lambda parts: "".join(p + s for p, s in parts))


# Grouped digits beyond the float range (`1,000,...,000` with 103 groups) read as inf: an engine
# bug pinned by test_grouped_number_beyond_float_range below. Until it is fixed, the grouped shapes
# here stay below 10**290 (so that scale words after them stay finite too); raise the bound to
# 10**400 when that test passes.
GROUPED_MAX = 10 ** 290

huge_numbers = st.one_of(
    st.integers(min_value=10 ** 15, max_value=10 ** 400).map(str),
    st.integers(min_value=1, max_value=GROUPED_MAX).map(lambda n: f"{n:,}"),
    st.integers(min_value=1, max_value=GROUPED_MAX).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(min_value=1, max_value=GROUPED_MAX).map(lambda n: f"{n:,}".replace(",", " ")),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats(min_value=0, max_value=1e290).map(lambda f: f"{f:,.3f}"),
)


@pytest.mark.parametrize("lang", LANGUAGES)
@FAST
@given(text=st.text(max_size=300))
def test_random_unicode(lang, text):
    check(text, lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@FAST
@given(number=huge_numbers, unit=st.sampled_from(["", " milyar dolar", " billion dollars", " %", " mln. ton",
                                                    " km", "bn", "m", " bin", " трлн", "'ye", "-dən"]),
       before=st.sampled_from(["", "$", "€", "yüzde ", "about ", "təxminən ", "more than ", "-", "+"]))
def test_huge_numbers(lang, number, unit, before):
    check(f"Exports {before}{number}{unit} in 2024.", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@FAST
@given(digits=st.text(alphabet="0123456789", min_size=1, max_size=2000),
       seps=st.text(alphabet="0123456789., -:'’", max_size=300))
def test_long_digit_runs(lang, digits, seps):
    check(digits, lang)
    check(f"{digits[:50]}{seps}{digits[50:]}", lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@FAST
@given(data=st.data())
def test_mixtures_of_table_words(lang, data):
    check(data.draw(mixtures(lang)), lang)


@pytest.mark.parametrize("lang", LANGUAGES)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_other_languages_words(lang, data):
    """Text in one language read with another language's table (misdetected language)."""
    other = data.draw(st.sampled_from(LANGUAGES))
    check(data.draw(mixtures(other)), lang)


def test_unknown_language_and_empty_text():
    assert extract("", "tr") == []
    for q in extract("Exports reached $5bn.", "xx"):
        assert q.text == "Exports reached $5bn."[q.start:q.end]


@pytest.mark.parametrize("lang,text", [
    ("en", "Debt hit 1" + ",000" * 103 + " dollars."),
    ("tr", "Borç 1" + ".000" * 103 + " dolara ulaştı."),
    ("en", "It cost 1" + ",000" * 102 + " billion."),
    ("en", "It cost " + "9" * 30 + " million."),
])
def test_grouped_number_beyond_float_range(lang, text):
    check(text, lang)
