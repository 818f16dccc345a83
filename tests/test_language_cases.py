"""Every language's sentence cases, kept as data (tests/cases/<code>.toml, one file per language) and
run by one test. The format and the comparison are described in tests/lang_cases.py; a case the
engine does not read yet carries `gap = "why"` and is a strict xfail."""
from __future__ import annotations

import pytest

import extractors
from lang_cases import CASES_DIR, MalformedCase, SentenceCase, read_case_file, run_case

CASE_FILES = sorted(CASES_DIR.glob("*.toml"))


def _params() -> list:
    params = []
    for path in CASE_FILES:
        for n, case in enumerate(read_case_file(path), 1):
            if isinstance(case, MalformedCase):
                params.append(pytest.param(case, id=f"{path.stem}-malformed-case-{n}"))
                continue
            gap = [pytest.mark.xfail(reason=case.gap, strict=True, raises=AssertionError)] if case.gap else []
            params.append(pytest.param(case, id=f"{case.lang}-{case.text}", marks=gap))
    return params


@pytest.mark.parametrize("case", _params())
def test_sentence_case(case: SentenceCase | MalformedCase):
    if isinstance(case, MalformedCase):
        pytest.fail(str(case), pytrace=False)
    run_case(case.text, case.expected, case.lang, case.published, where=case.where)


@pytest.mark.parametrize("lang", extractors.LANGUAGES)
def test_every_language_has_its_cases(lang):
    """A language table comes with a case file of 40 or more sentences, negatives among them."""
    path = CASES_DIR / f"{lang}.toml"
    assert path.exists(), f"no case file for {lang}: write {path} (see tests/lang_cases.py)"
    cases = [c for c in read_case_file(path) if isinstance(c, SentenceCase)]
    assert len(cases) >= 40, f"{path}: only {len(cases)} cases"
    assert any(not c.expected for c in cases), f"{path}: no negative (`expect_none = true`)"


def test_case_files_name_languages():
    assert CASE_FILES, f"no case files in {CASES_DIR}"
    unknown = [p.name for p in CASE_FILES if p.stem not in extractors.LANGUAGES]
    assert not unknown, f"case files for no language table: {unknown}"


GOOD = '''published = 2025-11-20

# counts
[[case]]
text = "Üç bakan toplantıya katıldı."
expect = [{ value = 3, unit = "count", context = "bakan" }]
'''


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_malformed_entry_is_named_by_file_line_and_number(tmp_path):
    path = _write(tmp_path, "tr.toml", GOOD + '''
[[case]]
text = "Toplantıda 12 anlaşma imzalandı."
expect = [{ vlaue = 12, unit = "count" }]

[[case]]
text = "Toplantı saat 10.00'da başlayacak."
expect = [{ value = 10, unit = "h" }]
expect_none = true
''')
    good, misspelt, both = read_case_file(path)
    assert isinstance(good, SentenceCase) and good.where.endswith("tr.toml:4 (case 1)")
    assert good.expected == [{"value": 3, "unit": "count", "context": "bakan", "qualifier": None, "dimension": "count"}]
    assert isinstance(misspelt, MalformedCase)
    assert "tr.toml:8 (case 2)" in str(misspelt) and "anlaşma" in str(misspelt) and "vlaue" in str(misspelt)
    assert isinstance(both, MalformedCase) and "tr.toml:12 (case 3)" in str(both) and "expect_none" in str(both)


def test_an_unreadable_file_is_named_with_its_line(tmp_path):
    path = _write(tmp_path, "tr.toml", GOOD + '[[case]]\ntext = "Üç bakan"\nexpect = [{ value = 3, unit = }]\n')
    [error] = read_case_file(path)
    assert isinstance(error, MalformedCase) and "tr.toml: not valid TOML" in str(error) and "line 9" in str(error)


def test_a_file_without_its_publication_date_is_malformed(tmp_path):
    path = _write(tmp_path, "tr.toml", GOOD.replace("published = 2025-11-20\n", ""))
    [error] = read_case_file(path)
    assert isinstance(error, MalformedCase) and "published" in str(error)


def test_a_wrong_expectation_fails_showing_expected_and_extracted(tmp_path):
    [case] = read_case_file(_write(tmp_path, "tr.toml", GOOD.replace("value = 3,", "value = 4,")))
    with pytest.raises(AssertionError) as failure:
        run_case(case.text, case.expected, case.lang, case.published, where=case.where)
    message = str(failure.value)
    assert "tr.toml:4 (case 1)" in message and "value 3.0 != 4" in message and "'Üç bakan'@0:8" in message
