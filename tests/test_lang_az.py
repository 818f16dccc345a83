"""Azerbaijani: numbers, scales, suffixes, units, qualifiers, periods and negatives, as written in
economic and political news (sentences written for these tests; figures invented)."""
from __future__ import annotations

import pytest

from lang_cases import q, run_case

A, MT, LT, AL, AM = "approximately", "more_than", "less_than", "at_least", "at_most"


def gap(reason):
    """A case the engine does not read yet (not a table gap): reported to the engine owner."""
    return pytest.mark.xfail(reason=reason, strict=True)


CASES = [
    # digits with Azerbaijani separators, scale words and abbreviations
    ("Şirkətdə 1.250 nəfər çalışır.", [q(1250, "count", context="nəfər")]),
    ("İnflyasiya oktyabrda 5,8 faiz təşkil edib.", [q(5.8, "percent", context="inflyasiya")]),
    ("Boru kəmərinin uzunluğu 1 850 kilometrdir.", [q(1850, "km", context="boru")]),
    ("Rəsmi məlumata görə, zavod 1 500 nəfəri işlə təmin edəcək.", [q(1500, "count", context="nəfər")]),
    ("Yük daşımaları 18,6 mln. ton təşkil edib.", [q(18.6e6, "t", context="yük")]),
    ("Şirkətin xalis mənfəəti 450 mln. manat olub.", [q(450e6, "AZN", context="mənfəət")]),
    ("Bank 2,5 mlrd. manatlıq istiqraz buraxıb.", [q(2.5e9, "AZN", context="istiqraz")]),
    ("Azərbaycan 2,3 mlrd. kubmetr qaz ixrac edib.", [q(2.3e9, "m3", context="qaz")]),
    ("Kredit portfeli 1,2 trilyon manata çatıb.", [q(1.2e12, "AZN", context="kredit")]),
    ("Qazaxıstan büdcəsi 15 trilyon tenge olub.", [q(15e12, "KZT", context="büdcə")]),
    ("Xarici ticarət dövriyyəsi 38 milyard 240 milyon ABŞ dolları olub.", [q(38.24e9, "USD", context="dövriyyə")]),
    # digits mixed with words
    ("Zavodda gündə 5 min 400 ton polad istehsal olunur.", [q(5400, "t", context="polad")]),
    ("Bu, təxminən 6 min 500 kilometrlik ticarət marşrutudur.", [q(6500, "km", A, context="marşrut")]),
    ("Ölkənin ərazisi 86,6 min kvadrat kilometrdir.", [q(86_600, "km2", context="ərazi")]),
    # spelled-out numbers and fractions
    ("Prezident dörd liderlə görüşüb.", [q(4, "count", context="lider")]),
    ("Bakıda on iki yeni məktəb tikilib.", [q(12, "count", context="məktəb")]),
    ("Bu ərazidə iyirmi beş kənd yerləşir.", [q(25, "count", context="kənd")]),
    ("Beş ölkənin nümayəndələri Bakıda toplaşıb.", [q(5, "count", context="ölkə")]),
    ("Yarım milyon insan aksiyaya qatılıb.", [q(500_000, "count", context="insan")]),
    ("Müqavilə üç illik müddətə bağlanıb.", [q(3, "year")]),
    ("Neft ixracı doqquz ayda 12 faiz azalıb.", [q(9, "month"), q(12, "percent", context="ixrac")]),
    ("Ticarət dövriyyəsi 5 ildə iki dəfə artıb.", [q(5, "year"), q(2, "times", context="dövriyyə")]),
    pytest.param("İxracın yarısından çoxu Avropaya gedib.", [q(50, "percent", MT, context="ixrac")]),
    # suffixes (hyphen, apostrophe, glued)
    ("Azərbaycan ilə Türkiyə arasında ticarət dövriyyəsi 2024-cü ildə 7,6 milyard dollara çatıb.",
     [q(7.6e9, "USD", period="2024", context="ticarət")]),
    ("Mərkəzi Bank uçot dərəcəsini 7,25%-dən 7%-ə endirib.", [q(7.25, "percent"), q(7, "percent")]),
    ("İşsizlik səviyyəsi 5,6%-ə düşüb.", [q(5.6, "percent", context="işsizlik")]),
    ("Layihənin dəyəri təxminən 3 milyard avrodur.", [q(3e9, "EUR", A, context="layihə")]),
    ("Xəttin uzunluğu 826 km-dir.", [q(826, "km", context="xətt")]),
    ("Qiymət $70-a yüksəlib.", [q(70, "USD", context="qiymət")]),
    ("Bank 300 milyon dollarlıq kredit ayırıb.", [q(300e6, "USD", context="kredit")]),
    ("Qaz hasilatı 48 milyard kubmetrə çatıb.", [q(48e9, "m3", context="hasilat")]),
    ("Zavodun illik gücü 500 min tondur.", [q(500_000, "t/yr", context="zavod")]),
    ("Dəmir yolu xəttinin uzunluğu 826 kilometrdir və 300 milyon manata başa gəlib.",
     [q(826, "km", context="xətt"), q(300e6, "AZN")]),
    # units of every dimension
    ("Kompaniya 500 AZN cərimələnib.", [q(500, "AZN")]),
    ("₼1,5 milyard vəsait ayrılıb.", [q(1.5e9, "AZN", context="vəsait")]),
    ("Layihəyə €50 milyon ayrılıb.", [q(50e6, "EUR")]),
    ("Qazaxıstanda orta maaş ₸350 min olub.", [q(350_000, "KZT", context="maaş")]),
    ("Anbarlarda 12 milyon barel neft saxlanılır.", [q(12e6, "bbl", context="neft")]),
    ("Rusiyaya ixrac 400 milyon rubl təşkil edib.", [q(400e6, "RUB", context="ixrac")]),
    ("Neftin bareli 65 dollar səviyyəsindədir.", [q(65, "USD", context="neft")]),
    ("Qaz ixracı 12,9 milyard m³ olub.", [q(12.9e9, "m3", context="qaz")]),
    ("Anbarda 5 milyon litr yanacaq saxlanılır.", [q(5e6, "l", context="yanacaq")]),
    ("Stansiyanın gücü 1 200 meqavat olacaq.", [q(1200, "MW", context="stansiya")]),
    ("Elektrik istehsalı 28 milyard kilovat-saat təşkil edib.", [q(28e9, "kWh", context="elektrik")]),
    ("Quraqlıq 250 min hektar sahəyə təsir edib.", [q(250_000, "ha")]),
    ("Fermerlərə 70 min ton toxum paylanıb.", [q(70_000, "t", context="toxum")]),
    ("Bayram tətili 5 gün davam edəcək.", [q(5, "day", context="tətil")]),
    ("Tikinti üçün 6 ay vaxt ayrılıb.", [q(6, "month")]),
    ("Tikinti 15-18 gün ərzində başa çatacaq.", [q(15, "day", value_max=18)]),
    ("Bakıda temperatur 35 dərəcəyə qalxıb.", [q(35, "degC")]),
    ("Əhalinin 80 faizi şəhərlərdə yaşayır.", [q(80, "percent", context="əhali")]),
    ("Tranzit yüklərin həcmi 40 faiz artıb.", [q(40, "percent", context="yük")]),
    pytest.param("Layihə 2 ildən 3 ilədək davam edəcək.", [q(2, "year", value_max=3)]),
    # counts of things
    ("Görüşdə 12 saziş imzalanıb.", [q(12, "count", context="saziş")]),
    ("Ümumilikdə 29 saziş imzalanıb.", [q(29, "count", context="saziş")]),
    ("Qəzada 3 nəfər həlak olub.", [q(3, "count", context="nəfər")]),
    ("Ölkəyə 2,3 milyon turist gəlib.", [q(2.3e6, "count", context="turist")]),
    ("Ölkədə 1,5 milyon ağac əkilib.", [q(1.5e6, "count", context="ağac")]),
    # qualifiers
    ("Mərkəzə təqribən 300 nəfər müraciət edib.", [q(300, "count", A, context="nəfər")]),
    ("Aksiyada 400-ə yaxın insan iştirak edib.", [q(400, "count", A, context="insan")]),
    ("Ölkədə 10 minə yaxın sahibkar qeydiyyatdan keçib.", [q(10_000, "count", A, context="sahibkar")]),
    ("Zəlzələdə 50 mindən çox bina dağılıb.", [q(50_000, "count", MT, context="bina")]),
    ("Sərhəddən 2 min 300-dən çox yük maşını keçib.", [q(2300, "count", MT, context="yük")]),
    ("Azərbaycana 1 200-dən çox vaqon gətirilib.", [q(1200, "count", MT, context="vaqon")]),
    ("Şirkət 20 min tondan artıq məhsul ixrac edib.", [q(20_000, "t", MT, context="məhsul")]),
    ("Layihəyə 450 milyon manatdan çox vəsait ayrılıb.", [q(450e6, "AZN", MT, context="vəsait")]),
    ("Dövlət büdcəsinin gəlirləri 35 milyard manatı ötüb.", [q(35e9, "AZN", MT, context="gəlir")]),
    ("Dövriyyə 2 milyard dolları keçib.", [q(2e9, "USD", MT, context="dövriyyə")]),
    ("Hasilat 3 faizdən az artıb.", [q(3, "percent", LT, context="hasilat")]),
    ("Tələbələrin ən azı 60 faizi təqaüd alır.", [q(60, "percent", AL)]),
    ("Qiymətlər 20 faizə qədər artıb.", [q(20, "percent", AM, context="qiymət")]),
    ("Layihə ən çox 5 il çəkəcək.", [q(5, "year", AM)]),
    # periods
    ("Ötən il ixrac 24,1 mlrd. dollar olub.", [q(24.1e9, "USD", period="2024", context="ixrac")]),
    ("Ötən il ölkəyə 2,6 milyon turist gəlib.", [q(2.6e6, "count", period="2024", context="turist")]),
    ("Bu il 120 min avtomobil idxal edilib.", [q(120_000, "count", period="2025", context="avtomobil")]),
    ("Azərbaycanın neft ixracı 2024-cü ildə 25 milyon ton olub.", [q(25e6, "t", period="2024", context="neft")]),
    ("Nazirlər Kabineti 2026-cı il üçün 40 milyard manatlıq büdcə təsdiqləyib.",
     [q(40e9, "AZN", period="2026", context="büdcə")]),
    ("Azərbaycan 2027-ci ilədək 3 min meqavat külək enerjisi gücü yaradacaq.",
     [q(3000, "MW", period="2027", context=["külək", "güc"])]),
    ("Nazir 2030-cu ilə qədər 2 qiqavat bərpa olunan enerji gücü yaradılacağını bildirib.",
     [q(2, "GW", period="2030", context=["enerji", "güc"])]),
    # negatives: dates, years, clock times, ordinals, identifiers, law numbers, phones, scores
    ("Sammit noyabrın 11-də keçiriləcək.", []),
    ("Noyabrın 11-də Bakıda forum keçiriləcək.", []),
    ("Forum 6-7 noyabr tarixlərində Bakıda keçiriləcək.", []),
    ("Qərar 09.10.2025 tarixində qəbul edilib.", []),
    ("Tədbir 15 mayda keçiriləcək.", []),
    ("Görüş 2024-cü ilin dekabrında baş tutub.", []),
    ("2025-ci ildə iqtisadiyyat böyüyüb.", []),
    ("Toplantı saat 17:00-da başlayıb.", []),
    ("Görüş saat 15.30-da başa çatıb.", []),
    ("Dördüncü raund danışıqlar başlayıb.", []),
    ("Qanunun 15-ci maddəsi dəyişdirilib.", []),
    ("Prezident 1234 nömrəli sərəncam imzalayıb.", []),
    ("COVID-19 pandemiyası turizmə təsir edib.", []),
    ("Azərbaycan F-16 qırıcıları almaq istəyir.", []),
    ("C5+1 formatında görüş keçirilib.", []),
    ("Qarabağ komandası rəqibini 2-0 hesabı ilə məğlub edib.", []),
    ("Məlumat üçün (012) 498 12 34 nömrəsinə zəng edin.", []),
    ("Hər iki ölkə sazişi imzalayıb.", []),
]


@pytest.mark.parametrize("text,expected", CASES)
def test_az(text, expected):
    run_case(text, expected, "az")
