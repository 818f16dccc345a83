"""Each pass of the engine on its own (extractors/engine.py, MENTION_PASSES and SENTENCE_PASSES).

A mention pass is given the mention as the passes before it left it, and the test asserts what
that one pass changed. Every rejection reason (extractors/rejection.py) is triggered by a sentence
that produces it, and the reason itself is asserted, not only the absence of a quantity.
"""
from __future__ import annotations

import pytest

from extractors import engine
from extractors.engine import MENTION_PASSES, SENTENCE_PASSES, Mention, Sentence
from extractors.numbers import read_number
from extractors.rejection import Rejection
from extractors.tables import load_table
from extractors.tokens import tokenize


def sentence(text: str, lang: str) -> Sentence:
    return Sentence(tokenize(text), load_table(lang), lambda a, b: text[a.end:b.start])


def _index(s: Sentence, at: str) -> int:
    return next(k for k, t in enumerate(s.tokens) if t.text == at)


def before(read, text: str, lang: str, at: str) -> tuple[Mention, Sentence]:
    """The number at the token `at`, as the mention passes before `read` leave it."""
    s = sentence(text, lang)
    i = _index(s, at)
    num = read_number(s.tokens, i, s.table, s.gap)
    assert num is not None, f"no number at {at!r}"
    m = Mention(first=i, last=num.last, number=num, value=num.value)
    for earlier in MENTION_PASSES[:MENTION_PASSES.index(read)]:
        earlier(m, s)
    return m, s


def sentence_before(read, text: str, lang: str) -> tuple[list[Mention], Sentence]:
    """The mentions of `text`, as the sentence passes before `read` leave them."""
    s = sentence(text, lang)
    mentions = engine.find_mentions(s)
    for earlier in SENTENCE_PASSES[:SENTENCE_PASSES.index(read)]:
        earlier(mentions, s)
    return mentions, s


def span(m: Mention, s: Sentence) -> str:
    return " ".join(t.text for t in s.tokens[m.first:m.last + 1])


# -- finding candidates and reading the number ------------------------------------------------------
def test_find_mentions_reads_each_number_once_and_resumes_after_it():
    s = sentence("Exports rose by 12 percent to 5.2 billion dollars.", "en")
    mentions = engine.find_mentions(s)
    assert [(span(m, s), m.value, m.unit) for m in mentions] == [
        ("12 percent", 12, "percent"), ("5.2 billion dollars", 5.2e9, "USD")]


def test_a_dash_without_digits_after_it_starts_nothing():
    s = sentence("Talks - and more talks - went on.", "en")
    assert engine.find_mentions(s) == []


def test_read_mention_takes_the_unit_written_before_the_number():
    s = sentence("It costs $5 now.", "en")
    m = engine.read_mention(s, _index(s, "$"))
    assert m is not None and (m.value, m.unit, span(m, s)) == (5, "USD", "$ 5")


def test_read_mention_reads_share_and_multiple_words():
    s = sentence("Prices doubled and half of the budget went.", "en")
    doubled = engine.read_mention(s, _index(s, "doubled"))
    half = engine.read_mention(s, _index(s, "half"))
    assert doubled is not None and (doubled.value, doubled.unit) == (2, "times")
    assert half is not None and (half.value, half.unit) == (50, "percent")


# -- mention passes ---------------------------------------------------------------------------------
def test_read_sign():
    m, s = before(engine.read_sign, "It fell to -2 degrees.", "en", "2")
    engine.read_sign(m, s)
    assert (m.value, s.tokens[m.first].text) == (-2, "-")
    m, s = before(engine.read_sign, "Hava eksi 5 derece.", "tr", "5")
    engine.read_sign(m, s)
    assert (m.value, s.tokens[m.first].text) == (-5, "eksi")


def test_read_sign_leaves_a_dash_between_words():
    m, s = before(engine.read_sign, "The fund - 5 of them - closed.", "en", "5")
    engine.read_sign(m, s)
    assert m.value == 5


def test_read_range():
    m, s = before(engine.read_range, "It takes 15-18 days.", "en", "15")
    engine.read_range(m, s)
    assert (m.value, m.value_max, m.rejected) == (15, 18, None)
    m, s = before(engine.read_range, "Oil 1,8-2,2 mlr ton.", "tr", "1,8")
    engine.read_range(m, s)
    assert (m.value, m.value_max) == (pytest.approx(1.8e9), 2.2e9)


def test_read_range_joined_by_an_ellipsis_puts_signed_ends_in_order():
    m, s = before(engine.read_range, "Днём +30…35° в тени.", "ru", "30")
    engine.read_range(m, s)
    assert (m.value, m.value_max, m.rejected) == (30, 35, None)
    m, s = before(engine.read_range, "Түнде -5...-10 градус болады.", "kk", "5")
    engine.read_range(m, s)
    assert (m.value, m.value_max, m.rejected, span(m, s)) == (-10, -5, None, "- 5 . . . - 10")


def test_read_fraction():
    m, s = before(engine.read_fraction, "The trail runs 10 1/2 miles.", "en", "10")
    engine.read_fraction(m, s)
    assert (m.value, span(m, s)) == (10.5, "10 1 / 2")
    m, s = before(engine.read_fraction, "Add 1/2 kg of butter.", "en", "1")
    engine.read_fraction(m, s)
    assert m.value == 0.5
    m, s = before(engine.read_fraction, "Jamoa 1/8 finalga chiqdi.", "uz", "1")
    engine.read_fraction(m, s)
    assert (m.value, m.last) == (1, m.number.first)     # a round of a cup, no fraction


def test_read_glued_scale():
    m, s = before(engine.read_glued_scale, "Revenue reached 46.3bn last year.", "en", "46.3")
    engine.read_glued_scale(m, s)
    assert (m.value, m.number.has_scale, s.tokens[m.last].text) == (pytest.approx(46.3e9), True, "bn")


def test_read_glued_scale_after_money_only():
    m, s = before(engine.read_glued_scale, "Fon AUD1.5m topladı.", "tr", "1.5")
    m.unit = "AUD"      # as read_mention sets a unit written before the number
    engine.read_glued_scale(m, s)
    assert (m.value, m.unit) == (pytest.approx(1.5e6), "AUD")
    m, s = before(engine.read_glued_scale, "Ol 100m koştu.", "tr", "100")
    engine.read_glued_scale(m, s)
    assert (m.value, m.number.has_scale) == (100, False)     # `100m` with no money before it: metres


def test_read_number_suffix():
    m, s = before(engine.read_number_suffix, "Oran 84'ten yükseldi.", "tr", "84")
    engine.read_number_suffix(m, s)
    assert (m.number.suffix, s.tokens[m.last].text) == ("ten", "ten")


def test_read_unit_after():
    m, s = before(engine.read_unit_after, "The road is 5 km long.", "en", "5")
    engine.read_unit_after(m, s)
    assert (m.unit, span(m, s)) == ("km", "5 km")
    m, s = before(engine.read_unit_after, "17 milyar doları aştı.", "tr", "17")
    engine.read_unit_after(m, s)
    assert (m.value, m.unit, m.unit_suffix) == (17e9, "USD", "ı")


def test_read_unit_after_keeps_a_unit_written_before():
    m, s = before(engine.read_unit_after, "Oran %8 km oldu.", "tr", "8")
    m.unit = "percent"      # as `%` before the number sets it
    engine.read_unit_after(m, s)
    assert m.unit == "percent"


def test_read_minor_amount():
    m, s = before(engine.read_minor_amount, "Цена 20 долларов 43 цента.", "ru", "20")
    engine.read_minor_amount(m, s)
    assert (m.value, m.unit, span(m, s)) == (pytest.approx(20.43), "USD", "20 долларов 43 цента")


def test_read_unit_after_reads_a_unit_per_unit():
    m, s = before(engine.read_unit_after, "Урожайность 25 ц/га.", "ru", "25")
    engine.read_unit_after(m, s)
    assert (m.unit, span(m, s)) == ("centner/ha", "25 ц / га")


def test_read_compound_measure():
    m, s = before(engine.read_compound_measure, "Они пробежали 42 километра 195 метров.", "ru", "42")
    engine.read_compound_measure(m, s)
    assert (m.value, m.unit, span(m, s)) == (pytest.approx(42.195), "km", "42 километра 195 метров")
    m, s = before(engine.read_compound_measure, "2025 жылдың 9 айында өсті.", "kk", "2025")
    engine.read_compound_measure(m, s)
    assert m.value == 2025      # a year and a month of it are no sum


def test_reject_not_quantities_sets_a_year_aside():
    m, s = before(engine.reject_not_quantities, "In 2024 exports grew.", "en", "2024")
    engine.reject_not_quantities(m, s)
    assert (m.is_year, m.rejected) == (True, None)


def test_reject_not_quantities_keeps_a_quantity():
    m, s = before(engine.reject_not_quantities, "They built 300 houses.", "en", "300")
    engine.reject_not_quantities(m, s)
    assert (m.is_year, m.rejected) == (False, None)


def test_read_qualifier_after():
    m, s = before(engine.read_qualifier_after, "350'yi aşkın kişi geldi.", "tr", "350")
    engine.read_qualifier_after(m, s)
    assert (m.qualifier, s.tokens[m.last].text) == ("more_than", "aşkın")


def test_read_unit_after_qualifier():
    m, s = before(engine.read_unit_after_qualifier, "1 milyondan fazla ton taşındı.", "tr", "1")
    assert (m.qualifier, m.unit) == ("more_than", None)
    engine.read_unit_after_qualifier(m, s)
    assert (m.unit, s.tokens[m.last].text) == ("t", "ton")


def test_read_counted_noun():
    m, s = before(engine.read_counted_noun, "They opened 300 new schools.", "en", "300")
    engine.read_counted_noun(m, s)
    assert (m.unit, [s.tokens[k].text for k in m.counted]) == ("count", ["new", "schools"])


def test_read_counted_noun_rejects_a_number_of_a_name():
    m, s = before(engine.read_counted_noun, "They met in Hall 3.", "en", "3")
    engine.read_counted_noun(m, s)
    assert m.rejected is Rejection.NAME_NUMBER


def test_read_qualifier_after_counted_noun():
    m, s = before(engine.read_qualifier_after_counted_noun, "Aholi 37 million kishidan oshdi.", "uz", "37")
    assert m.qualifier is None and [s.tokens[k].text for k in m.counted] == ["kishidan"]
    engine.read_qualifier_after_counted_noun(m, s)
    assert m.qualifier == "more_than"


def test_read_qualifier_before():
    m, s = before(engine.read_qualifier_before, "It grew by more than 5 km.", "en", "5")
    engine.read_qualifier_before(m, s)
    assert (m.qualifier, span(m, s)) == ("more_than", "more than 5 km")


def test_read_qualifier_before_leaves_the_level_reached():
    m, s = before(engine.read_qualifier_before, "Ставка выросла до 5%.", "ru", "5")
    engine.read_qualifier_before(m, s)
    assert m.qualifier is None


def test_read_rate():
    m, s = before(engine.read_rate, "They pump 1.3 million barrels of oil a day.", "en", "1.3")
    assert m.unit == "bbl"
    engine.read_rate(m, s)
    assert m.unit == "bbl/d"


def test_passes_after_the_rejection_skip_what_it_rejected():
    m, s = before(engine.read_qualifier_before, "On 5 October more than 5 people came.", "en", "5")
    assert m.rejected is Rejection.DATE
    for later in MENTION_PASSES[MENTION_PASSES.index(engine.reject_not_quantities) + 1:]:
        later(m, s)
    assert (m.qualifier, m.unit) == (None, None)


# -- sentence passes --------------------------------------------------------------------------------
def test_read_unit_by_context():
    m, s = before(engine.read_unit_by_context, "Боксёр весит 200 фунтов.", "ru", "200")
    assert m.unit == "GBP"
    engine.read_unit_by_context(m, s)
    assert m.unit == "lb"
    m, s = before(engine.read_unit_by_context, "Билет стоит 200 фунтов.", "ru", "200")
    engine.read_unit_by_context(m, s)
    assert m.unit == "GBP"


def test_join_ranges_before_a_measured_end():
    mentions, s = sentence_before(engine.join_ranges, "Highs of 30 to 35ºC and a rise of 3 to 45% are due.", "en")
    engine.join_ranges(mentions, s)
    assert [(m.value, m.value_max, m.unit) for m in mentions if m.rejected is None] == [
        (30, 35, "degC"), (3, None, "count"), (45, None, "percent")]


def test_join_ranges():
    mentions, s = sentence_before(engine.join_ranges, "Цены от 10 долларов до 20 выросли.", "ru")
    assert len(mentions) == 2
    engine.join_ranges(mentions, s)
    assert [(m.value, m.value_max, m.unit) for m in mentions] == [(10, 20, "USD")]


def test_read_below_zero():
    mentions, s = sentence_before(engine.read_below_zero, "Ночью 25 градусов мороза.", "ru")
    engine.read_below_zero(mentions, s)
    assert [(m.value, m.unit) for m in mentions] == [(-25, "degC")]


def test_spread_units_over_lists():
    mentions, s = sentence_before(engine.spread_units_over_lists, "They paid 5, 7 and 9 million dollars.", "en")
    engine.spread_units_over_lists(mentions, s)
    assert [(m.value, m.unit) for m in mentions] == [(5e6, "USD"), (7e6, "USD"), (9e6, "USD")]


def test_read_shares_in():
    mentions, s = sentence_before(engine.read_shares_in, "One in five pupils walk.", "en")
    assert [m.rejected for m in mentions] == [Rejection.WEAK_NUMBER_WORD, None]
    engine.read_shares_in(mentions, s)
    share, whole = mentions
    assert (share.value, share.unit, share.rejected) == (20, "percent", None)
    assert whole.rejected is Rejection.WHOLE_OF_SHARE


def test_reject_price_bases():
    mentions, s = sentence_before(engine.reject_price_bases, "Benzinin bir litri 1,1 manat olub.", "az")
    engine.reject_price_bases(mentions, s)
    assert [(m.value, m.unit, m.rejected) for m in mentions] == [
        (1, "l", Rejection.PRICE_BASIS), (1.1, "AZN", None)]


def test_reject_dates_listed():
    mentions, s = sentence_before(engine.reject_dates_listed, "Көрме 14, 15, 16 қазанда өтеді.", "kk")
    engine.reject_dates_listed(mentions, s)
    assert [m.rejected for m in mentions] == [Rejection.DATE] * 3


def test_read_weak_numbers_listed():
    mentions, s = sentence_before(engine.read_weak_numbers_listed, "Спортшылар 3 алтын, бір күміс медаль алды.", "kk")
    assert mentions[1].rejected is Rejection.WEAK_NUMBER_WORD
    engine.read_weak_numbers_listed(mentions, s)
    assert [(m.value, m.rejected, span(m, s)) for m in mentions] == [(3, None, "3 алтын"), (1, None, "бір күміс")]


def test_read_weak_counts():
    mentions, s = sentence_before(engine.read_weak_counts, "Ол бір күміс медаль жеңді, бір адам келді.", "kk")
    assert [m.rejected for m in mentions] == [Rejection.WEAK_NUMBER_WORD] * 2
    engine.read_weak_counts(mentions, s)
    assert [(m.value, m.rejected, span(m, s)) for m in mentions] == [
        (1, None, "бір күміс"), (1, Rejection.WEAK_NUMBER_WORD, "бір")]


def test_spread_units_over_named_lists():
    text = "Yarışda Gürcüstan 12, Qazaxıstan 7, Türkiyə isə 9 idmançı ilə təmsil olunub."
    mentions, s = sentence_before(engine.spread_units_over_named_lists, text, "az")
    engine.spread_units_over_named_lists(mentions, s)
    assert [(m.value, m.unit, m.rejected, [s.tokens[k].text for k in m.counted]) for m in mentions] == [
        (12, "count", None, ["idmançı"]), (7, "count", None, ["idmançı"]), (9, "count", None, ["idmançı"])]


def test_reject_rate_bases():
    mentions, s = sentence_before(engine.reject_rate_bases, "The rate reached 45 cases per 100,000 people.", "en")
    engine.reject_rate_bases(mentions, s)
    assert [(m.value, m.rejected) for m in mentions] == [(45, None), (100_000, Rejection.RATE_BASIS)]


def test_reject_rate_bases_before_a_basis_word():
    mentions, s = sentence_before(engine.reject_rate_bases, "Hastalık yüz binde 12 kişide görülüyor.", "tr")
    engine.reject_rate_bases(mentions, s)
    assert [(m.value, m.rejected) for m in mentions] == [(100, Rejection.RATE_BASIS), (12, None)]


def test_read_series_unit_carries_a_forecast_unit_to_later_sentences():
    first, s = sentence_before(engine.read_series_unit, "Днем +4 °C, в горах -3.", "ru")
    engine.read_series_unit(first, s)
    assert [(m.value, m.unit, m.rejected) for m in first] == [(4, "degC", None), (-3, "degC", None)]
    later, s2 = sentence_before(engine.read_series_unit, "Завтра в Астане +5.", "ru")
    assert later[0].rejected is not None        # `+5` alone: an identifier
    s2.article.update(s.article)
    engine.read_series_unit(later, s2)
    assert [(m.value, m.unit, m.rejected) for m in later] == [(5, "degC", None)]


# -- every rejection reason, from a sentence --------------------------------------------------------
REASONS = [
    (Rejection.DATE, "en", "The summit opens on 5 October.", "5"),
    (Rejection.CLOCK_TIME, "en", "The train left at 14:30 sharp.", "14"),
    (Rejection.CLOCK_TIME, "ru", "Встреча начнётся в 18.00 в мэрии.", "18.00"),
    (Rejection.ORDINAL, "tr", "Toplantı 2. Zirve ile başladı.", "2"),
    (Rejection.ORDINAL, "en", "She finished 5th in the race.", "5"),
    (Rejection.ORDINAL, "uz", "Jamoa 2-o'rinni egalladi.", "2"),
    (Rejection.AFTER_NOT_QUANTITY_WORD, "tr", "Her iki ülke anlaştı.", "iki"),
    (Rejection.IDENTIFIER, "en", "The F-16 jets landed.", "16"),
    (Rejection.IDENTIFIER, "en", "He cited No. 123 of the list.", "123"),
    (Rejection.IDENTIFIER, "en", "The 5G network opened.", "5"),
    (Rejection.IDENTIFIER, "tr", "7456 sayılı Kanun yürürlüğe girdi.", "7456"),
    (Rejection.DIGIT_RUN, "ru", "Звоните 8 701 555 12 34 сегодня.", "8"),
    (Rejection.PHONE_NUMBER, "ru", "Телефон 8 (7292) 30-40-50 работает.", "30"),
    (Rejection.AGE, "en", "A 34-year-old man was arrested.", "34"),
    (Rejection.VAGUE, "ru", "Сотни тысяч человек вышли.", "тысяч"),
    (Rejection.ZERO_OF_BELOW_ZERO, "tr", "Hava sıfırın altında 2 derece oldu.", "sıfırın"),
    (Rejection.WEAK_NUMBER_WORD, "en", "One of them left.", "One"),
    (Rejection.SCORE_OR_ID, "en", "The team won 3-1 at home.", "3"),
    (Rejection.APPOSITIVE, "en", "Tokayev, 72, signed the law.", "72"),
    (Rejection.NAME_NUMBER, "en", "They met in Hall 3 today.", "3"),
    (Rejection.COMPOUND_WORD_PART, "en", "It was a three-way deal.", "three"),
    (Rejection.WHOLE_OF_SHARE, "en", "One in five pupils walk.", "five"),
    (Rejection.PRICE_BASIS, "az", "Benzinin bir litri 1,1 manat olub.", "bir"),
    (Rejection.RATE_BASIS, "ru", "Показатель — 38,5 на 10 тыс. населения.", "10"),
]


@pytest.mark.parametrize("reason, lang, text, at", REASONS, ids=[f"{r.name}-{lang}" for r, lang, _, _ in REASONS])
def test_each_rejection_reason_from_a_sentence(reason, lang, text, at):
    s = sentence(text, lang)
    mentions = engine.read_sentence(s.tokens, s.table, text)
    at_token = _index(s, at)
    assert [m.rejected for m in mentions if m.number.first == at_token] == [reason], \
        [(span(m, s), m.rejected, m.is_year) for m in mentions]
    assert all(q.start != s.tokens[at_token].start for q in engine.extract(text, lang))


def test_every_reason_is_triggered_above():
    assert {r for r, *_ in REASONS} | {Rejection.YEAR} == set(Rejection)


def test_a_year_is_set_aside_not_rejected():
    text = "In 2024 exports grew by 5%."
    s = sentence(text, "en")
    year, share = engine.read_sentence(s.tokens, s.table, text)
    assert (year.is_year, year.rejected, share.is_year) == (True, None, False)
    assert [q.period for q in engine.extract(text, "en")] == ["2024"]
