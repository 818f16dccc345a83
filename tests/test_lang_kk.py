"""Kazakh, in Cyrillic and in the Latin alphabet: numbers, scale words, case suffixes on numbers and
units, units, qualifiers, periods and negatives, as written in economic news (sentences written for
these tests; figures invented), plus a property test that reads back numbers spelled by num2words."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from num2words import num2words

from extractors import extract
from lang_cases import q, run_case

A, MT, LT, AL, AM = "approximately", "more_than", "less_than", "at_least", "at_most"

CASES = [
    # digits, decimal comma, space groups, scale words and abbreviations
    ("Өңірде 7 591 жаңа кәсіпорын ашылды.", [q(7591, "count", context="кәсіпорын")]),
    ("Инфляция 8,6 пайызға дейін баяулады.", [q(8.6, "percent", AM)]),
    ("Бюджет тапшылығы 2,3 трлн теңге болды.", [q(2.3e12, "KZT")]),
    ("Елге 450 млн доллар инвестиция тартылды.", [q(450e6, "USD", context="инвестиция")]),
    ("Қор 12 млрд теңге бөлді.", [q(12e9, "KZT")]),
    ("Облыста 9 мың 200 бас мал сатылды.", [q(9200, "count")]),
    ("Жобаға 28 миллиард долларға келісім жасалды.", [q(28e9, "USD")]),
    # number words
    ("Бес облыс жаңа бағдарламаға қосылды.", [q(5, "count", context="облыс")]),
    ("Кездесуге он екі министр қатысты.", [q(12, "count", context="министр")]),
    ("Зауытта екі жүз елу адам жұмыс істейді.", [q(250, "count", context="адам")]),
    ("Биржада қырық үш компания тіркелген.", [q(43, "count", context="компания")]),
    ("Ауылға үш мың тонна көмір жеткізілді.", [q(3000, "t")]),
    # case suffixes on numbers and units
    ("Тараптар 29 келісімге қол қойды.", [q(29, "count", context="келісім")]),
    ("Экспорт 16,5 пайызға өсті.", [q(16.5, "percent")]),
    ("Өнім көлемі 19,4%-ға артты.", [q(19.4, "percent")]),
    ("Жол ұзындығы 1 150 шақырымға жетеді.", [q(1150, "km")]),
    ("Порт сыйымдылығы 200 мың тоннаға жетті.", [q(200_000, "t")]),
    ("Бағасы 500 ₸-ден асады.", [q(500, "KZT", MT)]),
    ("Жаңа құбыр 5 млрд текше метр газ тасымалдайды.", [q(5e9, "m3", context="газ")]),
    ("Станция қуаты 300 МВт-қа жетеді.", [q(300, "MW")]),
    ("Тасымал екі есеге артты.", [q(2, "times")]),
    # qualifiers
    ("Халық саны 20 миллионға жуық.", [q(20e6, "count", A)]),
    ("Жарты миллионнан астам адам тіркелді.", [q(500_000, "count", MT)]),
    ("Шамамен 3,4 трлн теңге жұмсалады.", [q(3.4e12, "KZT", A)]),
    ("Экспорттың 70 пайызынан астамы көрші елдерге тиесілі.", [q(70, "percent", MT)]),
    ("Сауда көлемі 1 млрд доллардан артық.", [q(1e9, "USD", MT)]),
    ("Жалақы 100 мың теңгеден кем болмауы тиіс.", [q(100_000, "KZT", LT)]),
    ("Жүк 50 мың тоннаға дейін ұлғаяды.", [q(50_000, "t", AM)]),
    ("Кем дегенде 40 мектеп салынады.", [q(40, "count", AL)]),
    ("Тауар айналымы 5 млрд доллардан асты.", [q(5e9, "USD", MT)]),
    # periods
    ("2024 жылы елде 6,2 млн тонна астық жиналды.", [q(6.2e6, "t", period="2024")]),
    ("Былтыр экспорт 3 млрд долларды құрады.", [q(3e9, "USD", period="2024")]),
    ("Биыл 120 шақырым жол жөнделеді.", [q(120, "km", period="2025")]),
    # Latin script (Kazinform)
    ("Qazaqstan bıyl 6,2 mln tonna astyq eksporttady.", [q(6.2e6, "t", period="2025")]),
    ("Jobanyń quny shamamen 3,4 trln teńge.", [q(3.4e12, "KZT", A)]),
    ("Jol uzyndyǵy 1 150 shaqyrym.", [q(1150, "km")]),
    ("Eksport 16,5 paıyzǵa ósti.", [q(16.5, "percent")]),
    ("Sheteldik ınvestısıa 10 mlrd dollardan astam.", [q(10e9, "USD", MT)]),
    ("Halyq sany 20 mıllıonǵa jýyq.", [q(20e6, "count", A)]),
    ("Byltyr bes oblys baǵdarlamaǵa qosyldy.", [q(5, "count", period="2024")]),
    # negatives: dates, ordinals, clock times, years, phones
    ("Кездесу 17 қыркүйекте өтті.", []),
    ("Брифинг сағат 11:30-да басталды.", []),
    ("Команда 2-ші орын алды.", []),
    ("Бірінші кезең аяқталды.", []),
    ("Заң 2024 жылы қабылданды.", []),
    ("Анықтама телефоны: 8 (7172) 30-40-50.", []),
    ("Kezdesý 17 qyrkúıekte ótti.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_kazakh(text, expected):
    run_case(text, expected, "kk")


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999_999))
def test_num2words_kazakh_read_back(n):
    words = num2words(n, lang="kz")
    text = f"Қоймаға {words} тонна астық түсті."
    found = [x for x in extract(text, "kk") if x.unit == "t"]
    assert found and found[0].value == n, (text, found)
    assert text[found[0].start:found[0].end] == found[0].text
