"""Facts across articles (extractors/facts.py): names through suffixes, periods as dates, one key
for one figure in any language."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import SEEDS
from extractors import extract, facts
from extractors.tables import available_languages, load_table
from extractors.tokens import tokenize

PUBLISHED = date(2025, 11, 20)

NAMES = {
    "tr": [("Kazakistan’ın", "KAZ"), ("Kazak petrolü", "KAZ"), ("Rusya’daki", "RUS"), ("Çin'e", "CHN"),
           ("Hazar Boru Hattı Konsorsiyumu’nun", "CPC"), ("Orta Koridor'da", "MIDDLE_CORRIDOR")],
    "az": [("Qazaxıstanın", "KAZ"), ("Rusiyadan", "RUS"), ("Orta Dəhlizə", "MIDDLE_CORRIDOR"), ("SOCAR-ın", "SOCAR")],
    "en": [("Kazakhstan's", "KAZ"), ("Kazakh oil", "KAZ"), ("Caspian Pipeline Consortium", "CPC"),
           ("the Middle Corridor", "MIDDLE_CORRIDOR"), ("KazMunayGas", "KMG")],
    "ru": [("Казахстана", "KAZ"), ("казахстанской нефти", "KAZ"), ("России", "RUS"), ("Китаем", "CHN"),
           ("Каспийского трубопроводного консорциума", "CPC"), ("КазМунайГаза", "KMG")],
    "kk": [("Қазақстанның", "KAZ"), ("Ресейге", "RUS"), ("Қытаймен", "CHN")],
    "uz": [("Qozog‘istonning", "KAZ"), ("Rossiyaga", "RUS"), ("Xitoy bilan", "CHN")],
}


@pytest.mark.parametrize("lang,text,entity", [(l, t, e) for l, cases in NAMES.items() for t, e in cases])
def test_names_resolve_through_suffixes(lang, text, entity):
    if lang not in available_languages():
        pytest.skip(f"no {lang} table yet")
    found = [e for _, _, e in facts.entities_in(tokenize(text), load_table(lang))]
    assert found and found[-1] == entity, found


def test_a_capitalised_name_needs_a_capital():
    # Turkish `mali` (financial) is not Mali; `rus` inside a lower-case word is no Russia
    assert facts.entities_in(tokenize("mali yıl boyunca"), load_table("tr")) == []


def _one(text, lang, published=PUBLISHED, pick=None):
    qs = extract(text, lang, published)
    qs = [q for q in qs if pick is None or pick in q.text]
    assert qs, f"nothing extracted from {text!r}"
    return qs[0]


@pytest.mark.parametrize("lang,text,pick,start,end", [
    ("tr", "Ocak–Temmuz 2025 döneminde Kazakistan’ın ihracatı 40 milyar dolar oldu.", "40", "2025-01-01", "2025-07-31"),
    ("en", "In January-July 2025 Kazakhstan's exports reached $40 billion.", "40", "2025-01-01", "2025-07-31"),
    ("ru", "В январе–июле 2025 года экспорт Казахстана составил 40 млрд долларов.", "40", "2025-01-01", "2025-07-31"),
    ("uz", "Yanvar-sentyabr oylarida Qozog‘iston eksporti 40 mlrd dollarni tashkil etdi.", "40", "2025-01-01", "2025-09-30"),
    ("en", "In the first half of 2025 Kazakhstan's exports reached $40 billion.", "40", "2025-01-01", "2025-06-30"),
    ("en", "In the third quarter of 2024 Kazakhstan's exports reached $12 billion.", "12", "2024-07-01", "2024-09-30"),
    ("en", "Last year Kazakhstan's exports reached $80 billion.", "80", "2024-01-01", "2024-12-31"),
    ("tr", "Kazakistan’ın ihracatı 2024 yılında 80 milyar dolar oldu.", "80", "2024-01-01", "2024-12-31"),
])
def test_periods_normalise(lang, text, pick, start, end):
    if lang not in available_languages():
        pytest.skip(f"no {lang} table yet")
    q = _one(text, lang, pick=pick)
    assert (q.period_start, q.period_end) == (start, end), q
    assert q.indicator == "exports" and q.entities == ("KAZ",), q


@pytest.mark.parametrize("lang,text", [
    ("en", "Kazakhstan plans to raise trade with China to $80 billion by 2030."),
    ("tr", "Kazakistan, Çin ile ticaret hacmini 2030'a kadar 80 milyar dolara çıkarmayı planlıyor."),
    ("ru", "Казахстан планирует довести товарооборот с Китаем до 80 млрд долларов к 2030 году."),
])
def test_targets_are_marked_and_keyed_apart(lang, text):
    q = _one(text, lang, pick="80")
    assert q.period_is_target and q.period_start == "2030-01-01", q
    assert q.indicator == "trade_turnover" and q.entities == ("CHN", "KAZ"), q
    assert q.fact == "trade_turnover|CHN+KAZ|by 2030-01-01/2030-12-31|8e+10 USD"


SAME = {
    "ru": "Добыча нефти в Казахстане в 2024 году составила 87,7 млн тонн.",
    "en": "Kazakhstan's oil production reached 87.7 million tonnes in 2024.",
    "tr": "Kazakistan’ın petrol üretimi 2024 yılında 87,7 milyon ton oldu.",
}


def test_one_figure_in_three_languages_gets_one_key():
    keys = {lang: _one(text, lang, pick="87").fact for lang, text in SAME.items()}
    assert keys["en"] == "oil_production|KAZ|2024-01-01/2024-12-31|8.77e+10 kg", keys
    assert keys["tr"] == keys["en"] == keys["ru"], keys


@pytest.mark.parametrize("text", [
    "Kazakhstan's oil production reached 87.7 million tonnes in 2023.",      # another period
    "Azerbaijan's oil production reached 87.7 million tonnes in 2024.",      # another entity
    "Kazakhstan's oil production reached 88.9 million tonnes in 2024.",      # another value
    "Kazakhstan's oil exports reached 87.7 million tonnes in 2024.",         # another indicator
])
def test_another_period_entity_value_or_indicator_gets_another_key(text):
    base = _one(SAME["en"], "en", pick="87").fact
    other = _one(text, "en", pick="million").fact
    assert other and other != base


def test_rounding_to_three_significant_figures():
    a = _one("Kazakhstan's oil production reached 87.7 million tonnes in 2024.", "en").fact
    b = _one("Kazakhstan's oil production reached 87.71 million tonnes in 2024.", "en").fact
    assert a == b


def test_bilateral_figure_names_both_sides():
    q = _one("Trade between Kazakhstan and Russia reached $28 billion in 2024.", "en")
    assert q.indicator == "trade_turnover" and q.entities == ("KAZ", "RUS")


def test_the_cpc_share_in_turkish_and_english_gets_one_key():
    tr = [q for q in extract((SEEDS / "000_127ad133190af4d6.txt").read_text(encoding="utf-8"), "tr")
          if q.text.startswith("yüzde 80")]
    en = [q for q in extract((SEEDS / "003_cdd2637b0fb9ae17.txt").read_text(encoding="utf-8"), "en")
          if q.text == "80 percent"]
    assert tr and en
    assert tr[0].fact == en[0].fact == "oil_route_share|CPC+EUROPE+KAZ|-|80 percent"
    assert tr[0].period_start is None   # present tense `taşıyor`, `carries`: no period stated


def test_no_fact_without_indicator_or_entity():
    q = _one("The meeting lasted three days.", "en")
    assert q.fact is None


def test_lexicon_is_compiled_once_per_table():
    t = load_table("tr")
    assert facts.lexicon(t) is facts.lexicon(t)


def test_jsonl_prints_the_fact_fields(seed_extraction):
    for field in ("indicator", "entities", "period_start", "period_end", "fact"):
        assert all(field in r for r in seed_extraction)
    assert any(r["fact"] for r in seed_extraction)
