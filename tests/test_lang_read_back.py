"""Properties that need Python, beside the sentence cases of tests/cases/: numbers spelled out by
num2words read back as the same value, in Russian (every grammatical case) and in Kazakh."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st
from num2words import num2words

from extractors import extract


def _tonnes_read(text: str, lang: str) -> float:
    found = [x for x in extract(text, lang) if x.unit == "t"]
    assert found, (text, extract(text, lang))
    assert text[found[0].start:found[0].end] == found[0].text
    return found[0].value


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999_999),
       case=st.sampled_from(["nominative", "genitive", "dative", "instrumental", "prepositional"]))
def test_num2words_russian_read_back(n, case):
    text = f"Поставлено {num2words(n, lang='ru', case=case)} тонн."
    assert _tonnes_read(text, "ru") == n, text


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999_999))
def test_num2words_kazakh_read_back(n):
    text = f"Қоймаға {num2words(n, lang='kz')} тонна астық түсті."
    assert _tonnes_read(text, "kk") == n, text
