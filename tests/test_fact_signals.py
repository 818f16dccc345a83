"""The signals fact linkage compares across articles: indicator, entities (subject included), period
(resolved against the publication date, inherited from the article when a sentence states none), and
publication dates known only to the month or year. News-style sentences written for these tests."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import extract_records, invoke, query_json
from extractors import extract


# -- publication dates known to the month or the year -----------------------------------------------
def test_a_date_marker_given_to_the_month_or_year_loads_with_its_precision(tmp_path):
    (tmp_path / "en_month.txt").write_text(" date 2025-03\nExports rose 4% last year, to $2 billion.\n", encoding="utf-8")
    (tmp_path / "en_year.txt").write_text(" date 2024 \nThe plant employs 1,200 people.\n", encoding="utf-8")
    (tmp_path / "en_day.txt").write_text(" date 2025-03-07\nThe port handled 300 ships.\n", encoding="utf-8")
    (tmp_path / "news.jsonl").write_text("\n".join(json.dumps(r) for r in [
        {"id": "j_month", "lang": "en", "published": "2023-11", "text": "Imports fell 3% last year."},
        {"id": "j_year", "lang": "en", "published": "2022", "text": "Wheat exports reached 9 million tonnes."},
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = invoke("load", tmp_path, "--db", db, "--workers", 1, "--quiet")
    assert res.exit_code == 0, res.output
    rows = query_json(db, "select doc, published::varchar as published, published_precision from dim_article order by doc")
    assert [(r["doc"], r["published"], r["published_precision"]) for r in rows] == [
        ("en_day.txt", "2025-03-07", "day"), ("en_month.txt", "2025-03-01", "month"),
        ("en_year.txt", "2024-01-01", "year"), ("j_month", "2023-11-01", "month"), ("j_year", "2022-01-01", "year")]
    growth = query_json(db, "select doc, period, period_start::varchar as ps from v_quantities natural join "
                            "(select quantity_id, period_start from fact_quantity) where text like '%\\%' escape '\\' order by doc")
    assert [(r["doc"], r["period"], r["ps"]) for r in growth] == [
        ("en_month.txt", "2024", "2024-01-01"), ("j_month", "2022", "2022-01-01")]


def test_a_malformed_partial_date_is_still_rejected(tmp_path):
    (tmp_path / "bad.txt").write_text(" date 2025-13\nThe port handled 300 ships.\n", encoding="utf-8")
    res = invoke("load", tmp_path / "bad.txt", "--db", tmp_path / "w.duckdb")
    assert res.exit_code == 1
    assert "invalid publication date '2025-13'" in res.stderr


@pytest.mark.parametrize("marker", [" date 2025-10-25 ", " date 2025-10 ", " date 2025\n"])
def test_the_date_marker_never_leaks_into_the_sentence_or_the_quantified_words(tmp_path, marker):
    (tmp_path / "tr_x.txt").write_text(marker + "Kazakistan 80 milyon ton petrol üretti.\n", encoding="utf-8")
    recs = extract_records(tmp_path / "tr_x.txt")
    assert recs and recs[0]["sentence"] == "Kazakistan 80 milyon ton petrol üretti."
    assert all("date" not in (r["quantified"] or "") and "date" not in r["sentence"] for r in recs)


# -- periods, entities and indicators, in every language ---------------------------------------------
PUBLISHED = date(2024, 3, 15)


def _one(text: str, lang: str, surface: str):
    found = [q for q in extract(text, lang, PUBLISHED) if q.text.startswith(surface)]
    assert found, [q.text for q in extract(text, lang, PUBLISHED)]
    return found[0]


YEAR_BEFORE = [
    ("en", "Exports reached $4.1 billion in 2023, against $3.6 billion a year earlier.", "$3.6 billion"),
    ("ru", "Экспорт в 2023 году составил 4,1 млрд долларов против 3,6 млрд долларов годом ранее.", "3,6 млрд"),
    ("tr", "İhracat 2023 yılında 4,1 milyar dolar oldu, bir yıl önce 3,6 milyar dolar idi.", "3,6 milyar"),
    ("az", "İxrac 2023-cü ildə 4,1 milyard dollar olub, bir il əvvəl isə 3,6 milyard dollar idi.", "3,6 milyard"),
    ("kk", "Экспорт 2023 жылы 4,1 млрд доллар болды, бір жыл бұрын 3,6 млрд доллар еді.", "3,6 млрд"),
    ("uz", "Eksport 2023 yilda 4,1 mlrd dollarni tashkil etdi, bir yil oldin esa 3,6 mlrd dollar edi.", "3,6 mlrd"),
]


@pytest.mark.parametrize("lang,text,surface", YEAR_BEFORE)
def test_a_year_earlier_is_the_year_before_the_sentences_period(lang, text, surface):
    q = _one(text, lang, surface)
    assert (q.period_start, q.period_end) == ("2022-01-01", "2022-12-31")


NINE_MONTHS = [
    ("en", "In the first nine months of 2023 the port handled 12 million tonnes of cargo.", "12 million"),
    ("ru", "За девять месяцев 2023 года порт перевалил 12 млн тонн грузов.", "12 млн"),
    ("tr", "2023 yılının ilk dokuz ayında liman 12 milyon ton yük elleçledi.", "12 milyon"),
    ("az", "2023-cü ilin doqquz ayında liman 12 milyon ton yük aşırıb.", "12 milyon"),
    ("kk", "2023 жылдың тоғыз айында порт 12 млн тонна жүк өңдеді.", "12 млн"),
    ("uz", "2023 yilning to'qqiz oyida port 12 mln tonna yuk qabul qildi.", "12 mln"),
]


@pytest.mark.parametrize("lang,text,surface", NINE_MONTHS)
def test_months_counted_from_january_are_january_to_that_month(lang, text, surface):
    q = _one(text, lang, surface)
    assert (q.period_start, q.period_end) == ("2023-01-01", "2023-09-30")


def test_one_month_is_that_month_and_a_range_is_cumulative():
    june = _one("In June alone the mine produced 2 million tonnes of coal.", "en", "2 million")
    assert (june.period_start, june.period_end) == ("2023-06-01", "2023-06-30")
    both = _one("In January–June 2023 the mine produced 11 million tonnes of coal.", "en", "11 million")
    assert (both.period_start, both.period_end) == ("2023-01-01", "2023-06-30")
    dated = _one("ASTANA, Jan 19 – The mine produced 11 million tonnes of coal in 2023.", "en", "11 million")
    assert (dated.period_start, dated.period_end) == ("2023-01-01", "2023-12-31")


SINCE = [
    ("en", "Since 2005 the fund has invested $3 billion in roads.", "$3 billion"),
    ("tr", "Fon 2005'ten bu yana yollara 3 milyar dolar yatırdı.", "3 milyar"),
    ("kk", "Қор 2005 жылдан бері жолдарға 3 млрд доллар салды.", "3 млрд"),
    ("uz", "Jamg'arma 2005 yildan beri yo'llarga 3 mlrd dollar sarfladi.", "3 mlrd"),
]


@pytest.mark.parametrize("lang,text,surface", SINCE)
def test_since_a_year_is_not_that_year(lang, text, surface):
    assert _one(text, lang, surface).period_start != "2005-01-01"


def test_a_sentence_without_a_period_takes_the_articles_and_says_so():
    text = ("Wheat exports rise 8% to 9 million tonnes\n"
            "Kazakhstan exported 9 million tonnes of wheat in 2023, 8% more than a year before. "
            "Most of it went to Uzbekistan.")
    head = _one(text, "en", "9 million")
    assert (head.period_start, head.period_source) == ("2023-01-01", "article")
    body = [q for q in extract(text, "en", PUBLISHED) if q.text == "9 million tonnes"][1]
    assert (body.period_start, body.period_source) == ("2023-01-01", "sentence")


CURRENCY = [
    ("en", "Kazakhstan's exports reached 4 billion US dollars.", "KAZ"),
    ("ru", "Экспорт Казахстана составил 4 млрд долларов США.", "KAZ"),
    ("tr", "Kazakistan'ın ihracatı 4 milyar ABD dolarına ulaştı.", "KAZ"),
    ("az", "Qazaxıstanın ixracı 4 milyard ABŞ dolları olub.", "KAZ"),
    ("kk", "Қазақстанның экспорты 4 млрд АҚШ долларын құрады.", "KAZ"),
    ("uz", "Qozog'iston eksporti 4 mlrd AQSh dollarini tashkil etdi.", "KAZ"),
]


@pytest.mark.parametrize("lang,text,entity", CURRENCY)
def test_a_currency_name_adds_no_country(lang, text, entity):
    q = _one(text, lang, "4 ")
    assert "USA" not in q.entities and entity in q.entities and q.subject_entity != "USA"


EXCLUDING = [
    ("en", "Kazakhstan shipped 2 million tonnes of oil bypassing Russia.", "2 million"),
    ("ru", "Казахстан отгрузил 2 млн тонн нефти в обход России.", "2 млн"),
    ("tr", "Kazakistan Rusya'yı baypas ederek 2 milyon ton petrol sevk etti.", "2 milyon"),
    ("uz", "Qozog‘iston Rossiyani chetlab o‘tib 2 mln tonna neft jo‘natdi.", "2 mln"),
]


@pytest.mark.parametrize("lang,text,surface", EXCLUDING)
def test_an_excluded_country_is_no_entity(lang, text, surface):
    q = _one(text, lang, surface)
    assert "RUS" not in q.entities and "KAZ" in q.entities


def test_the_previous_sentences_entity_is_carried():
    text = "Uzbekistan's gold output rose in 2023. The mines produced 110 tonnes."
    assert _one(text, "en", "110 tonnes").entities == ("UZB",)


def test_exported_to_is_exports_and_a_share_is_not_a_growth_rate():
    ru = _one("Казахстан экспортировал в Турцию товаров на 4,3 млрд долларов.", "ru", "4,3 млрд")
    assert ru.indicator == "exports"
    text = "Trade turnover rose 25%, and China's share of the turnover reached 21%."
    growth, share = _one(text, "en", "25%"), _one(text, "en", "21%")
    assert growth.indicator == "trade_turnover_growth" and share.indicator == "trade_turnover_share"


def test_wagons_are_not_passengers_and_a_forecast_is_marked():
    assert _one("The railway will buy 1,500 new wagons.", "en", "1,500").indicator == "railcars"
    plan = _one("The ministry expects coal output to reach 120 million tonnes in 2024.", "en", "120 million")
    assert plan.period_is_target


AIRPORT = [
    ("en", "Heydar Aliyev International Airport served 5.9 million passengers last year.", "5.9 million"),
    ("ru", "Международный аэропорт Гейдар Алиев обслужил 5,9 млн пассажиров.", "5,9 млн"),
    ("tr", "Haydar Aliyev Uluslararası Havalimanı geçen yıl 5,9 milyon yolcuya hizmet verdi.", "5,9 milyon"),
    ("az", "Heydər Əliyev Beynəlxalq Aeroportunun sərnişin axını 5,9 milyon nəfər olub.", "5,9 milyon"),
    ("kk", "Гейдар Әлиев халықаралық әуежайы былтыр 5,9 млн жолаушыға қызмет көрсетті.", "5,9 млн"),
    ("uz", "Haydar Aliyev xalqaro aeroporti o'tgan yili 5,9 mln yo'lovchiga xizmat ko'rsatdi.", "5,9 mln"),
]


@pytest.mark.parametrize("lang,text,surface", AIRPORT)
def test_an_airport_is_an_entity_and_its_passengers_an_indicator(lang, text, surface):
    q = _one(text, lang, surface)
    assert "GYD" in q.entities and q.indicator == "passengers"


def test_the_articles_period_is_the_latest_one_over_at_publication():
    text = ("Coal output slips\n"
            "The country mined 110 million tonnes of coal in 2023, after 114 million tonnes in 2022. "
            "Exports fell to 30 million tonnes. The ministry expects 118 million tonnes in 2024.")
    exports = _one(text, "en", "30 million")
    assert (exports.period_start, exports.period_source) == ("2023-01-01", "article")
    assert _one(text, "en", "118 million").period_is_target


def test_a_sentence_that_refers_back_measures_the_change_of_the_figure_before():
    text = ("Uzbekistan's trade turnover reached $30 billion in the first half of 2023. "
            "This is 25% more than a year earlier.")
    assert _one(text, "en", "25%").indicator == "trade_turnover_growth"


def test_a_commodity_of_a_later_clause_does_not_name_the_indicator():
    q = _one("Kazakhstan exported goods worth $4 billion to Türkiye, mainly oil and metals.", "en", "$4 billion")
    assert q.indicator == "exports"


PEOPLE = [
    ("en", "The coal industry, which employs some 32,000 people, wants lower tariffs.", "some 32,000", "employment"),
    ("az", "Aeroportun illik sərnişin axını 2030-cu ilədək 10 milyon nəfərə çatdırılacaq.", "10 milyon", "passengers"),
]


@pytest.mark.parametrize("lang,text,surface,indicator", PEOPLE)
def test_a_count_of_people_measures_the_indicator_word_of_its_clause(lang, text, surface, indicator):
    assert _one(text, lang, surface).indicator == indicator


def test_a_sentence_referring_back_to_a_currency_takes_no_country_from_it():
    text = "Экспорт 2023 жылы 4 млрд АҚШ долларын құрады. Бұл 2022 жылмен салыстырғанда 5 пайызға артық."
    q = _one(text, "kk", "5 пайызға")
    assert q.subject_entity is None and "USA" not in q.entities
