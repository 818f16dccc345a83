#!/usr/bin/env python3
"""Write gold.jsonl for the news-topics development set from the GOLD table below.

The documents in docs/ were written for this set in the manner of the region's news agencies
(AA, Trend, APA, TASS, Kazinform, UzA, Gazeta.uz): weather, earthquakes, sport, road accidents,
harvests and livestock, market prices, health, transport and elections; every figure is invented.
Each row of GOLD is one quantity, in the format read by ../shared/eval/score.py: doc, text (exact
substring), value (scale applied, in the stated unit), unit, dimension (or a list of accepted
ones), qualifier, context (word prefixes naming what is measured), period, required, and an
optional occurrence (1-based) when the text appears more than once.

Conventions, those of ../shared/eval/dev and the language cases:
- a range (`15-20 m/s`, `+40…42 градус`) is one required line with its low bound, plus an optional
  line for the high bound; a frost range (`10-12 dərəcə şaxta`) is negative, low bound -12;
- a figure whose unit is named once for a series (`gecə 0-3, gündüz 4-7 dərəcə`, `-10...-12` after
  `градусов`) carries that unit;
- compound measures are one figure in the larger unit (`4 saat 15 dakika` = 4.25 h);
- a price per kilogram (`kilogramı 35 lira`) is a currency figure;
- an earthquake's magnitude has unit `magnitude`, dimension magnitude; `765 мм рт. ст.` is pressure;
- medals, goals, points, votes, seats, heads of livestock, spectators are counts;
- ages naming a person (`52 yaşındaki`, `47-year-old`) are not quantities; where a language's cases
  read `45-летний` as years it is optional; `twice` (two goals) and durations given only by a word
  (`iki haftada`) are optional;
- not quantities (they must give nothing): match scores (`3-1`, `2:0`), round and week ordinals,
  jersey numbers (`9 numaralı`, `No. 9`), clock times, dates, years alone, phone, house, office and
  article numbers, road names (`М-4`), emergency numbers (`112`). Each language has a third document
  with no quantity at all (tr, en, ru) or a closing paragraph of such numbers.

Run: python3 make_gold.py   (checks every text is found at a word boundary, then writes gold.jsonl)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
OUT = HERE / "gold.jsonl"

A, MT, LT, AL, AM = "approximately", "more_than", "less_than", "at_least", "at_most"
N = None
T = "temperature"
RAIN = ["mass", "length"]   # `metrekareye 45 kilogram yağış`: kg a square metre, as many mm
YIELD = "mass"              # centner/ha and kg/decare are mass per area in seeds/units.csv

# doc, text, value, unit, dimension, qualifier, context, period, required[, occurrence]
GOLD = [
    # --- Turkish -------------------------------------------------------------------------------------
    ("tr_news1.txt", "24 ila 27 derece", 24, "degC", T, N, ["sıcaklı"], N, True),
    ("tr_news1.txt", "eksi 12 dereceye kadar", -12, "degC", T, AM, ["sıcaklı"], N, True),
    ("tr_news1.txt", "60 kilometreye", 60, "km/h", "speed", N, ["rüzgâr", "hız"], N, True),
    ("tr_news1.txt", "45 kilogram", 45, "kg", RAIN, N, ["yağış"], N, True),
    ("tr_news1.txt", "4,8 büyüklüğünde", 4.8, "magnitude", "magnitude", N, ["deprem"], N, True),
    ("tr_news1.txt", "7,2 kilometre", 7.2, "km", "length", N, ["derinli"], N, True),
    ("tr_news1.txt", "3 bina", 3, "count", "count", N, ["bina"], N, True),
    ("tr_news1.txt", "2 gol", 2, "count", "count", N, ["gol"], N, True),
    ("tr_news1.txt", "19'a", 19, "count", "count", N, ["gol"], N, True),
    ("tr_news1.txt", "64 puanla", 64, "count", "count", N, ["puan"], N, True),
    ("tr_news1.txt", "48 bin 312 seyirci", 48_312, "count", "count", N, ["seyirci"], N, True),
    ("tr_news1.txt", "4 kişi", 4, "count", "count", N, ["kişi", "hayat"], N, True),
    ("tr_news1.txt", "17 kişi", 17, "count", "count", N, ["kişi", "yaralan"], N, True),
    ("tr_news1.txt", "25 kilometre", 25, "km", "length", N, ["uzaklık", "hastane"], N, True),
    ("tr_news1.txt", "400 metre", 400, "m", "length", N, ["engelli"], N, False),
    ("tr_news1.txt", "48,72 saniyelik", 48.72, "s", "duration", N, ["derece", "rekor"], N, True),

    ("tr_news2.txt", "420 kilograma", 420, "kg/decare", YIELD, N, ["verim", "buğday"], "2026", True),
    ("tr_news2.txt", "21,5 milyon ton", 21_500_000, "t", "mass", N, ["buğday", "üretim"], N, True),
    ("tr_news2.txt", "yüzde 8", 8, "percent", "percentage", N, ["ayçiçeği", "alan", "artış"], N, True),
    ("tr_news2.txt", "5,6 milyon dekara", 5_600_000, "decare", "area", N, ["ayçiçeği", "alan"], N, True),
    ("tr_news2.txt", "17,2 milyon başa", 17_200_000, "count", "count", N, ["hayvan", "baş"], N, True),
    ("tr_news2.txt", "35 liradan", 35, "TRY", "currency", N, ["domates", "kilogram"], N, True),
    ("tr_news2.txt", "60 liradan", 60, "TRY", "currency", N, ["biber", "kilogram"], N, True),
    ("tr_news2.txt", "45 lira", 45, "TRY", "currency", N, ["patlıcan"], N, True),
    ("tr_news2.txt", "38 liraya", 38, "TRY", "currency", N, ["patlıcan"], N, True),
    ("tr_news2.txt", "iki haftada", 2, "week", "duration", N, [], N, False),
    ("tr_news2.txt", "yüzde 30", 30, "percent", "percentage", N, ["grip", "vaka", "artış"], N, True),
    ("tr_news2.txt", "18 bini aştı", 18_000, "count", "count", MT, ["çağrı"], N, True),
    ("tr_news2.txt", "7 milyon 120 bin yolcu", 7_120_000, "count", "count", N, ["yolcu"], N, True),
    ("tr_news2.txt", "650 bine yaklaştı", 650_000, "count", "count", A, ["yolcu"], N, True),
    ("tr_news2.txt", "4 saat 15 dakikaya", 4.25, "h", "duration", N, ["yolculuk", "süre", "tren"], N, True),
    ("tr_news2.txt", "yüzde 71,4", 71.4, "percent", "percentage", N, ["katılım"], N, True),
    ("tr_news2.txt", "48 bin 905 oyla", 48_905, "count", "count", N, ["oy"], N, True),
    ("tr_news2.txt", "312 sandık", 312, "count", "count", N, ["sandık"], N, True),

    # --- Azerbaijani ---------------------------------------------------------------------------------
    ("az_news1.txt", "15-20 metr", 15, "m/s", "speed", N, ["külə"], N, True),
    ("az_news1.txt", "15-20 metr", 20, "m/s", "speed", N, ["külə"], N, False),
    ("az_news1.txt", "25 metrədək", 25, "m/s", "speed", AM, ["külə", "güclən"], N, True),
    ("az_news1.txt", "0-3", 0, "degC", T, N, ["temperatur"], N, True),
    ("az_news1.txt", "4-7 dərəcə", 4, "degC", T, N, ["temperatur", "isti"], N, True),
    ("az_news1.txt", "10-12 dərəcə", -12, "degC", T, N, ["şaxta"], N, True),
    ("az_news1.txt", "15 millimetrə", 15, "mm", "length", N, ["yağıntı"], N, True),
    ("az_news1.txt", "4,1 maqnitudalı", 4.1, "magnitude", "magnitude", N, ["zəlzələ"], N, True),
    ("az_news1.txt", "12 km", 12, "km", "length", N, ["dərinli", "ocaq", "zəlzələ"], N, True),
    ("az_news1.txt", "43 xalla", 43, "count", "count", N, ["xal"], N, True),
    ("az_news1.txt", "7 xal", 7, "count", "count", N, ["xal"], N, True),
    ("az_news1.txt", "2 qızıl", 2, "count", "count", N, ["medal", "qızıl"], N, True),
    ("az_news1.txt", "1 gümüş", 1, "count", "count", N, ["medal", "gümüş"], N, True),
    ("az_news1.txt", "3 bürünc", 3, "count", "count", N, ["medal", "bürünc"], N, True),
    ("az_news1.txt", "2 nəfər", 2, "count", "count", N, ["nəfər", "ölüb"], N, True),
    ("az_news1.txt", "5 nəfər", 5, "count", "count", N, ["nəfər", "xəsarət"], N, True),
    ("az_news1.txt", "3 təcili", 3, "count", "count", N, ["briqada", "yardım"], N, True),

    ("az_news2.txt", "620 min hektar", 620_000, "ha", "area", N, ["sahə", "taxıl"], "2026", True),
    ("az_news2.txt", "32,5 sentner", 32.5, "centner/ha", YIELD, N, ["məhsuldarlıq"], N, True),
    ("az_news2.txt", "2 milyon 15 min ton", 2_015_000, "t", "mass", N, ["taxıl"], N, True),
    ("az_news2.txt", "4,2 faiz", 4.2, "percent", "percentage", N, ["məhsul"], N, True),
    ("az_news2.txt", "2,6 milyon başa", 2_600_000, "count", "count", N, ["mal-qara", "baş", "say"], N, True),
    ("az_news2.txt", "80 qəpikdən", 80, "AZN_qepik", "currency", N, ["kartof", "kiloqram"], N, True),
    ("az_news2.txt", "1,8 manatdan", 1.8, "AZN", "currency", N, ["pomidor", "kiloqram"], N, True),
    ("az_news2.txt", "13-14 manat", 13, "AZN", "currency", N, ["ət", "qiymət"], N, True),
    ("az_news2.txt", "13-14 manat", 14, "AZN", "currency", N, ["ət", "qiymət"], N, False),
    ("az_news2.txt", "1 430-a", 1_430, "count", "count", N, ["hal", "yoluxma"], N, True),
    ("az_news2.txt", "86-sı", 86, "count", "count", N, ["xəstəxana", "onlar"], N, True),
    ("az_news2.txt", "60 faizindən çoxu", 60, "percent", "percentage", MT, ["xəstə", "uşaq"], N, True),
    ("az_news2.txt", "232,4 milyon sərnişin", 232_400_000, "count", "count", N, ["sərnişin"], "2025", True),
    ("az_news2.txt", "2 dəqiqə 30 saniyəyə", 2.5, "min", "duration", N, ["interval"], N, True),
    ("az_news2.txt", "420 kilometr", 420, "km", "length", N, ["yol", "qatar", "marşrut"], N, True),
    ("az_news2.txt", "6 saata", 6, "h", "duration", N, ["qatar", "yol", "qət"], N, True),
    ("az_news2.txt", "38,7 faiz", 38.7, "percent", "percentage", N, ["fəallıq", "seçici"], N, True),
    ("az_news2.txt", "1 542 bələdiyyəyə", 1_542, "count", "count", N, ["bələdiyyə"], N, True),
    ("az_news2.txt", "14 600-dən çox namizəd", 14_600, "count", "count", MT, ["namizəd"], N, True),

    # --- English -------------------------------------------------------------------------------------
    ("en_news1.txt", "up to 25 m/s", 25, "m/s", "speed", AM, ["wind", "gust"], N, True),
    ("en_news1.txt", "+41°C", 41, "degC", T, N, ["temperature"], N, True),
    ("en_news1.txt", "12-14 degrees", 12, "degC", T, N, ["mercury", "night"], N, True),
    ("en_news1.txt", "12-14 degrees", 14, "degC", T, N, ["mercury", "night"], N, False),
    ("en_news1.txt", "Up to 30 mm", 30, "mm", "length", AM, ["rain"], N, True),
    ("en_news1.txt", "magnitude 5.6", 5.6, "magnitude", "magnitude", N, ["earthquake", "quake"], N, True),
    ("en_news1.txt", "9.8 kilometers", 9.8, "km", "length", N, ["depth", "quake"], N, True),
    ("en_news1.txt", "200 km", 200, "km", "length", N, ["quake", "felt", "away"], N, True),
    ("en_news1.txt", "At least 27 people", 27, "count", "count", AL, ["people", "injur"], N, True),
    ("en_news1.txt", "14 buildings", 14, "count", "count", N, ["building"], N, True),
    ("en_news1.txt", "22,500 fans", 22_500, "count", "count", N, ["fan"], N, True),
    ("en_news1.txt", "twice", 2, "count", ["count", "ratio"], N, [], N, False),
    ("en_news1.txt", "51 points", 51, "count", "count", N, ["point"], N, True),
    ("en_news1.txt", "24 matches", 24, "count", "count", N, ["match"], N, True),
    ("en_news1.txt", "4 points", 4, "count", "count", N, ["point"], N, True),
    ("en_news1.txt", "10.08 seconds", 10.08, "s", "duration", N, ["sprinter", "clock", "record"], N, True),
    ("en_news1.txt", "100 meters", 100, "m", "length", N, [], N, False),
    ("en_news1.txt", "Six people", 6, "count", "count", N, ["people", "killed"], N, True),
    ("en_news1.txt", "11 injured", 11, "count", "count", N, ["injur"], N, True),
    ("en_news1.txt", "3 hours", 3, "h", "duration", N, ["rescuer", "freeing"], N, True),

    ("en_news2.txt", "23.1 million tonnes", 23_100_000, "t", "mass", N, ["grain", "harvest"], N, True),
    ("en_news2.txt", "16.4 million hectares", 16_400_000, "ha", "area", N, ["harvest", "grain"], N, True),
    ("en_news2.txt", "14.1 centners per hectare", 14.1, "centner/ha", YIELD, N, ["yield"], N, True),
    ("en_news2.txt", "18.7 million tonnes", 18_700_000, "t", "mass", N, ["wheat", "crop"], N, True),
    ("en_news2.txt", "9%", 9, "percent", "percentage", N, ["wheat", "crop"], N, True),
    ("en_news2.txt", "8.7 million head", 8_700_000, "count", "count", N, ["cattle", "herd"], N, True),
    ("en_news2.txt", "180 tenge", 180, "KZT", "currency", N, ["potato"], N, True),
    ("en_news2.txt", "3,800-4,200 tenge", 3_800, "KZT", "currency", N, ["beef"], N, True),
    ("en_news2.txt", "3,800-4,200 tenge", 4_200, "KZT", "currency", N, ["beef"], N, False),
    ("en_news2.txt", "3,214 new cases", 3_214, "count", "count", N, ["case", "measles"], N, True),
    ("en_news2.txt", "62%", 62, "percent", "percentage", N, ["children", "case", "measles"], N, True),
    ("en_news2.txt", "94.5 percent", 94.5, "percent", "percentage", N, ["vaccination", "coverage"], N, True),
    ("en_news2.txt", "1.02 million passengers", 1_020_000, "count", "count", N, ["passenger"], N, True),
    ("en_news2.txt", "12%", 12, "percent", "percentage", N, ["passenger", "Air Astana"], N, True),
    ("en_news2.txt", "5 hours 40 minutes", 5 + 40 / 60, "h", "duration", N, ["flight", "route"], N, True),
    ("en_news2.txt", "54.2%", 54.2, "percent", "percentage", N, ["turnout"], N, True),
    ("en_news2.txt", "53.9%", 53.9, "percent", "percentage", N, ["vote", "Amanat"], N, True),
    ("en_news2.txt", "62", 62, "count", "count", N, ["seat", "Amanat"], N, True, 2),
    ("en_news2.txt", "98 seats", 98, "count", "count", N, ["seat"], N, True),

    # --- Russian -------------------------------------------------------------------------------------
    ("ru_news1.txt", "до -18 градусов", -18, "degC", T, AM, ["Москв", "ночь"], N, True),
    ("ru_news1.txt", "-10...-12", -12, "degC", T, N, ["Москв", "днем"], N, True),
    ("ru_news1.txt", "765 мм рт. ст.", 765, "mmHg", "pressure", N, ["давлени"], N, True),
    ("ru_news1.txt", "до 40 градусов", -40, "degC", T, AM, ["мороз", "Сибир"], N, True),
    ("ru_news1.txt", "7-12 м/с", 7, "m/s", "speed", N, ["ветер"], N, True),
    ("ru_news1.txt", "7-12 м/с", 12, "m/s", "speed", N, ["ветер"], N, False),
    ("ru_news1.txt", "до 20 м/с", 20, "m/s", "speed", AM, ["порыв"], N, True),
    ("ru_news1.txt", "до 8 мм", 8, "mm", "length", AM, ["осадк"], N, True),
    ("ru_news1.txt", "три человека", 3, "count", "count", N, ["человек", "погибл"], N, True),
    ("ru_news1.txt", "семь", 7, "count", "count", N, ["пострада"], N, True),
    ("ru_news1.txt", "45-летний", 45, "year", "duration", N, [], N, False),
    ("ru_news1.txt", "2,5 часа", 2.5, "h", "duration", N, ["движени", "перекрыт"], N, True),
    ("ru_news1.txt", "51 345 зрителей", 51_345, "count", "count", N, ["зрител"], N, True),
    ("ru_news1.txt", "45 очков", 45, "count", "count", N, ["очк"], N, True),
    ("ru_news1.txt", "3 очка", 3, "count", "count", N, ["очк"], N, True),
    ("ru_news1.txt", "две золотые", 2, "count", "count", N, ["медал", "золот"], N, True),
    ("ru_news1.txt", "7,5 км", 7.5, "km", "length", N, ["дистанци"], N, True),
    ("ru_news1.txt", "19 минут 48,3 секунды", 19 + 48.3 / 60, "min", "duration", N, ["дистанци", "прошла"], N, True),
    ("ru_news1.txt", "магнитудой 6,1", 6.1, "magnitude", "magnitude", N, ["землетрясени"], N, True),
    ("ru_news1.txt", "45 км", 45, "km", "length", N, ["глубин", "очаг"], N, True),
    ("ru_news1.txt", "120 км", 120, "km", "length", N, ["эпицентр", "Петропавловск"], N, True),

    ("ru_news2.txt", "10,2 млн тонн", 10_200_000, "t", "mass", N, ["зерн"], N, True),
    ("ru_news2.txt", "61,4 ц/га", 61.4, "centner/ha", YIELD, N, ["урожайност"], N, True),
    ("ru_news2.txt", "98%", 98, "percent", "percentage", N, ["площад", "убран"], N, True),
    ("ru_news2.txt", "15%", 15, "percent", "percentage", N, ["свекл"], N, True),
    ("ru_news2.txt", "1,2 млн голов", 1_200_000, "count", "count", N, ["голов", "поголовь"], N, True),
    ("ru_news2.txt", "45-50 рублей", 45, "RUB", "currency", N, ["картофел"], N, True),
    ("ru_news2.txt", "45-50 рублей", 50, "RUB", "currency", N, ["картофел"], N, False),
    ("ru_news2.txt", "180 рублей", 180, "RUB", "currency", N, ["огурц"], N, True),
    ("ru_news2.txt", "12 рублей", 12, "RUB", "currency", N, ["помидор"], N, True),
    ("ru_news2.txt", "312 тыс. человек", 312_000, "count", "count", N, ["человек", "заболел"], N, True),
    ("ru_news2.txt", "8,4%", 8.4, "percent", "percentage", N, ["порог", "заболел"], N, True),
    ("ru_news2.txt", "4,1 тыс. пациентов", 4_100, "count", "count", N, ["пациент"], N, True),
    ("ru_news2.txt", "1 250 детей", 1_250, "count", "count", N, ["дет"], N, True),
    ("ru_news2.txt", "8,7 млн пассажиров", 8_700_000, "count", "count", N, ["пассажир"], N, True),
    ("ru_news2.txt", "3 часов 35 минут", 3 + 35 / 60, "h", "duration", N, ["врем", "пут", "Ласточк"], N, True),
    ("ru_news2.txt", "780 км", 780, "km", "length", N, ["длин", "лини"], N, True),
    ("ru_news2.txt", "47,3%", 47.3, "percent", "percentage", N, ["явк"], N, True),
    ("ru_news2.txt", "76,2%", 76.2, "percent", "percentage", N, ["голос"], N, True),
    ("ru_news2.txt", "612 430 голосов", 612_430, "count", "count", N, ["голос"], N, True),
    ("ru_news2.txt", "1 820 избирательных участков", 1_820, "count", "count", N, ["участк", "избирательн"], N, True),

    # --- Kazakh --------------------------------------------------------------------------------------
    ("kk_news1.txt", "+40…42 градусқа дейін", 40, "degC", T, N, ["температура"], N, True),
    ("kk_news1.txt", "+40…42 градусқа дейін", 42, "degC", T, N, ["температура"], N, False),
    ("kk_news1.txt", "8-10 градус", 8, "degC", T, N, ["түнде", "жылы"], N, True),
    ("kk_news1.txt", "15-20 метрге", 15, "m/s", "speed", N, ["жел"], N, True),
    ("kk_news1.txt", "15-20 метрге", 20, "m/s", "speed", N, ["жел"], N, False),
    ("kk_news1.txt", "25 мм-ге дейін", 25, "mm", "length", AM, ["жаңбыр", "нөсер"], N, True),
    ("kk_news1.txt", "18 мың көрермен", 18_000, "count", "count", N, ["көрермен"], N, True),
    ("kk_news1.txt", "34 ұпаймен", 34, "count", "count", N, ["ұпай"], N, True),
    ("kk_news1.txt", "5 алтын", 5, "count", "count", N, ["медаль", "алтын"], N, True),
    ("kk_news1.txt", "3 күміс", 3, "count", "count", N, ["медаль", "күміс"], N, True),
    ("kk_news1.txt", "7 қола", 7, "count", "count", N, ["медаль", "қола"], N, True),
    ("kk_news1.txt", "2 адам", 2, "count", "count", N, ["адам", "қаза"], N, True),
    ("kk_news1.txt", "14 адам", 14, "count", "count", N, ["адам", "жарақат"], N, True),
    ("kk_news1.txt", "3 бала", 3, "count", "count", N, ["бала"], N, True),
    ("kk_news1.txt", "42 жолаушы", 42, "count", "count", N, ["жолаушы"], N, True),
    ("kk_news1.txt", "250 шақырым", 250, "km", "length", N, ["Алматы", "жерде"], N, True),
    ("kk_news1.txt", "магнитудасы 5,2", 5.2, "magnitude", "magnitude", N, ["сілкініс"], N, True),
    ("kk_news1.txt", "10 шақырым", 10, "km", "length", N, ["тереңдік", "ошағы"], N, True),

    ("kk_news2.txt", "4,8 млн гектар", 4_800_000, "ha", "area", N, ["алқап", "астық"], N, True),
    ("kk_news2.txt", "7,1 млн тонна", 7_100_000, "t", "mass", N, ["астық"], N, True),
    ("kk_news2.txt", "14,8 центнерді", 14.8, "centner/ha", YIELD, N, ["өнімділік"], N, True),
    ("kk_news2.txt", "6 пайызға", 6, "percent", "percentage", N, ["өнімділік", "жоғары"], N, True),
    ("kk_news2.txt", "520 мың басқа", 520_000, "count", "count", N, ["мал", "бас"], N, True),
    ("kk_news2.txt", "250 теңгеден", 250, "KZT", "currency", N, ["картоп", "келі"], N, True),
    ("kk_news2.txt", "600-700 теңге", 600, "KZT", "currency", N, ["қияр"], N, True),
    ("kk_news2.txt", "600-700 теңге", 700, "KZT", "currency", N, ["қияр"], N, False),
    ("kk_news2.txt", "8 пайызға", 8, "percent", "percentage", N, ["баға", "ет"], N, True),
    ("kk_news2.txt", "4 200 теңгеге", 4_200, "KZT", "currency", N, ["келі", "ет"], N, True),
    ("kk_news2.txt", "1 240 адам", 1_240, "count", "count", N, ["адам", "қызылша", "ауыр"], "2026", True),
    ("kk_news2.txt", "70 пайызы", 70, "percent", "percentage", N, ["бала"], N, True),
    ("kk_news2.txt", "95 пайызға", 95, "percent", "percentage", N, ["вакцина", "қамту"], N, True),
    ("kk_news2.txt", "2,3 млн жолаушы", 2_300_000, "count", "count", N, ["жолаушы"], N, True),
    ("kk_news2.txt", "12 сағатта", 12, "h", "duration", N, ["пойыз", "жол"], N, True),
    ("kk_news2.txt", "1 200 шақырымнан асады", 1_200, "km", "length", MT, ["ұзындығы", "жол"], N, True),
    ("kk_news2.txt", "63,7 пайызы", 63.7, "percent", "percentage", N, ["сайлаушы", "референдум"], N, True),
    ("kk_news2.txt", "10 200-ден асты", 10_200, "count", "count", MT, ["учаске"], N, True),

    # --- Uzbek ---------------------------------------------------------------------------------------
    ("uz_news1.txt", "+42…44 darajagacha", 42, "degC", T, N, ["harorat"], N, True),
    ("uz_news1.txt", "+42…44 darajagacha", 44, "degC", T, N, ["harorat"], N, False),
    ("uz_news1.txt", "24-26 daraja", 24, "degC", T, N, ["tunda", "iliq", "Toshkent"], N, True),
    ("uz_news1.txt", "13-18 metrgacha", 13, "m/s", "speed", N, ["shamol"], N, True),
    ("uz_news1.txt", "13-18 metrgacha", 18, "m/s", "speed", N, ["shamol"], N, False),
    ("uz_news1.txt", "10-15 mm", 10, "mm", "length", N, ["yog‘in"], N, True),
    ("uz_news1.txt", "10-15 mm", 15, "mm", "length", N, ["yog‘in"], N, False),
    ("uz_news1.txt", "24 ming nafar muxlis", 24_000, "count", "count", N, ["muxlis"], N, True),
    ("uz_news1.txt", "38 ochko", 38, "count", "count", N, ["ochko"], N, True),
    ("uz_news1.txt", "4 ta oltin", 4, "count", "count", N, ["medal", "oltin"], N, True),
    ("uz_news1.txt", "2 ta kumush", 2, "count", "count", N, ["medal", "kumush"], N, True),
    ("uz_news1.txt", "3 ta bronza", 3, "count", "count", N, ["medal", "bronza"], N, True),
    ("uz_news1.txt", "3 kishi", 3, "count", "count", N, ["kishi", "halok"], N, True),
    ("uz_news1.txt", "4 nafari", 4, "count", "count", N, ["jarohat", "nafar"], N, True),
    ("uz_news1.txt", "magnitudasi 4,6", 4.6, "magnitude", "magnitude", N, ["zilzila"], N, True),
    ("uz_news1.txt", "15 km", 15, "km", "length", N, ["chuqurlik", "o‘chog‘i", "zilzila"], N, True),

    ("uz_news2.txt", "1 mln 50 ming gektar", 1_050_000, "ha", "area", N, ["maydon", "g‘alla"], "2026", True),
    ("uz_news2.txt", "7,4 mln tonna", 7_400_000, "t", "mass", N, ["g‘alla"], "2026", True),
    ("uz_news2.txt", "68 sentnerni", 68, "centner/ha", YIELD, N, ["hosildorlik"], N, True),
    ("uz_news2.txt", "103 foizga", 103, "percent", "percentage", N, ["reja", "paxta"], N, True),
    ("uz_news2.txt", "14,2 mln boshga", 14_200_000, "count", "count", N, ["qoramol", "bosh"], N, True),
    ("uz_news2.txt", "6 ming so‘mdan", 6_000, "UZS", "currency", N, ["kartoshka", "kilogramm"], N, True),
    ("uz_news2.txt", "12-15 ming so‘m", 12_000, "UZS", "currency", N, ["pomidor"], N, True),
    ("uz_news2.txt", "12-15 ming so‘m", 15_000, "UZS", "currency", N, ["pomidor"], N, False),
    ("uz_news2.txt", "5 foizga", 5, "percent", "percentage", N, ["narx", "go‘sht"], N, True),
    ("uz_news2.txt", "110 ming so‘mga", 110_000, "UZS", "currency", N, ["kilogramm", "go‘sht"], N, True),
    ("uz_news2.txt", "18 foizga", 18, "percent", "percentage", N, ["kasallanish", "gripp"], N, True),
    ("uz_news2.txt", "2 mingdan ortiq bemor", 2_000, "count", "count", MT, ["bemor"], N, True),
    ("uz_news2.txt", "4,6 mln yo‘lovchi", 4_600_000, "count", "count", N, ["yo‘lovchi"], N, True),
    ("uz_news2.txt", "344 km", 344, "km", "length", N, ["masofa", "poyezd"], N, True),
    ("uz_news2.txt", "2 soat 10 daqiqada", 2 + 10 / 60, "h", "duration", N, ["poyezd", "masofa"], N, True),
    ("uz_news2.txt", "17,1 mln nafar", 17_100_000, "count", "count", N, ["saylovchi", "saylov"], N, True),
    ("uz_news2.txt", "74,7 foiz", 74.7, "percent", "percentage", N, ["saylovchi", "saylov"], N, True),
    ("uz_news2.txt", "10 800 ta", 10_800, "count", "count", N, ["uchastka", "saylov"], N, True),
    # --- the second batch (news4): written after the first fixes, scored before its own ---------------
    ("tr_news4.txt", "8 ile 13 derece", 8, "degC", T, N, ["sıcaklı"], N, True),
    ("tr_news4.txt", "13 derece", 13, "degC", T, N, ["sıcaklı"], N, False),
    ("tr_news4.txt", "40 ila 60 kilometre", 40, "km/h", "speed", N, ["rüzgâr", "esecek"], N, True),
    ("tr_news4.txt", "sıfırın altında 15 dereceyi", -15, "degC", T, N, ["termometre", "Erzurum"], N, True),
    ("tr_news4.txt", "27 sayı", 27, "count", "count", N, ["sayı"], N, True),
    ("tr_news4.txt", "9 galibiyet", 9, "count", "count", N, ["galibiyet"], N, True),
    ("tr_news4.txt", "2 yenilgiyle", 2, "count", "count", N, ["yenilgi"], N, True),
    ("tr_news4.txt", "3 katlı", 3, "count", "count", N, [], N, False),
    ("tr_news4.txt", "2 kişi", 2, "count", "count", N, ["kişi"], N, True),
    ("tr_news4.txt", "6 itfaiye", 6, "count", "count", N, ["itfaiye"], N, True),
    ("tr_news4.txt", "18 personel", 18, "count", "count", N, ["personel"], N, True),
    ("tr_news4.txt", "yaklaşık 45 dakikada", 45, "min", "duration", A, ["alev", "söndür"], N, True),
    ("tr_news4.txt", "yüzde 12", 12, "percent", "percentage", N, ["rekolte", "domates"], N, True),
    ("tr_news4.txt", "2,3 milyon tona", 2300000.0, "t", "mass", N, ["rekolte", "domates"], N, True),
    ("tr_news4.txt", "22 ila 28 lira", 22, "TRY", "currency", N, ["domates", "kilo"], N, True),
    ("tr_news4.txt", "15 tonluk", 15, "t", "mass", N, ["verim"], N, True),
    ("tr_news4.txt", "11 günde", 11, "day", "duration", N, [], N, True),
    ("tr_news4.txt", "64 kişi", 64, "count", "count", N, ["kişi"], N, True),
    ("tr_news4.txt", "6 bin 215 kişi", 6215, "count", "count", N, ["kişi"], N, True),
    ("tr_news4.txt", "14,5 milyon araç", 14500000.0, "count", "count", N, ["araç"], N, True),
    ("az_news4.txt", "+3+5°", 3, "degC", T, N, ["temperatur", "gecə"], N, True),
    ("az_news4.txt", "+8+10°", 8, "degC", T, N, ["temperatur", "gündüz"], N, True),
    ("az_news4.txt", "765 mm civə sütunundan", 765, "mmHg", "pressure", N, ["təzyiq"], N, True),
    ("az_news4.txt", "758 mm civə sütununa", 758, "mmHg", "pressure", N, ["təzyiq"], N, True),
    ("az_news4.txt", "80-90%", 80, "percent", "percentage", N, ["rütubət"], N, True),
    ("az_news4.txt", "3 qızıl", 3, "count", "count", N, ["qızıl", "medal"], N, True),
    ("az_news4.txt", "2 gümüş", 2, "count", "count", N, ["gümüş", "medal"], N, True),
    ("az_news4.txt", "4 bürünc", 4, "count", "count", N, ["bürünc", "medal"], N, True),
    ("az_news4.txt", "4 nəfər", 4, "count", "count", N, ["nəfər"], N, True),
    ("az_news4.txt", "5 metr", 5, "m", "length", N, ["dərinli", "kanal"], N, True),
    ("az_news4.txt", "18 min hektara", 18000, "ha", "area", N, ["pambıq", "əkin"], N, True),
    ("az_news4.txt", "35 sentner", 35, "centner/ha", "mass", N, ["məhsul", "hektar"], N, True),
    ("az_news4.txt", "63 min ton", 63000, "t", "mass", N, ["pambıq"], N, True),
    ("az_news4.txt", "1 manat 20 qəpikdən", 1.2, "AZN", "currency", N, ["kartof", "kilo"], N, True),
    ("az_news4.txt", "14 manata", 14, "AZN", "currency", N, ["ət"], N, True),
    ("en_news4.txt", "6 to 9 degrees Celsius", 6, "degC", T, N, ["temperature"], N, True),
    ("en_news4.txt", "10-15 meters per second", 10, "m/s", "speed", N, ["wind"], N, True),
    ("en_news4.txt", "up to 20 millimeters", 20, "mm", "length", AM, ["precipitation"], N, True),
    ("en_news4.txt", "5 medals", 5, "count", "count", N, ["medal"], N, True),
    ("en_news4.txt", "2 gold", 2, "count", "count", N, ["gold"], N, True),
    ("en_news4.txt", "1 silver", 1, "count", "count", N, ["silver"], N, True),
    ("en_news4.txt", "2 bronze", 2, "count", "count", N, ["bronze"], N, True),
    ("en_news4.txt", "4.2-magnitude", 4.2, "magnitude", "magnitude", N, ["earthquake"], N, True),
    ("en_news4.txt", "38 km", 38, "km", "length", N, ["Baku", "east"], N, True),
    ("en_news4.txt", "35 km", 35, "km", "length", N, ["depth"], N, True),
    ("en_news4.txt", "63,000 tons", 63000, "t", "mass", N, ["cotton"], N, True),
    ("en_news4.txt", "3.5 tons per hectare", 3.5, "t/ha", "mass", N, ["yield"], N, True),
    ("en_news4.txt", "20 percent", 20, "percent", "percentage", N, ["price", "potato"], N, True),
    ("en_news4.txt", "1.2 manat", 1.2, "AZN", "currency", N, ["price", "potato"], N, True),
    ("en_news4.txt", "79.8%", 79.8, "percent", "percentage", N, ["turnout"], N, True),
    ("en_news4.txt", "87.05%", 87.05, "percent", "percentage", N, ["vote", "incumbent"], N, True),
    ("en_news4.txt", "Over 11,000 polling stations", 11000, "count", "count", MT, ["polling"], N, True),
    ("en_news4.txt", "nearly 48 hours", 48, "h", "duration", A, ["count"], N, True),
    ("en_news4.txt", "2,104 people", 2104, "count", "count", N, ["people", "killed"], N, True),
    ("en_news4.txt", "nine months", 9, "month", "duration", N, [], N, False),
    ("en_news4.txt", "7.4%", 7.4, "percent", "percentage", N, ["accident", "people", "killed"], N, True),
    ("ru_news4.txt", "-12...-14", -14, "degC", T, N, ["ночь"], N, True),
    ("ru_news4.txt", "-5...-7 градусов", -7, "degC", T, N, ["днем"], N, True),
    ("ru_news4.txt", "до 20 градусов мороза", -20, "degC", T, AM, ["температур", "гор"], N, True),
    ("ru_news4.txt", "15-20 м/с", 15, "m/s", "speed", N, ["ветр", "скорост"], N, True),
    ("ru_news4.txt", "до 25 м/с", 25, "m/s", "speed", AM, ["порыв"], N, True),
    ("ru_news4.txt", "два туриста", 2, "count", "count", N, ["турист"], N, True),
    ("ru_news4.txt", "трое", 3, "count", "count", N, ["травм"], N, True),
    ("ru_news4.txt", "40 спасателей", 40, "count", "count", N, ["спасател"], N, True),
    ("ru_news4.txt", "6 единиц", 6, "count", "count", N, ["единиц", "техник"], N, True),
    ("ru_news4.txt", "1,5 метра", 1.5, "m", "length", N, ["толщин", "покров"], N, True),
    ("ru_news4.txt", "5,6 млн тонн", 5600000.0, "t", "mass", N, ["зерн"], N, True),
    ("ru_news4.txt", "17,3 центнера с гектара", 17.3, "centner/ha", "mass", N, ["урожайност"], N, True),
    ("ru_news4.txt", "95 тыс. тенге", 95000, "KZT", "currency", N, ["цен", "пшениц"], N, True),
    ("ru_news4.txt", "3 800 тенге", 3800, "KZT", "currency", N, ["говядин"], N, True),
    ("ru_news4.txt", "4 100 тенге", 4100, "KZT", "currency", N, ["баранин"], N, True),
    ("ru_news4.txt", "Десяток", 10, "count", "count", N, [], N, False),
    ("ru_news4.txt", "650 тенге", 650, "KZT", "currency", N, ["яиц", "десят"], N, True),
    ("kk_news4.txt", "15-17 градус аяз", -17, "degC", T, N, ["температура", "түнде"], N, True),
    ("kk_news4.txt", "5-7 градус аяз", -7, "degC", T, N, ["күндіз"], N, True),
    ("kk_news4.txt", "18-23 метрге", 18, "m/s", "speed", N, ["жел", "екпін"], N, True),
    ("kk_news4.txt", "12 адам", 12, "count", "count", N, ["адам"], N, True),
    ("kk_news4.txt", "30 өрт", 30, "count", "count", N, ["өрт"], N, True),
    ("kk_news4.txt", "8 арнайы", 8, "count", "count", N, ["техника"], N, True),
    ("kk_news4.txt", "120 шаршы метр", 120, "m2", "area", N, ["аумақ", "өрт"], N, True),
    ("kk_news4.txt", "5,1 млн тонна", 5100000.0, "t", "mass", N, ["астық"], N, True),
    ("kk_news4.txt", "13,5 центнерден", 13.5, "centner/ha", "mass", N, ["өнім", "гектар"], N, True),
    ("kk_news4.txt", "2 алтын", 2, "count", "count", N, ["алтын", "медаль"], N, True),
    ("kk_news4.txt", "3 қола", 3, "count", "count", N, ["қола", "медаль"], N, True),
    ("kk_news4.txt", "520 теңге", 520, "KZT", "currency", N, ["қант", "келі"], N, True),
    ("kk_news4.txt", "350 теңге", 350, "KZT", "currency", N, ["ұн"], N, True),
    ("kk_news4.txt", "15 пайызға", 15, "percent", "percentage", N, ["баға", "пияз"], N, True),
    ("uz_news4.txt", "2-4 daraja sovuq", -4, "degC", T, N, ["harorat", "kechasi"], N, True),
    ("uz_news4.txt", "5-7 daraja", 5, "degC", T, N, ["kunduzi", "iliq"], N, True),
    ("uz_news4.txt", "30-40 santimetrga", 30, "cm", "length", N, ["qalinlig"], N, True),
    ("uz_news4.txt", "ikki gol", 2, "count", "count", N, ["gol"], N, True),
    ("uz_news4.txt", "32 mingdan ziyod tomoshabin", 32000, "count", "count", MT, ["tomoshabin"], N, True),
    ("uz_news4.txt", "2 nafar", 2, "count", "count", N, ["fuqaro", "nafar"], N, True),
    ("uz_news4.txt", "5 ta", 5, "count", "count", N, ["mashina"], N, True),
    ("uz_news4.txt", "420 ming tonna", 420000, "t", "mass", N, ["paxta"], N, True),
    ("uz_news4.txt", "34,5 sentnerni", 34.5, "centner/ha", "mass", N, ["hosildorlik"], N, True),
    ("uz_news4.txt", "1,2 trln so‘m", 1200000000000.0, "UZS", "currency", N, ["kredit"], N, True),
    ("uz_news4.txt", "105-110 ming so‘m", 105000, "UZS", "currency", N, ["go‘sht", "kilogramm"], N, True),
    ("uz_news4.txt", "5 500 so‘m atrofida", 5500, "UZS", "currency", A, ["kartoshka"], N, True),
    ("uz_news4.txt", "81,3 foiz", 81.3, "percent", "percentage", N, ["saylovchi"], N, True),
]


def is_word_char(c: str) -> bool:
    return c.isalnum() or c in "'’‘"


def gold_lines() -> list[str]:
    """The JSON lines of GOLD; exits naming every text not found at a word boundary of its document."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.txt")}
    bad = []
    lines = []
    for row in GOLD:
        doc, text, value, unit, dim, qual, ctx, period, required, *rest = row
        occurrence = rest[0] if rest else 1
        body, pos = texts[doc], -1
        for _ in range(occurrence):
            pos = body.find(text, pos + 1)
            if pos < 0:
                break
        end = pos + len(text)
        if pos < 0 or (pos and is_word_char(body[pos - 1]) and is_word_char(text[0])) \
                or (end < len(body) and is_word_char(body[end]) and is_word_char(text[-1])):
            bad.append(f"{doc}: {text!r} (occurrence {occurrence}) not found at a word boundary")
        line = {"doc": doc, "lang": doc.split("_")[0], "text": text, "value": value, "unit": unit,
                "dimension": dim, "qualifier": qual, "context": ctx, "period": period, "required": required}
        if rest:
            line["occurrence"] = occurrence
        lines.append(json.dumps(line, ensure_ascii=False))
    if bad:
        sys.exit("\n".join(bad))
    return lines


def main() -> None:
    lines = gold_lines()
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.name}: {len(lines)} lines, {sum(r[8] for r in GOLD)} required")


if __name__ == "__main__":
    main()
