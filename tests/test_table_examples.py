"""Examples carried by the language tables themselves, run through the shared case runner.

A table (extractors/languages/<code>.toml) may end with an array of examples:

    [[examples]]
    text = "Toplantıda 12 anlaşma imzalandı."
    value = 12
    unit = "count"
    qualifier = "more_than"   # optional; absent means no qualifier
    value_max = 18            # optional; a range
    period = "2024"           # optional
    context = "anlaşma"       # optional; a word prefix of `quantified` or `subject`

Each example is one sentence with exactly one quantity (extra quantities fail the example);
`expect_none = true` (with no value/unit) makes it a negative: the text must yield nothing.
Adding a language with its own examples needs no change here.
"""
from __future__ import annotations

import pytest

import extractors
from extractors.tables import load_table
from lang_cases import run_case

def _examples():
    params = []
    for lang in extractors.LANGUAGES:
        for n, ex in enumerate(load_table(lang).spec.examples, 1):
            params.append(pytest.param(lang, ex, id=f"{lang}-{n}-{ex.text[:40]}"))
    return params


EXAMPLES = _examples()


@pytest.mark.parametrize("lang,example", EXAMPLES)
def test_table_example(lang, example):
    """Unknown keys and a missing text fail when the table loads (extractors/table_spec.py)."""
    if example.expect_none:
        assert example.value is None, f"{lang}: a negative example has no value: {example}"
        run_case(example.text, [], lang)
        return
    assert example.value is not None and example.unit is not None, f"{lang}: example needs value and unit: {example}"
    expected = example.expected()
    expected.setdefault("qualifier", None)
    run_case(example.text, [expected], lang)


@pytest.mark.parametrize("lang", ["tr", "az", "en"])
def test_tables_carry_examples(lang):
    """The first three tables carry their own examples (5 or more each), positives and negatives."""
    examples = load_table(lang).spec.examples
    assert len(examples) >= 5, f"{lang}: only {len(examples)} examples"
    assert any(e.expect_none for e in examples), f"{lang}: no negative example"
