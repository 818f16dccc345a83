"""Russian: numbers in every case, scale words and abbreviations, units, qualifiers, periods and
negatives, as written in economic news (sentences written for these tests; figures invented), plus a
property test that reads back numbers spelled by num2words in several grammatical cases."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from num2words import num2words

from extractors import extract
from lang_cases import q, run_case

A, MT, LT, AL, AM = "approximately", "more_than", "less_than", "at_least", "at_most"

CASES = [
    # digits: decimal comma, groups with a space and a no-break space
    ("Инфляция в регионе замедлилась до 16,5 процента.", [q(16.5, "percent", AM)]),
    ("На заводе работают 7 591 человек.", [q(7591, "count", context="человек")]),
    ("Бюджет города составил 12\u00a0480 млн рублей.", [q(12_480e6, "RUB", context="бюджет")]),
    ("Выручка компании достигла 3,75 млрд долларов.", [q(3.75e9, "USD", context="выручк")]),
    # scale abbreviations with and without the dot, scale words in several cases
    ("Банк выдал кредиты на 640 тыс. рублей.", [q(640_000, "RUB")]),
    ("Госдолг превысил 2,1 трлн тенге.", [q(2.1e12, "KZT", MT)]),
    ("Импорт зерна вырос на 1,2 млн т.", [q(1.2e6, "t", context="импорт")]),
    ("В стране насчитывается более пяти тысяч фермерских хозяйств.", [q(5000, "count", MT)]),
    ("Проект оценивается в два миллиарда евро.", [q(2e9, "EUR", context="проект")]),
    ("Фонду не хватает двухсот миллионов рублей.", [q(200e6, "RUB")]),
    ("Речь идёт о сорока тысячах тонн угля.", [q(40_000, "t", context="угл")]),
    ("Город получил субсидию в размере двадцати пяти миллионов тенге.", [q(25e6, "KZT")]),
    ("Помощь получили семьсот сорок три семьи.", [q(743, "count", context="сем")]),
    # collective numerals
    ("В аварии двое погибли, трое ранены.", [q(2, "count"), q(3, "count")]),
    ("Между двумя тысячами участников разыграли призы.", [q(2000, "count", context="участник")]),
    # полтора, пол-
    ("Строительство обойдётся в полтора миллиарда долларов.", [q(1.5e9, "USD")]),
    ("Урожай составил полторы тысячи тонн.", [q(1500, "t")]),
    ("Добыча выросла более чем в полтора раза.", [q(1.5, "times", MT)]),
    ("Переговоры длились полгода.", [q(0.5, "year")]),
    ("Ремонт дороги займёт пол-года.", [q(0.5, "year")]),
    ("Заседание продлилось полчаса.", [q(0.5, "h")]),
    ("Экспорт достиг полмиллиона тонн.", [q(500_000, "t")]),
    # units
    ("Длина нового трубопровода — 430 км.", [q(430, "km")]),
    ("По трубопроводу прокачали 18 млрд куб. м газа.", [q(18e9, "m3", context="газ")]),
    ("Поставки газа составили 6,3 млрд кубометров.", [q(6.3e9, "m3")]),
    ("Добыча нефти — 1,8 млн баррелей в сутки.", [q(1.8e6, "bbl/d")]),
    ("Станция выработала 2,4 млрд кВт·ч электроэнергии.", [q(2.4e9, "kWh")]),
    ("Мощность новой станции — 500 МВт.", [q(500, "MW")]),
    ("Ставка выросла на 0,75 п.п.", [q(0.75, "pp")]),
    ("Доля импорта снизилась на 2 процентных пункта.", [q(2, "pp")]),
    ("Средняя цена — 450 руб. за литр.", [q(450, "RUB")]),
    ("Контракт подписан на 120 млн долл.", [q(120e6, "USD")]),
    ("Стоимость тура — $1 200.", [q(1200, "USD")]),
    ("Пенсия выросла до 95 тыс. тг.", [q(95_000, "KZT", AM)]),
    ("Зарплата в среднем 6 млн сумов.", [q(6e6, "UZS")]),
    ("Цены на жильё выросли в 6 раз.", [q(6, "times")]),
    ("Производство увеличилось вдвое.", [q(2, "times")]),
    ("Срок кредита — от 3 до 5 лет.", [q(3, "year", value_max=5)]),
    ("Субсидии составят от 100 до 150 тыс. рублей.", [q(100_000, "RUB", value_max=150_000)]),
    # qualifiers
    ("В акции участвовали около 300 волонтёров.", [q(300, "count", A)]),
    ("Компания инвестирует примерно 40 млрд рублей.", [q(40e9, "RUB", A)]),
    ("Убытки составили порядка 7 млн долларов.", [q(7e6, "USD", A)]),
    ("Урожай почти 20 млн тонн.", [q(20e6, "t", A)]),
    ("Свыше 1 500 предприятий получили льготы.", [q(1500, "count", MT)]),
    ("Экспорт составил больше 4 млрд долларов.", [q(4e9, "USD", MT)]),
    ("Менее 10% опрошенных поддержали идею.", [q(10, "percent", LT)]),
    ("Мощность — не менее 300 МВт.", [q(300, "MW", AL)]),
    ("Расходы составят не более 2 млрд тенге.", [q(2e9, "KZT", AM)]),
    ("Оборот превысил 10 млрд долларов.", [q(10e9, "USD", MT)]),
    ("Товарооборот превысили 3 млрд долларов.", [q(3e9, "USD", MT)]),
    # periods
    ("В 2024 году экспорт составил 12 млрд долларов.", [q(12e9, "USD", period="2024")]),
    ("В прошлом году компания добыла 5 млн тонн.", [q(5e6, "t", period="2024")]),
    ("К 2030 году мощность достигнет 900 МВт.", [q(900, "MW", period="2030")]),
    ("За январь–июль 2025 года перевезено 3,2 млн тонн.", [q(3.2e6, "t", period="2025")]),
    # negatives: dates, ordinals, years, ids, phones
    ("Соглашение подписано 12 июня 2025 года.", []),
    ("Команда заняла 2-й этап отбора.", []),
    ("Это второй этап программы.", []),
    ("Закон принят в 2024 г.", []),
    ("Справки по телефону +7 (727) 250-00-00.", []),
    ("Рейс SU 1234 задержан.", []),
    ("Статья 15 закона изменена.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_russian(text, expected):
    run_case(text, expected, "ru")


@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=2, max_value=999_999_999),
       case=st.sampled_from(["nominative", "genitive", "dative", "instrumental", "prepositional"]))
def test_num2words_russian_read_back(n, case):
    words = num2words(n, lang="ru", case=case)
    text = f"Поставлено {words} тонн."
    found = [x for x in extract(text, "ru") if x.unit == "t"]
    assert found and found[0].value == n, (text, found)
    assert text[found[0].start:found[0].end] == found[0].text
