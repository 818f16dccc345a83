"""Uzbek, in Latin (every apostrophe form of o‘ and g‘) and Cyrillic: numbers, scale words, the
counters ta and nafar, suffixes, units, qualifiers, periods and negatives, as written in economic
news (sentences written for these tests; figures invented). Uzbek has no num2words oracle: the cases
are listed by hand."""
from __future__ import annotations

import pytest

from lang_cases import q, run_case

A, MT, LT, AL, AM = "approximately", "more_than", "less_than", "at_least", "at_most"

CASES = [
    # digits, decimal comma, space groups, scale words and abbreviations
    ("Viloyatda 7 591 ta yangi korxona ochildi.", [q(7591, "count", context="korxona")]),
    ("Inflyatsiya 9,8 foizni tashkil etdi.", [q(9.8, "percent", context="inflyatsiya")]),
    ("Eksport hajmi 24,9 milliard dollarga yetdi.", [q(24.9e9, "USD", context="eksport")]),
    ("Bank 450 mln so‘m kredit ajratdi.", [q(450e6, "UZS")]),
    ("Loyiha qiymati 1,2 trln so'm.", [q(1.2e12, "UZS", context="loyiha")]),
    ("Oltin eksporti 9 mlrd 340 mln dollarni tashkil qildi.", [q(9.34e9, "USD", context="eksport")]),
    ("O‘rtacha ish haqi 5 420 000 so‘mga yetdi.", [q(5_420_000, "UZS")]),
    # number words, every apostrophe
    ("Forumda o‘n ikki vazir ishtirok etdi.", [q(12, "count", context="vazir")]),
    ("Shaharda to‘rt yuz ellik uy qurildi.", [q(450, "count", context="uy")]),
    ("Shaharda to’rt yuz ellik uy qurildi.", [q(450, "count", context="uy")]),
    ("Shaharda toʻrt yuz ellik uy qurildi.", [q(450, "count", context="uy")]),
    ("Shaharda to'rt yuz ellik uy qurildi.", [q(450, "count", context="uy")]),
    ("Ombor sig‘imi ikki yarim million tonna.", [q(2.5e6, "t")]),
    ("Yig‘ilishda qirq uch kompaniya qatnashdi.", [q(43, "count", context="kompaniya")]),
    # counters ta and nafar
    ("Forumda 25 ta hujjat imzolandi.", [q(25, "count", context="hujjat")]),
    ("Uchta shartnoma tuzildi.", [q(3, "count", context="shartnoma")]),
    ("Hukumat o‘nta dastur qabul qildi.", [q(10, "count", context="dastur")]),
    ("Anjumanda 300 nafar mehmon bor edi.", [q(300, "count", context="mehmon")]),
    # suffixes
    ("Savdo 10 milliard dollarga yetdi.", [q(10e9, "USD")]),
    ("Eksport 14,2 foizga o‘sdi.", [q(14.2, "percent")]),
    ("Mahsulot 15 million tonnagacha ko‘payadi.", [q(15e6, "t", AM)]),
    ("Yo‘l uzunligi 320 kilometrni tashkil etadi.", [q(320, "km")]),
    ("Quvur 6 mlrd kub metr gaz tashiydi.", [q(6e9, "m3", context="gaz")]),
    ("Stansiya quvvati 500 MVt.", [q(500, "MW")]),
    ("Investitsiyalar 1,5 barobar oshdi.", [q(1.5, "times")]),
    ("Eksport ikki baravar o‘sdi.", [q(2, "times")]),
    # qualifiers
    ("Korxonalar soni 3 mingdan ortiq.", [q(3000, "count", MT)]),
    ("Forumga 40 dan ortiq davlat qatnashdi.", [q(40, "count", MT)]),
    ("Qariyb 2 ming nafar delegat keldi.", [q(2000, "count", A, context="delegat")]),
    ("Taxminan 5,5 foiz o‘sish kutilmoqda.", [q(5.5, "percent", A)]),
    ("Deyarli 1 mlrd so‘m sarflandi.", [q(1e9, "UZS", A)]),
    ("Kamida 100 ta maktab quriladi.", [q(100, "count", AL, context="maktab")]),
    ("Savdo 15,5 mlrd dollardan oshdi.", [q(15.5e9, "USD", MT)]),
    ("Narx 20 foizdan ko‘p oshmaydi.", [q(20, "percent", MT)]),
    ("Ishsizlik 5 foizdan kam.", [q(5, "percent", LT)]),
    # periods
    ("2024-yilda eksport 26 mlrd dollarni tashkil etdi.", [q(26e9, "USD", period="2024")]),
    ("O‘tgan yili 13,8 mlrd dollarlik mahsulot sotildi.", [q(13.8e9, "USD", period="2024")]),
    ("Joriy yilda 120 km yo‘l ta’mirlanadi.", [q(120, "km", period="2025")]),
    # Cyrillic
    ("Экспорт 10 миллиард долларга етди.", [q(10e9, "USD")]),
    ("Форумда 25 та ҳужжат имзоланди.", [q(25, "count", context="ҳужжат")]),
    ("Корхоналар сони 3 мингдан ортиқ.", [q(3000, "count", MT)]),
    ("Қарийб 2 минг нафар делегат келди.", [q(2000, "count", A)]),
    # negatives: dates, ordinals, clock times, ids, years
    ("Uchrashuv 12-sentabr kuni bo‘lib o‘tdi.", []),
    ("Jamoa 2-o‘rinni egalladi.", []),
    ("Ikkinchi bosqich yakunlandi.", []),
    ("Majlis soat 10:00 da boshlandi.", []),
    ("Qonun 2024-yilda qabul qilindi.", []),
    ("PF-60-son farmon imzolandi.", []),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[str(i) for i in range(len(CASES))])
def test_uzbek(text, expected):
    run_case(text, expected, "uz")
