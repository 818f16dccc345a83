"""The rule engine: a few small passes over one mention at a time, driven by a language table.

The passes are listed in order in one place, MENTION_PASSES and SENTENCE_PASSES at the end of this
module: find number candidates -> read the number -> sign -> range -> scale -> unit -> reject dates,
clock times, ordinals, ids (one enumeration of reasons: extractors/rejection.py) -> qualifier ->
counted noun -> rate; then over the sentence's mentions: ranges across two readings -> below zero
-> lists -> shares -> price bases; then context (sentence, quantified, subject, period, facts) in
`extract`. Nothing here names a language: every word comes from extractors/languages/.
"""
from __future__ import annotations

import math
import re
from functools import lru_cache
from datetime import date
from typing import Any, Callable, Final

from extractors import context, facts
from extractors.model import Quantity, quantity_of
from extractors.numbers import NumberRead, read_number
from extractors.rejection import Rejection
from extractors.resources import extractor_version
from extractors.tables import LanguageTable, load_table
from extractors.tokens import Gap, Token, make_token, normalized, tokenize
from extractors.units import Unit, curated_codes, registry, to_base

FALLBACK_LANG = "en"
_RANGE_DASHES: Final = {"-", "–", "—", "‒"}


# The engine's records are plain classes, not data classes: a data class's generated __init__ runs as
# plain Python even when the engine is compiled, and these are built for every mention and sentence.
class Mention:
    """A quantity being read: token indices into its sentence, and what the passes found."""
    __slots__ = ("first", "last", "number", "value", "value_max", "unit", "unit_first", "unit_last", "unit_suffix",
                 "qualifier", "counted", "is_year", "rejected")

    def __init__(self, first: int, last: int, number: NumberRead, value: float, value_max: float | None = None,
                 unit: str | None = None, unit_first: int | None = None, unit_last: int | None = None,
                 unit_suffix: str = "", qualifier: str | None = None, counted: list[int] | None = None,
                 is_year: bool = False, rejected: Rejection | None = None) -> None:
        self.first = first
        self.last = last
        self.number = number
        self.value = value
        self.value_max = value_max
        self.unit = unit
        self.unit_first = unit_first
        self.unit_last = unit_last
        self.unit_suffix = unit_suffix
        self.qualifier = qualifier
        self.counted: list[int] = [] if counted is None else counted   # token indices of the counted noun phrase
        self.is_year = is_year
        self.rejected = rejected


class Sentence:
    """The sentence the passes read: its tokens, the language table, and the text between two tokens."""
    __slots__ = ("tokens", "table", "gap", "article")

    def __init__(self, tokens: list[Token], table: LanguageTable, gap: Gap, article: dict[str, Any] | None = None) -> None:
        self.tokens = tokens
        self.table = table
        self.gap = gap
        self.article: dict[str, Any] = {} if article is None else article   # what earlier sentences of the article named


def extract(text: str, lang: str, published: date | None = None) -> list[Quantity]:
    if not text:
        return []
    try:
        table = load_table(lang)
    except KeyError:
        table = load_table(FALLBACK_LANG)
    out: list[dict[str, Any]] = []
    version = extractor_version()   # once per article: it looks up the language path each time
    sentence_of: list[int] = []
    sentences = context.split_sentences(text, table)
    low = normalized(text)
    anchored = _sentences_with_anchors(low, sentences, table)
    article: dict[str, Any] = {}
    for s_index in anchored:
        start, end = sentences[s_index]
        tokens = tokenize(text[start:end], start, low[start:end])
        mentions = read_sentence(tokens, table, text, article)
        years = [m for m in mentions if m.is_year]
        for m in mentions:
            if m.rejected or m.is_year:
                continue
            out.append(_to_quantity(m, tokens, text, sentences, s_index, years, table, published, version))
            sentence_of.append(s_index)
    # the article-level signals complete each quantity's fields first: one Quantity built each
    return [quantity_of(q) for q in facts.article_signals(out, sentence_of, text, sentences, table, published)]


_DIGIT: Final = re.compile(r"\d")


def _sentences_with_anchors(low: str, sentences: list[tuple[int, int]], table: LanguageTable) -> list[int]:
    """The sentences where a quantity can start; a digit, which most of them hold, is the anchor
    found fastest (the full pattern tries a dictionary trie at every word)."""
    digit, search = _DIGIT.search, table.anchor.search
    return [k for k, (start, end) in enumerate(sentences) if digit(low, start, end) or search(low, start, end)]


def spread_units_over_lists(mentions: list[Mention], s: Sentence) -> None:
    """`5, 7 and 9 million dollars`, `на 5, 7 и 9%`, `85 ile 140 metrekare`: bare numbers listed before
    a figure take its scale and unit (right to left, so the whole list does); `yüzde 10 ile 15`: a bare
    number after a figure whose unit stands before it takes that unit."""
    tokens, table, gap = s.tokens, s.table, s.gap
    for a, b in zip(mentions, mentions[1:]):
        if _unit_is_list_word(a, b, tokens, table):
            # `60 ilə 120 kvadratmetr`: `ilə` joins the two figures; it is no `il` (year) + dative
            a.unit, a.unit_suffix, a.unit_first, a.unit_last, a.last = b.unit, b.unit_suffix, None, None, a.last - 1
    pairs = [(a, b) for a, b in zip(mentions, mentions[1:]) if _listed(a, b, tokens, table)]
    source: dict[int, Mention] = {}     # a listed number -> the figure whose scale and unit it took
    for a, b in reversed(pairs):
        last = source.get(id(b), b)
        if _bare(a) and (last.number.has_scale or last.unit not in (None, "count")):
            a.value = _scaled_low(a.value, a.number, last.number, tokens, table, gap)
            a.unit, a.unit_suffix, a.counted = last.unit, last.unit_suffix, last.counted
            source[id(a)] = last
    for a, b in pairs:
        if _bare(b) and a.unit_last is not None and a.unit_last < a.number.first:
            b.unit = a.unit


def spread_units_over_named_lists(mentions: list[Mention], s: Sentence) -> None:
    """`Gürcüstan 12, Qazaxıstan 7, Türkiyə isə 9 idmançı`, `İzmir'de 42, Manisa'da 38 ve Aydın'da 55
    milimetre`, `в Алматы 12, в Астане 8, в Шымкенте 5 случаев`: figures listed after names, the unit
    or noun written once after the last one, take it (right to left, so the whole list does)."""
    tokens = s.tokens
    for a, b in reversed(list(zip(mentions, mentions[1:]))):
        if a.rejected not in (None, Rejection.NAME_NUMBER) or not _bare(a) or a.is_year or a.value_max is not None \
                or not _kept(b) or (b.unit in (None, "count") and not b.counted) or not a.number.has_digits:
            continue
        if _name_before(tokens, a.first) and _names_between(tokens, a.last + 1, b.first, s.table):
            a.unit, a.unit_suffix, a.counted, a.rejected = b.unit, b.unit_suffix, b.counted, None


def spread_units_over_series(mentions: list[Mention], s: Sentence) -> None:
    """A forecast's series, a comma and a word or two between its figures: `gecə 0-3, gündüz 4-7
    dərəcə`: a bare range takes the unit of the range after it (right to left, so the whole series
    does); `saniyədə 15-20 metr, bəzi yerlərdə 25 metrədək`: a length after a speed whose rate word
    stands before it is of that speed too (left to right)."""
    tokens, table = s.tokens, s.table
    pairs = [(a, b) for a, b in zip(mentions, mentions[1:])
             if _kept(a) and _kept(b) and _series_gap(tokens[a.last + 1:b.first], table)]
    for a, b in reversed(pairs):
        if a.value_max is not None and b.value_max is not None and _bare(a) and b.unit not in (None, "count"):
            a.unit, a.unit_suffix = b.unit, b.unit_suffix
    for a, b in pairs:
        if a.unit and b.unit and registry()[a.unit].dimension == "speed" and a.unit.split("/")[0] == b.unit \
                and a.first > 0 and table.rates.get((tokens[a.first - 1].low,)) == a.unit.split("/")[-1]:
            b.unit = a.unit     # the rate written before the series (`saniyədə`), not `Ветер 15 м/с, видимость 50 метров`


def _series_gap(between: list[Token], table: LanguageTable) -> bool:
    """`, gündüz`, `, bəzi yerlərdə`: a comma, then one to three words, none of them a rate (`yılda`)."""
    return 2 <= len(between) <= 4 and between[0].text == "," \
        and all(t.is_word and (t.low,) not in table.rates for t in between[1:])


def _name_before(tokens: list[Token], first: int) -> bool:
    """A capitalised word just before the figure, or one word before it (`в Алматы 12`)."""
    return any(k >= 0 and tokens[k].is_word and tokens[k].text[0].isupper() for k in (first - 1, first - 2)) \
        and first > 0 and tokens[first - 1].is_word


def _names_between(tokens: list[Token], lo: int, hi: int, table: LanguageTable) -> bool:
    """`, Qazaxıstan`, `, в Астане`, `ve Aydın'da`, `, Türkiyə isə`: a comma or a list word, then at most
    three words, one of them a name, and nothing else."""
    between = tokens[lo:hi]
    if not 2 <= len(between) <= 4 or not (between[0].text == "," or between[0].low in table.list_words):
        return False
    words = between[1:]
    return all(t.is_word for t in words) and any(t.text[0].isupper() for t in words) and words[-1].is_word


def read_game_points(mentions: list[Mention], s: Sentence) -> None:
    """`64 puanla lider`, `LGS'de 480 puan`: a word that is percentage points beside a rate (`işsizlik
    oranı 0,4 puan azaldı`) counts a game's or an exam's points in a sentence that names no percentage
    and no rate (table keys units.points, units.points_of)."""
    table, tokens = s.table, s.tokens
    if not table.points:
        return
    points = [m for m in mentions if m.unit == "pp" and _unit_words(m, tokens) in table.points]
    if not points or any(t.low.startswith(table.points_of) for t in tokens) \
            or any(m.unit not in (None, "pp") and registry()[m.unit].dimension == "percentage" for m in mentions):
        return
    for m in points:
        first = m.unit_first
        if first is not None:
            m.unit, m.counted = "count", [first]


def _unit_words(m: Mention, tokens: list[Token]) -> tuple[str, ...]:
    """The unit's words as written, its suffix taken off (`puanla` -> `puan`); none for a unit read
    from no words of its own (spread over a list)."""
    first, last = m.unit_first, m.unit_last
    if first is None or last is None:
        return ()
    words = [t.low for t in tokens[first:last + 1]]
    if m.unit_suffix and words[-1].endswith(m.unit_suffix):
        words[-1] = words[-1][:-len(m.unit_suffix)]
    return tuple(words)


def reject_dates_listed(mentions: list[Mention], s: Sentence) -> None:
    """`14, 15, 16 қазанда`, `14, 15 и 16 октября`: days listed before the one a month names are dates too."""
    tokens, table = s.tokens, s.table
    for a, b in reversed(list(zip(mentions, mentions[1:]))):
        between = [t.low for t in tokens[a.last + 1:b.first]]
        if b.rejected is Rejection.DATE and a.rejected in (None, Rejection.APPOSITIVE) and _bare(a) and a.number.plain_integer \
                and 1 <= a.value <= 31 and 0 < len(between) <= 2 and all(w == "," or w in table.list_words for w in between):
            a.rejected = Rejection.DATE


def reject_ids_listed(mentions: list[Mention], s: Sentence) -> None:
    """`под номерами 17 и 23`, `No. 5 and 6`: bare numbers listed after an identifier are identifiers too."""
    tokens, table = s.tokens, s.table
    for a, b in zip(mentions, mentions[1:]):
        between = [t.low for t in tokens[a.last + 1:b.first]]
        if a.rejected is Rejection.IDENTIFIER and _kept(b) and _bare(b) and b.number.plain_integer \
                and 0 < len(between) <= 2 and all(w == "," or w in table.list_words for w in between):
            b.rejected = Rejection.IDENTIFIER


def read_weak_numbers_listed(mentions: list[Mention], s: Sentence) -> None:
    """`3 алтын, бір күміс медаль`: a weak number word (`бір`, `one`) listed with counted figures is a
    count too."""
    tokens, table = s.tokens, s.table
    for a, b in zip(mentions, mentions[1:]):
        between = [t.low for t in tokens[a.last + 1:b.first]]
        if not (0 < len(between) <= 2 and all(w == "," or w in table.list_words for w in between)):
            continue
        for weak, other in ((a, b), (b, a)):
            if weak.rejected is Rejection.WEAK_NUMBER_WORD and _kept(other) and other.unit == "count" and other.counted:
                weak.rejected = None
                read_counted_noun(weak, s)


def read_weak_counts(mentions: list[Mention], s: Sentence) -> None:
    """`бір күміс медаль`, `one silver medal`, `bir gol`: a weak number word alone before a noun that
    news counts even when there is one of it (table key numbers.weak_counts) is a count; before any
    other noun it stays an article or a pronoun (`bir kişi`, `one of them`)."""
    tokens, table = s.tokens, s.table
    if not table.weak_counts:
        return
    for m in mentions:
        if m.rejected is not Rejection.WEAK_NUMBER_WORD or m.unit is not None:
            continue
        last = m.last
        m.rejected = None
        read_counted_noun(m, s)
        if not any(_word_of_stems(tokens[k].low, table.weak_counts, table) for k in m.counted):
            m.rejected, m.unit, m.counted, m.last = Rejection.WEAK_NUMBER_WORD, None, [], last


def _word_of_stems(low: str, stems: tuple[str, ...], table: LanguageTable) -> bool:
    """A stem of four letters or more begins the word (`медал`: медаль, медали); a shorter one is the
    word itself or the word with the table's suffixes (`gol`, `golü`; not `голос`, `golf`)."""
    return any(len(stem) >= 4 and low.startswith(stem) for stem in stems) \
        or table.split_suffix(low, stems) is not None


def read_shares_in(mentions: list[Mention], s: Sentence) -> None:
    """`one in five pupils`, `3 out of 4 firms` (table key numbers.share_in): a share, in percent."""
    tokens, table = s.tokens, s.table
    if not table.share_in:
        return
    for a, b in zip(mentions, mentions[1:]):
        between = tuple(t.low for t in tokens[a.last + 1:b.first])
        weak = a.rejected is Rejection.WEAK_NUMBER_WORD   # `one in five`
        if between in table.share_in and _bare(a) and (a.rejected is None or weak) and not b.rejected and b.unit in (None, "count") \
                and not b.number.has_scale and 0 < a.value < b.value \
                and (len(between) > 1 or a.number.has_words or a.value == 1):   # not `scored 2 in 3 games`
            a.value, a.unit, a.last, a.counted = 100 * a.value / b.value, "percent", b.last, b.counted
            b.rejected, a.rejected = Rejection.WHOLE_OF_SHARE, None
            _qualifier_before(a, tokens, table)


def _unit_is_list_word(a: Mention, b: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    return not (a.rejected or b.rejected) and a.unit_last is not None and a.unit_first == a.unit_last == a.last \
        and tokens[a.last].low in table.list_words and b.first == a.last + 1 and b.unit not in (None, "count")


def _listed(a: Mention, b: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    between = [t.low for t in tokens[a.last + 1:b.first]]
    return not (a.rejected or b.rejected or a.is_year or b.is_year) and 0 < len(between) <= 2 \
        and all(w == "," or w in table.list_words for w in between)


def _bare(m: Mention) -> bool:
    """A number with no scale, unit or counted noun: `5` in `5, 7 and 9 million`."""
    return m.unit in (None, "count") and not m.counted and not m.number.has_scale and m.qualifier is None


def reject_price_bases(mentions: list[Mention], s: Sentence) -> None:
    """`bir litri 1,1 manat`, `1 доллар 521,5 теңге`, `1 мың текше метр үшін 25 мың теңге`: one unit
    (or a thousand: gas is priced per 1,000 m³) that a price just after it is quoted for is the basis
    of the price, not a quantity of its own."""
    tokens = s.tokens
    for a, b in zip(mentions, mentions[1:]):
        if not (a.value == 1 or (a.value == 1000 and a.number.has_scale)) or a.unit in (None, "count", b.unit) or b.unit is None \
                or registry()[b.unit].dimension != "currency" or b.first - a.last > 8:
            continue
        if not any(t.text in _CLAUSE_MARKS or t.text == "." for t in tokens[a.last + 1:b.first]):
            a.rejected = Rejection.PRICE_BASIS


def reject_rate_bases(mentions: list[Mention], s: Sentence) -> None:
    """`45 cases per 100,000 people`, `38,5 на 10 тыс. населения`, `Har 10 ming aholiga 28 nafar`: a round
    count after a basis word (table key not_quantities.rate_basis) joined to a figure, just before the
    word or just after the count, is the population the figure is given for, not a count of its own.
    So is one before a basis word (not_quantities.rate_basis_after): `yüz binde 12`, `100 мың тұрғынға 12`."""
    tokens, table = s.tokens, s.table
    if not (table.rate_basis or table.rate_basis_after):
        return
    for n, b in enumerate(mentions):
        word_after = b.number.last + 1 < len(tokens) and tokens[b.number.last + 1].low in table.rate_basis_after
        word_before = b.first > 0 and tokens[b.first - 1].low in table.rate_basis
        if not _kept(b) or b.unit not in (None, "count") or not (word_before or word_after) \
                or b.value < 10 or math.log10(b.value) != int(math.log10(b.value)):
            continue
        before = mentions[n - 1] if n > 0 else None
        after = mentions[n + 1] if n + 1 < len(mentions) else None
        reach = 2 if word_after else 1      # `100 мың адамға шаққанда 45`: a verb may stand between
        if (before is not None and _kept(before) and before.last + 2 == b.first) \
                or (after is not None and _kept(after) and 0 < after.first - b.last <= reach):
            b.rejected = Rejection.RATE_BASIS


def _may_start(low: str, table: LanguageTable) -> bool:
    """Whether a mention may start at a token folded to `low` (remembered: a dict look-up per token
    is cheaper than a regex match per token)."""
    return table.starter.match(low) is not None


def _gap_reader(text: str) -> Gap:
    def gap(a: Token, b: Token) -> str:     # typed: compiled, the offsets are read as struct fields
        return text[a.end:b.start]
    return gap


# -- units ------------------------------------------------------------------------------------------
def _unit_before(tokens: list[Token], i: int, table: LanguageTable, gap: Gap) -> tuple[str | None, int]:
    if tokens[i].low not in table.unit_before_first_words:
        return None, i
    for n in range(min(3, len(tokens) - i), 0, -1):
        key = tuple(t.low for t in tokens[i:i + n])
        unit = table.units_before.get(key)
        if unit and key in table.capital_units and not _in_capitals(tokens[i:i + n]):
            continue    # `RM` before a figure is ringgit; `rm` is no currency
        if unit and all(gap(tokens[k], tokens[k + 1]) in ("", " ") for k in range(i, i + n - 1)):
            nxt = i + n
            if nxt < len(tokens) and gap(tokens[nxt - 1], tokens[nxt]) in ("", " ", "\u00a0"):
                return unit, nxt
    return None, i


def read_unit_after(m: Mention, s: Sentence) -> None:
    """`5 km`, `17 milyar doları`, `three-year`, `25 ta hujjat`: the longest unit after the number,
    where no unit stands before it (or a currency does: `$5 dollars`)."""
    if m.unit is not None and registry()[m.unit].dimension != "currency":
        return
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    if k + 1 < len(tokens) and tokens[k].text == "-" and gap(tokens[k - 1], tokens[k]) == "" \
            and gap(tokens[k], tokens[k + 1]) == "" and tokens[k + 1].is_word:
        k += 1                          # `three-year`, `12-month`: a compound written with a hyphen
    if k < len(tokens) and tokens[k].low in table.id_after:
        return                          # `7456 sayılı Kanun`: a law number, no unit
    if k < len(tokens) and tokens[k].low in table.counters and gap(tokens[k - 1], tokens[k]) in (" ", ""):
        m.last, k = k, k + 1            # Uzbek `25 ta hujjat`: the counter is part of the number
    if k >= len(tokens) or gap(tokens[k - 1], tokens[k]) not in (" ", "\u00a0", "") \
            or (m.number.suffix and not table.after_suffixed_number):
        return
    hit = _unit_at(tokens, k, table, gap)
    if hit is None:
        return
    unit, suffix, n = hit
    if m.number.has_scale and table.scaled_currency:
        unit = table.scaled_currency.get(tuple(t.low for t in tokens[k:k + n]), unit)   # `5 million pounds`
    if m.unit and m.unit != unit and not _sign_gives_way(m, unit, tokens):
        return
    m.unit, m.unit_first, m.unit_last, m.unit_suffix = unit, k, k + n - 1, suffix
    m.last = k + n - 1
    if not suffix:
        _per_unit(m, tokens, table, gap)
    _attached_suffix(m, tokens, table, gap)


def read_unit_by_context(m: Mention, s: Sentence) -> None:
    """`200 фунтов` is money, `весит 200 фунтов`, `2 фунта мяса` a weight: a unit surface the table
    reads otherwise when a cue word stands in the sentence (table key units.context_readings)."""
    table, tokens = s.table, s.tokens
    if not table.context_readings or m.unit_first is None or m.unit_last is None:
        return
    reading = table.context_readings.get(tuple(t.low for t in tokens[m.unit_first:m.unit_last + 1]))
    if reading is not None and any(t.is_word and _word_of_stems(t.low, reading[1], table) for t in tokens):
        m.unit = reading[0]


def _per_unit(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> None:
    """`25 ц/га`, `3 t/ga`, `1,2 ming so'm/kg`, `90 km/saat`: a unit, a slash and a second unit make
    one composite unit where units.csv has it (`centner/ha`, `UZS/kg`)."""
    k = m.last + 1
    if k + 1 >= len(tokens) or tokens[k].text != "/" or gap(tokens[k - 1], tokens[k]) != "" \
            or gap(tokens[k], tokens[k + 1]) != "" or not tokens[k + 1].is_word:
        return
    hit = _unit_at(tokens, k + 1, table, gap)
    if hit is None:
        return
    per, suffix, n = hit
    composite = f"{m.unit}/{per}"
    if composite in registry():
        m.unit, m.unit_suffix, m.unit_last = composite, suffix, k + n
        m.last = k + n


def _years_named(m: Mention) -> bool:
    lo, hi = context.YEAR_RANGE
    return m.number.plain_integer and lo <= m.value <= hi


def read_compound_measure(m: Mention, s: Sentence) -> None:
    """`42 километра 195 метров`, `1 saat 20 dakika`, `2 saat 5 dakika 30 saniye`: a measure and smaller
    units of the same base just after it are one figure, in the first unit (42.195 km, 1.33 h)."""
    info = registry().get(m.unit) if m.unit else None
    if info is None or info.dimension in ("currency", "count", "percentage", "ratio") or not info.factor_to_base \
            or m.value_max is not None or m.number.suffix or _years_named(m):
        return      # `2025 жылдың 9 айында`: a year and a month of it, no sum
    last = info
    while not m.unit_suffix:
        part = _smaller_part(m, last, s)
        if part is None:
            return
        sub, last = part
        m.value += sub.value * (last.factor_to_base or 0.0) / info.factor_to_base
        m.last, m.unit_suffix = sub.last, sub.unit_suffix


def _smaller_part(m: Mention, larger: Unit, s: Sentence) -> tuple[Mention, Unit] | None:
    """The figure just after m with a smaller unit of the same base (`195 метров` after `42 километра`)."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    if k >= len(tokens) or gap(tokens[m.last], tokens[k]) != " ":
        return None
    if tokens[k].low in table.amount_connectors:
        k += 1
    minor = read_number(tokens, k, table, gap) if k < len(tokens) and tokens[k].is_num else None
    if minor is None or minor.has_scale or minor.suffix:
        return None
    sub = Mention(first=k, last=minor.last, number=minor, value=minor.value)
    read_unit_after(sub, s)
    small = registry().get(sub.unit) if sub.unit else None
    if small is None or small.base_unit != larger.base_unit or not small.factor_to_base \
            or not larger.factor_to_base or not 0 < minor.value * small.factor_to_base < larger.factor_to_base <= 1e4 * small.factor_to_base:
        return None
    return sub, small


def _unit_at(tokens: list[Token], k: int, table: LanguageTable, gap: Gap) -> tuple[str, str, int] | None:
    """The longest unit written from tokens[k]: (unit, suffix, number of tokens)."""
    longest = min(table.max_unit_words, len(tokens) - k)
    if tokens[k].low not in table.unit_first_words:
        longest = 1                     # no unit of several words starts with this one
    for n in range(longest, 0, -1):
        words = tokens[k:k + n]
        if n > 1 and any(gap(words[x], words[x + 1]) not in (" ", "") for x in range(n - 1)):
            continue
        hit = _unit_key(words, table)
        if hit and _written_as_listed(words, k, tokens, table, gap):
            return hit[0], hit[1], n
    return None


def _written_as_listed(words: list[Token], k: int, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    """A generated surface listed in capitals (`AUD`) matches capitals only, a one-letter one (`g`)
    only against the digits and in its own case (`45g`, not `5G`); the language tables' own surfaces
    match as they are."""
    key = tuple(t.low for t in words)
    if key in table.glued_keys:
        return words[0].text in table.glued_units and gap(tokens[k - 1], tokens[k]) == ""
    return key not in table.capital_units or _in_capitals(words)


def _in_capitals(words: list[Token]) -> bool:
    return all(t.text.isupper() for t in words if t.is_word)


def _sign_gives_way(m: Mention, unit: str, tokens: list[Token]) -> bool:
    """`$5 AUD`, `¥100 yuan`: a bare sign before the figure, which several currencies share, gives way
    to the currency named after it."""
    first, sign = m.unit_first, m.unit
    return first is not None and sign is not None and first == m.unit_last and first < m.number.first \
        and not tokens[first].is_alnum and registry()[unit].dimension == registry()[sign].dimension == "currency"


def read_unit_after_qualifier(m: Mention, s: Sentence) -> None:
    """`2 мыңнан астам шақырым`, `1 milyondan fazla ton`: the unit after a qualifier that follows the
    number."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    if not _kept(m) or m.unit is not None or m.qualifier is None or m.last == m.number.last or k >= len(tokens) \
            or gap(tokens[k - 1], tokens[k]) != " ":
        return
    hit = _unit_at(tokens, k, table, gap)
    if hit is not None:
        unit, suffix, n = hit
        m.unit, m.unit_first, m.unit_last, m.unit_suffix, m.last = unit, k, k + n - 1, suffix, k + n - 1


def _unit_key(words: list[Token], table: LanguageTable) -> tuple[str, str] | None:
    return table.remember("units_after", tuple(t.low for t in words), _find_unit)


def _find_unit(key: tuple[str, ...], table: LanguageTable) -> tuple[str, str] | None:
    if key in table.units_after:
        return table.units_after[key], ""
    if not key[-1][:1].isalpha() or (len(key) > 1 and key[0] not in table.unit_first_words):
        return None
    last = key[-1]
    short = table.short_inflected
    for cut in range(len(last) - 1, 0, -1):
        stem, rest = last[:cut], last[cut:]
        if len(stem) < 3 and len(key) == 1 and stem not in short:
            continue    # `sa` + `yılı` is `sayılı`, not hours: short units inflect only when listed
        unit = table.units_after.get(key[:-1] + (stem,))
        if unit and table.is_suffix_chain(rest) and key[:-1] + (stem,) not in table.capital_units:   # `yerindən` is no YER
            return unit, rest
    return None


def read_number_suffix(m: Mention, s: Sentence) -> None:
    """`80’ini`, `200-dən`, `84'ten`: a suffix glued to the digits, read as part of the number."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    if k + 1 < len(tokens) and tokens[k].text in "'’ʼ‘-" and gap(tokens[k - 1], tokens[k]) == "" \
            and gap(tokens[k], tokens[k + 1]) == "" and tokens[k + 1].is_word \
            and table.is_suffix_chain(tokens[k + 1].low):
        m.number.suffix = tokens[k + 1].low
        m.last = k + 1


def _attached_suffix(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> None:
    """`AZN-dən`, `7,25%-də`: a suffix after a hyphen or apostrophe belongs to the unit."""
    k = m.last + 1
    if k + 1 < len(tokens) and tokens[k].text in "'’ʼ‘-" and gap(tokens[k - 1], tokens[k]) == "" \
            and gap(tokens[k], tokens[k + 1]) == "" and tokens[k + 1].is_word \
            and table.is_suffix_chain(tokens[k + 1].low):
        m.unit_suffix = tokens[k + 1].low
        m.last = k + 1


def read_rate(m: Mention, s: Sentence) -> None:
    """`günde 14 bin varil`, `600 min barel gündəlik`, `1.3 million barrels of oil a day`: a unit per
    day or per year, where units.csv has the composite unit (bbl/d, m3/yr, t/yr)."""
    if not _kept(m) or m.unit not in _units_with_rates():
        return
    tokens, table = s.tokens, s.table
    spans = [(max(0, m.first - 3), m.first), (m.last + 1, min(len(tokens), m.last + 6))]
    for lo, hi in spans:
        for n in (2, 1):
            for k in range(lo, hi - n + 1):
                per = table.rates.get(tuple(t.low for t in tokens[k:k + n]))
                if per is None or f"{m.unit}/{per}" not in registry():
                    continue
                if _follows_number(tokens, k):
                    continue    # `2024-cü ildə`, `2024 yılda`: the year of the figure, not a rate
                if k + n < len(tokens) and tokens[k + n].low in table.not_rate_after:
                    continue    # `6.9 million tonnes a year earlier`: when, not how fast
                if any(last == k + n - 1 for _, last, _ in context.relative_year_spans(tokens, table)):
                    continue    # `cari ildə`, `bu yılda`: in this year, not per year
                m.unit = f"{m.unit}/{per}"
                return


@lru_cache(maxsize=1)
def _units_with_rates() -> frozenset[str]:
    """Units that have a per-day or per-year composite in units.csv (`bbl` -> `bbl/d`)."""
    return frozenset(code.split("/")[0] for code in registry() if "/" in code)


def _follows_number(tokens: list[Token], k: int) -> bool:
    """Token k stands right after a number, or after a number's glued suffix (`2024-cü`, `2025’te`)."""
    j = k - 1
    if j >= 2 and tokens[j].is_word and tokens[j - 1].text in "-'’" and tokens[j - 2].is_num \
            and tokens[j - 1].start == tokens[j - 2].end:
        return True
    return j >= 0 and tokens[j].is_num


def read_minor_amount(m: Mention, s: Sentence) -> None:
    """`20 долларов 43 цента`, `100 lira 75 kuruş`, `$20 и 43¢`: a currency and its minor unit, one amount.
    The minor unit is any units.csv row whose base unit is the main currency (factor 0.01)."""
    tokens, table, gap = s.tokens, s.table, s.gap
    if m.unit is None or m.value_max is not None or m.number.has_scale or registry()[m.unit].dimension != "currency" \
            or registry()[m.unit].base_unit != m.unit:
        return      # `5 млн долларлық 20-дан астам`: an amount with a scale word has no cents
    k = m.last + 1
    if k < len(tokens) and tokens[k].low in table.amount_connectors:
        k += 1
    minor = read_number(tokens, k, table, gap) if k < len(tokens) else None
    if minor is None or minor.has_scale or not 0 < minor.value < 100:
        return
    sub = Mention(first=k, last=minor.last, number=minor, value=minor.value)
    read_unit_after(sub, s)
    info = registry().get(sub.unit) if sub.unit else None
    if info is not None and info.base_unit == m.unit and info.factor_to_base and info.factor_to_base < 1:
        m.value += minor.value * info.factor_to_base
        m.last = sub.last
    elif sub.unit is None and (sub.last + 1 == len(tokens) or not tokens[sub.last + 1].is_alnum):
        m.value += minor.value / 100    # `20 долларов 43`: the minor amount with its unit left out
        m.last = sub.last


def read_glued_scale(m: Mention, s: Sentence) -> None:
    """`$46.3bn`, `€4.5m`: a scale abbreviation written against the digits; some only after money
    (`AUD1.5m`, where `100m` is metres: table key numbers.money_glued_scales)."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    if k < len(tokens) and gap(tokens[k - 1], tokens[k]) == "" and tokens[k].is_word:
        scale = table.glued_scales.get(tokens[k].text)   # case matters: `3M` million, `9m` metres
        if scale is None and m.unit is not None and registry()[m.unit].dimension == "currency":
            scale = table.money_glued_scales.get(tokens[k].text)
        if scale and _digit_and_capital(m, tokens, k):
            return      # `3M said`: one digit glued to a capital names a firm; `4.3M`, `50M`, `3M` alone are figures
        if scale and (m.unit or tokens[k].text.isupper() or (tokens[k].low,) not in table.units_after):
            m.value *= scale
            if m.value_max is not None:
                m.value_max *= scale
            m.last = k
            m.number.has_scale = True
            m.number.plain_integer = False


def _digit_and_capital(m: Mention, tokens: list[Token], k: int) -> bool:
    return not m.unit and m.number.plain_integer and tokens[k].text.isupper() and context.names_firm(tokens, k)


def read_dotted_scale(m: Mention, s: Sentence) -> None:
    """Turkish `5 mil. dolar`: a scale abbreviation that is one only with its dot and a word after it
    (`12 mil.` closing a sentence, `12 mil yol` are miles; table key numbers.dotted_scales)."""
    tokens, gap = s.tokens, s.gap
    k = m.last + 1
    if k + 2 >= len(tokens) or tokens[k].low not in s.table.dotted_scales or gap(tokens[k - 1], tokens[k]) != " " \
            or tokens[k + 1].text != "." or gap(tokens[k], tokens[k + 1]) != "" or not tokens[k + 2].is_word \
            or not tokens[k + 2].text[0].islower():
        return
    m.value *= s.table.dotted_scales[tokens[k].low]
    m.last = k + 1
    m.number.has_scale = True
    m.number.plain_integer = False


def _share_word(tokens: list[Token], i: int, table: LanguageTable) -> Mention | None:
    """`yarısından fazlası`, `half of the budget`: a share of a whole, as a percentage."""
    shares = table.share_words
    of_words = table.of_words
    followed_by_of = i + 1 < len(tokens) and tokens[i + 1].low in of_words
    if not shares or (tokens[i].low in table.words and not followed_by_of):
        return None     # `yarım` is the number 0.5, not a share
    hit = table.split_suffix(tokens[i].low, shares)
    if not hit or (i > 0 and tokens[i - 1].low in table.not_share_after):
        return None     # `ilk yarısı`, `the second half of`: a part of a period or a match
    if hit[1] and table.not_number_stems and table.split_suffix(tokens[i].low, table.not_number_stems):
        return None     # `yarımadasında`: a peninsula (not_numbers `yarımada`), not `yarı` + suffixes
    if not hit[1] and not followed_by_of:
        return None     # `yarı` alone, `half-hearted`: no share of anything
    value = shares[hit[0]]
    num = NumberRead(value, i, i, hit[1], False, True, False, False, False)
    return Mention(first=i, last=i, number=num, value=value, unit="percent", unit_first=i, unit_last=i,
                   unit_suffix=hit[1])


def _ratio_word(tokens: list[Token], i: int, table: LanguageTable) -> Mention | None:
    """`twice`, `tripled`, `вдвое`: a multiple written as one word."""
    hit = table.split_suffix(tokens[i].low, table.ratio_words)
    if not hit:
        return None
    value = table.ratio_words[hit[0]]
    num = NumberRead(value, i, i, hit[1], False, True, False, False, False)
    return Mention(first=i, last=i, number=num, value=value, unit="times", unit_first=i, unit_last=i)


def read_sign(m: Mention, s: Sentence) -> None:
    """`-2°`, `- 1.200.000`, `eksi 5`, `(-3,1%)`: a minus standing apart from any word before it; a
    plus sign (`до +5 градусов`) joins the mention too."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.first - 1
    if k < 0:
        return
    sign = tokens[k]
    apart = k == 0 or gap(tokens[k - 1], sign) != "" or tokens[k - 1].text in _OPENERS
    if sign.low in table.negative_words or (
            sign.text in ("-", "−") and apart
            and (gap(sign, tokens[m.first]) == "" or k == 0)):   # ` - ` mid-sentence is a dash
        m.value, m.first = -m.value, k
    elif sign.text == "+" and apart and gap(sign, tokens[m.first]) == "":
        m.first = k


_OPENERS: Final = set("([{«\"“„'")


def read_below_zero(mentions: list[Mention], s: Sentence) -> None:
    """`25 градусов мороза`, `sıfırın altında 2 derece`, `2° below zero`: a temperature under zero
    (after ranges join: `от 5 до 10 градусов мороза`)."""
    if s.table.below_zero:
        for m in mentions:
            _below_zero(m, s.tokens, s.table)


def _below_zero(m: Mention, tokens: list[Token], table: LanguageTable) -> None:
    if m.unit is None or registry()[m.unit].dimension != "temperature" or m.value < 0:
        return
    for k in (*range(max(0, m.first - 3), m.first), *range(m.last + 1, min(len(tokens), m.last + 3))):
        if any(t.text in _CLAUSE_MARKS or t.text == "," for t in tokens[min(k, m.first):max(k, m.last)]):
            continue    # `5-10 градус аяз, күндіз 0-5 градус`: the frost word of another clause
        if context.starts_phrase(tokens, k, table.below_zero):
            if m.value_max is not None:     # `5–7 daraja sovuq`: from -7 to -5
                m.value, m.value_max = -m.value_max, -m.value
            else:
                m.value = -m.value
            return


SERIES_SENTENCES: Final = 3     # a forecast's temperature unit carries over this many sentences
_SERIES_REJECTIONS: Final = (None, Rejection.IDENTIFIER, Rejection.NAME_NUMBER, Rejection.APPOSITIVE)


def read_series_unit(mentions: list[Mention], s: Sentence) -> None:
    """`Днем +4 °C, ночью до +2, в горах -3`, `Astanada +4.`: a forecast names its temperature unit
    once; a signed bare figure after it, in its sentence or the next few, is a temperature too."""
    unit, left = s.article.get("temperature", (None, 0))
    for m in mentions:
        if m.unit is not None and registry()[m.unit].dimension == "temperature" and _kept(m):
            unit, left = m.unit, SERIES_SENTENCES + 1
        elif unit is not None and left > 0 and _signed_bare(m, s.tokens, s.table):
            m.unit, m.rejected, m.counted = unit, None, []
    s.article["temperature"] = (unit, left - 1)


def _signed_bare(m: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    """A figure with a sign written before it (`+4`, `-3`, `минус 5`) and no unit, scale or noun."""
    sign = tokens[m.first] if m.first < m.number.first else None
    return sign is not None and (sign.text in "+-−" or sign.low in table.negative_words) \
        and m.unit in (None, "count") and not m.counted and not m.number.has_scale and not m.is_year \
        and m.rejected in _SERIES_REJECTIONS and not m.number.suffix


def _prefixed_fraction(tokens: list[Token], i: int, table: LanguageTable, gap: Gap) -> Mention | None:
    """`полгода`, `пол-литра`, `пол часа`: a fraction prefix (numbers.prefix_fractions) before a unit noun,
    glued to it, joined by a hyphen or written apart."""
    tok = tokens[i]
    for prefix, value in table.prefix_fractions.items():
        rest = tok.low[len(prefix):]
        if not tok.low.startswith(prefix):
            continue
        if rest:
            if len(rest) < 3:
                continue
            unit_tok, last = make_token(tok.start + len(prefix), tok.end, tok.text[len(prefix):], rest), i
        else:
            k = i + 1
            if k + 1 < len(tokens) and tokens[k].text == "-" and gap(tok, tokens[k]) == "" \
                    and gap(tokens[k], tokens[k + 1]) == "":
                k += 1
            if k >= len(tokens) or gap(tokens[k - 1], tokens[k]) not in ("", " ") or not tokens[k].is_word:
                continue
            unit_tok, last = tokens[k], k
        hit = _unit_key([unit_tok], table)
        if hit:
            num = NumberRead(value, i, i, "", False, True, False, False, False)
            return Mention(first=i, last=last, number=num, value=value, unit=hit[0], unit_first=last,
                           unit_last=last, unit_suffix=hit[1])
    return None


# -- ranges -----------------------------------------------------------------------------------------
_VULGAR_FRACTIONS: Final = {"½": 0.5, "¼": 0.25, "¾": 0.75, "⅓": 1 / 3, "⅔": 2 / 3, "⅛": 0.125}
_DENOMINATORS: Final = (2, 3, 4, 8)   # not `1/12`, `3/10`: a day and month, a score or a code as often


def read_fraction(m: Mention, s: Sentence) -> None:
    """`1/2 pound`, `3/4`, `10 1/2 mil`, `10½`: a fraction, or a whole number and a fraction."""
    tokens, gap = s.tokens, s.gap
    num, k = m.number, m.number.last + 1
    if not num.has_digits or num.suffix or k >= len(tokens) or m.value != int(m.value):
        return
    if tokens[k].text in _VULGAR_FRACTIONS and gap(tokens[k - 1], tokens[k]) in ("", " "):
        _add_fraction(m, _VULGAR_FRACTIONS[tokens[k].text], k)
        return
    part = _slash_fraction(tokens, k, gap)
    if part is not None and num.plain_integer and m.value < part[0] and _measured_after(tokens, part[1] + 1, s):
        m.value = m.value / part[0]
        _add_fraction(m, 0.0, part[1])
        if part[1] + 1 < len(tokens) and tokens[part[1] + 1].low in s.table.of_words:
            m.value, m.unit = 100 * m.value, "percent"     # `1/2 of the bill`: a share, as `half of`
    elif gap(tokens[k - 1], tokens[k]) == " " and tokens[k].is_num and num.plain_integer:
        part = _slash_fraction(tokens, k + 1, gap)     # `10 1/2`: the numerator, then the slash
        numerator = float(tokens[k].text) if tokens[k].text.isdigit() else 0
        if part is not None and 0 < numerator < part[0]:
            _add_fraction(m, numerator / part[0], part[1])


def _measured_after(tokens: list[Token], k: int, s: Sentence) -> bool:
    """A unit or `of` after `1/2` (`1/2 pound`, `3/4 of`): a fraction; `1/8 finalga`, `1/4 финала` name
    a round of a cup."""
    return k < len(tokens) and (tokens[k].low in s.table.of_words or _unit_at(tokens, k, s.table, s.gap) is not None)


def _slash_fraction(tokens: list[Token], k: int, gap: Gap) -> tuple[int, int] | None:
    """(denominator, last index) of `/2` glued at k, not followed by another slash (`1/2/2025`)."""
    if k + 1 >= len(tokens) or tokens[k].text != "/" or not tokens[k + 1].text.isdigit() \
            or gap(tokens[k - 1], tokens[k]) != "" or gap(tokens[k], tokens[k + 1]) != "":
        return None
    if int(tokens[k + 1].text) not in _DENOMINATORS or (k + 2 < len(tokens) and tokens[k + 2].text in "/.-"
                                                         and gap(tokens[k + 1], tokens[k + 2]) == ""):
        return None
    return int(tokens[k + 1].text), k + 1


def _add_fraction(m: Mention, part: float, last: int) -> None:
    m.value += part
    m.last = m.number.last = last
    m.number.plain_integer = False


def read_range(m: Mention, s: Sentence) -> None:
    """`15-18`, `1,8-2,2 mlr`: a range written with a dash; `2-0`, `30-15` (the high end not above the
    low one) is a score or an id. Forecasts join the ends with an ellipsis and sign them: `+30…35°`,
    `3...7 градусов`, `-5...-10`, `+35 – +38`, `+3+5°`; signed ends are put in order (-10..-5)."""
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.number.last + 1
    if m.number.suffix or k + 1 >= len(tokens) or gap(tokens[k - 1], tokens[k]) not in ("", " "):
        return
    ellipsis = _ellipsis_end(tokens, k, gap)
    plus_joined = ellipsis is None and _plus_joined(m, tokens, k, gap)
    if ellipsis is None and not plus_joined and tokens[k].text not in _RANGE_DASHES:
        return
    k = ellipsis if ellipsis is not None else k - 1 if plus_joined else k   # `+3+5°`: the high end's sign joins
    sign = _high_end_sign(tokens, k + 1, gap)
    high = read_number(tokens, k + 1 + (sign != 0), table, gap) if k + 1 < len(tokens) else None
    if high is None:
        return
    low = _scaled_low(m.value, m.number, high, tokens, table, gap)
    high_value = -high.value if sign < 0 else high.value
    signed = sign != 0 and m.first < m.number.first     # both ends carry a sign: their order says nothing
    if high_value <= low and not signed:
        m.rejected = Rejection.SCORE_OR_ID
        return
    m.value, m.value_max = min(low, high_value), max(low, high_value)
    m.number = _merged(m.number, high)
    m.last = high.last


def _plus_joined(m: Mention, tokens: list[Token], k: int, gap: Gap) -> bool:
    """`gecə +3+5°`: two figures with plus signs glued together are a forecast's range."""
    return m.first < m.number.first and tokens[m.first].text == "+" and tokens[k].text == "+" \
        and gap(tokens[k - 1], tokens[k]) == "" and k + 1 < len(tokens) and tokens[k + 1].is_num \
        and gap(tokens[k], tokens[k + 1]) == ""


def _ellipsis_end(tokens: list[Token], k: int, gap: Gap) -> int | None:
    """The index of the last token of an ellipsis (`…` or `...`) starting at k, glued on both sides
    or spaced on both sides like a dash; None when there is none."""
    if tokens[k].text == "…":
        end = k
    elif k + 2 < len(tokens) and all(tokens[x].text == "." for x in range(k, k + 3)) \
            and gap(tokens[k], tokens[k + 1]) == gap(tokens[k + 1], tokens[k + 2]) == "":
        end = k + 2
    else:
        return None
    if end + 1 >= len(tokens) or gap(tokens[end], tokens[end + 1]) != gap(tokens[k - 1], tokens[k]):
        return None
    return end


def _high_end_sign(tokens: list[Token], k: int, gap: Gap) -> int:
    """-1 or +1 when a sign glued to digits stands at k (the high end of `-5...-10`, `+35 – +38`), else 0."""
    if k + 1 < len(tokens) and tokens[k].text in ("-", "−", "+") and tokens[k + 1].is_num \
            and gap(tokens[k], tokens[k + 1]) == "":
        return 1 if tokens[k].text == "+" else -1
    return 0


def join_ranges(mentions: list[Mention], s: Sentence) -> None:
    """`от 10 долларов до 20`, `between 5 and 7 years`, `2 ila 3 yıl`, `10$-20$`: two readings next to
    each other that are the two ends of one range become one mention."""
    if len(mentions) < 2:
        return
    joined: list[Mention] = []
    for m in mentions:
        if joined and _joins_range(joined[-1], m, s.tokens, s.table):
            _merge_range(joined[-1], m, s.tokens, s.table, s.gap)
        else:
            joined.append(m)
    mentions[:] = joined


def _joins_range(a: Mention, b: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    """`от 10 долларов до 20`, `between 5 and 7 years`, `2 ila 3 yıl`, `10$-20$`, `2 ildən 3 ilədək`:
    two readings that are the two ends of one range."""
    if a.rejected or b.rejected or a.is_year or b.is_year or a.value_max is not None or b.value_max is not None:
        return False
    below_zero = a.value < 0 and b.value < 0     # `от -5 до -10`: the ends of a range below zero
    if not (a.value < b.value or below_zero) or a.counted or not _same_unit(a.unit, b.unit):
        return False
    between = [t.low for t in tokens[a.last + 1:b.first]]
    before = tokens[a.first - 1].low if a.first > 0 else None
    ends = {end for start, end in table.range_pairs if start == before}
    if len(between) == 1:
        return between[0] in _RANGE_DASHES or between[0] in table.range_words or between[0] in ends \
            or (between[0] in table.measure_range_words and _measured_high_end(a, b))
    if not between:
        if tokens[b.first].low in ends:
            return True     # the end word was read as b's qualifier (`до 20`)
        a_suffix = (a.unit_suffix or a.number.suffix).lstrip("'-")
        return bool(a_suffix) and any(a_suffix.endswith(x) for x in table.ablative) \
            and b.qualifier == "at_most" and bool(b.unit_suffix or b.number.suffix)
    return False


def _measured_high_end(a: Mention, b: Mention) -> bool:
    """`30 to 35ºC`, `2 to 3 years`, `4 to 5 percentage points`: a bare low end and a high end in a unit
    of measure, at most a hundred times the low end. A count, money or a percent after a word like
    `to` is as often the level a figure rose to (`rose 3 to 45%`, `rose 7 to 650,000 tonnes`)."""
    unit = registry().get(b.unit or "")
    return a.unit in (None, "count") and not a.number.has_scale and unit is not None \
        and unit.dimension not in ("count", "currency", "ratio") and unit.code != "percent" \
        and (a.value <= 0 or b.value <= 100 * a.value)


def _same_unit(a: str | None, b: str | None) -> bool:
    return a == b or a in (None, "count") or b in (None, "count")


def _merge_range(a: Mention, b: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> None:
    before = tokens[a.first - 1].low if a.first > 0 else None
    if a.unit in (None, "count") and not a.counted:
        a.value = _scaled_low(a.value, a.number, b.number, tokens, table, gap)
    if any(start == before for start, _ in table.range_pairs):
        a.first -= 1
    if a.unit in (None, "count"):
        a.unit, a.unit_first, a.unit_last, a.unit_suffix = b.unit, b.unit_first, b.unit_last, b.unit_suffix
        a.counted = b.counted
    a.value, a.value_max, a.last = min(a.value, b.value), max(a.value, b.value), b.last
    a.number = _merged(a.number, b.number)
    a.qualifier = a.qualifier if tokens[b.first].low not in {e for _, e in table.range_pairs} \
        and b.qualifier != "at_most" else a.qualifier


def _scaled_low(low: float, low_read: NumberRead, high: NumberRead, tokens: list[Token], table: LanguageTable, gap: Gap) -> float:
    """`1,8-2,2 mlr`, `от 100 до 150 тыс.`: the scale written once, after the high end, applies to both."""
    if low and high.has_scale and not low_read.has_scale and high.value >= 1000 * low:   # `0, 0 mln`: nothing to scale
        return low * high.value / _strip_scale(high, tokens, table, gap)
    return low


def _strip_scale(high: NumberRead, tokens: list[Token], table: LanguageTable, gap: Gap) -> float:
    """The digits of `2,2 mlr` without their scale, to scale the low end of `1,8-2,2 mlr`."""
    plain = read_number(tokens[:high.first + 1], high.first, table, gap)
    return plain.value if plain and plain.value else high.value


def _merged(low: NumberRead, high: NumberRead) -> NumberRead:
    return NumberRead(low.value, low.first, high.last, high.suffix, True, low.has_words or high.has_words,
                      low.has_scale or high.has_scale, False, False)


# -- not quantities ---------------------------------------------------------------------------------
def reject_not_quantities(m: Mention, s: Sentence) -> None:
    """Dates, clock times, ordinals, ids, phone numbers, ages, words for many (extractors/rejection.py):
    m.rejected says why. A year is set aside (m.is_year) as the period of the sentence's figures."""
    tokens, table, gap = s.tokens, s.table, s.gap
    reason = context.not_a_quantity(m, tokens, table, gap) or _hyphen_ordinal(m, tokens, table, gap) \
        or _phone_shape(m, tokens, gap)
    if reason is Rejection.YEAR:
        m.is_year = True
    elif reason is not None:
        m.rejected = reason


def _kept(m: Mention) -> bool:
    """Neither rejected nor a year: the passes after reject_not_quantities read only these."""
    return m.rejected is None and not m.is_year


def _hyphen_ordinal(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> Rejection | None:
    """Uzbek `2-o‘rin`, `5-bosqich`, `2-kuni`; Kazakh `15-шақырымында`: digits, a hyphen and a word
    make an ordinal, the word a unit too, since a quantity is written with a space (table key
    not_quantities.hyphen_ordinal)."""
    if not table.hyphen_ordinal:
        return None
    num, k = m.number, m.number.last + 1
    if m.unit is not None and m.unit_first != k + 1:
        return None
    if num.has_digits and not num.suffix and k + 1 < len(tokens) and tokens[k].text == "-" \
            and gap(tokens[k - 1], tokens[k]) == "" and gap(tokens[k], tokens[k + 1]) == "" and tokens[k + 1].is_word:
        return Rejection.ORDINAL
    return None


def _phone_shape(m: Mention, tokens: list[Token], gap: Gap) -> Rejection | None:
    """`8 (7292) 30-40-50`, `+7 (7172) 74-05-00`: an area code in brackets after digits, or three
    numbers joined by hyphens, is a phone number in any language."""
    if m.unit is not None or not m.number.has_digits:
        return None
    f, k = m.first, m.last + 1
    if f >= 2 and tokens[f - 1].text == "(" and tokens[f - 2].is_num and k < len(tokens) and tokens[k].text == ")":
        return Rejection.PHONE_NUMBER
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 1].is_num and tokens[k + 2].text == ")" \
            and len(tokens[k + 1].text) >= 3 and k + 3 < len(tokens) and tokens[k + 3].is_num:
        return Rejection.PHONE_NUMBER
    run = [tokens[x].text for x in range(f, min(len(tokens), f + 5))]
    if len(run) == 5 and run[1] == run[3] == "-" and run[2].isdecimal() and run[4].isdecimal() \
            and all(gap(tokens[x], tokens[x + 1]) == "" for x in range(f, f + 4)):
        return Rejection.PHONE_NUMBER
    return None


def read_counted_noun(m: Mention, s: Sentence) -> None:
    """`25 hujjat`, `300 new jobs`: a number with no unit counts the noun phrase after it (up to three
    words); a bare number with neither may be no quantity (_bare_number_reading)."""
    if not _kept(m) or m.unit is not None:
        return      # a weak number word with no unit was rejected already (context.not_a_quantity)
    tokens, table, gap = s.tokens, s.table, s.gap
    k = m.last + 1
    phrase: list[int] = []
    if m.number.suffix and not m.qualifier:
        k = len(tokens)     # `84'ten 96'ya çıkaracak`: a case suffix closes the noun phrase
    while k < len(tokens) and len(phrase) < 3 and tokens[k].is_word and gap(tokens[k - 1], tokens[k]) == " ":
        if tokens[k].low in table.stopwords or tokens[k].low in table.not_count_nouns \
                or tokens[k].low in table.range_words:
            break
        phrase.append(k)
        k += 1
    if _name_after(m, tokens, table, gap):
        m.rejected = Rejection.NAME_NUMBER
        return
    m.unit, m.counted = "count", phrase
    if phrase:
        m.last = max(m.last, phrase[0])
    elif m.number.plain_integer or m.number.has_words:
        m.rejected = _bare_number_reading(m, tokens, gap)


def _name_after(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    """`at 12 Kabanbay Batyr Avenue`, `112 Acil Çağrı Merkezi'ne`: a whole number before two or more
    capitalised words that no lowercase noun follows (`5 Türk Hava Yolları uçağı` counts planes) is
    the number of a name, an address or a hotline. Not after a capitalised word inside the sentence:
    `Kazakhstan Builds 120 New Schools` is a headline in title case."""
    prev = tokens[m.first - 1] if m.first > 0 else None
    if not m.number.plain_integer or (m.first > 1 and prev is not None and prev.is_word and prev.text[:1].isupper()):
        return False
    k = m.last + 1
    while k < len(tokens) and tokens[k].is_word and tokens[k].text[:1].isupper() and gap(tokens[k - 1], tokens[k]) == " ":
        k += 1
    nxt = tokens[k] if k < len(tokens) else None
    closed = any(a in tokens[k - 1].text for a in "'’")     # `Merkezi'ne`: a case ending closes the name
    noun_after = nxt is not None and nxt.is_word and nxt.low not in table.stopwords and gap(tokens[k - 1], nxt) == " "
    return k - m.last > 2 and (closed or not noun_after)


def _bare_number_reading(m: Mention, tokens: list[Token], gap: Gap) -> Rejection | None:
    """Why a number with no unit and no counted noun is no quantity, if it is none: an appositive
    (`Tokayev, 72, signed`) or the last figure of an address (`Абай даңғылы, 52.`), a name's number (`Hall 2`, `Terminal 3`), a word compound (`two-thirds`)."""
    prev = tokens[m.first - 1] if m.first > 0 else None
    nxt = tokens[m.last + 1] if m.last + 1 < len(tokens) else None
    if prev is not None and prev.text in ",(" and (nxt is None or nxt.text in ",)." ) and m.number.plain_integer:
        return Rejection.APPOSITIVE     # also the last of an address: `Абай даңғылы, 52.`
    if prev is not None and m.first > 1 and prev.is_word and prev.text[0].isupper() \
            and gap(prev, tokens[m.first]) == " " and m.number.plain_integer:
        return Rejection.NAME_NUMBER
    if nxt is not None and nxt.text == "-" and gap(tokens[m.last], nxt) == "" and m.last + 2 < len(tokens) \
            and tokens[m.last + 2].is_word and gap(nxt, tokens[m.last + 2]) == "":
        return Rejection.COMPOUND_WORD_PART
    return None


# -- qualifiers -------------------------------------------------------------------------------------
def read_qualifier_after(m: Mention, s: Sentence) -> None:
    """`350'yi aşkın`, `1 200-dən çox`, `kilometrədək`, `or more`: a qualifier after the number, or a
    case ending on it."""
    if _kept(m):
        _qualify_after(m, s.tokens, s.table)


def read_qualifier_after_counted_noun(m: Mention, s: Sentence) -> None:
    """`37 million kishidan oshdi`: the case ending that makes the qualifier sits on the counted noun."""
    if _kept(m) and m.qualifier is None and len(m.counted) == 1:
        _qualifier_after(m, s.tokens, s.table, s.tokens[m.counted[0]].low)


def read_qualifier_before(m: Mention, s: Sentence) -> None:
    """`more than 5`, `около 10`, `yaklaşık 3`: a qualifier before the number (or before the unit
    written before it)."""
    if _kept(m) and m.qualifier is None:
        _qualifier_before(m, s.tokens, s.table)


def _qualify_after(m: Mention, tokens: list[Token], table: LanguageTable) -> None:
    last_suffix = m.unit_suffix or m.number.suffix
    for suf, qual in table.qualifier_suffixes.items():
        if last_suffix and suf in last_suffix:
            m.qualifier = qual
            return
    _qualifier_after(m, tokens, table, last_suffix)


def _qualifier_after(m: Mention, tokens: list[Token], table: LanguageTable, last_suffix: str) -> bool:
    k = m.last + 1
    if k < len(tokens) and tokens[k].low in table.ablative and tokens[k].is_word:
        last_suffix, k = tokens[k].low, k + 1   # Uzbek `40 dan ortiq`: the suffix written apart
    ablative = bool(last_suffix) and any(last_suffix.endswith(a) for a in table.ablative)   # the last case wins
    for n in (2, 1):
        words = tokens[k:k + n]
        if len(words) < n or not all(t.is_word for t in words):
            continue
        key = tuple(t.low for t in words)
        for qual, needs_ablative in _qualifiers_after_key(key, table):
            if qual and (ablative or not needs_ablative):
                m.qualifier, m.last = qual, k + n - 1
                return True
    return False


def _level_reached(tokens: list[Token], qualifier_at: int, table: LanguageTable) -> bool:
    """Whether a word of change (`вырос`, `снизил`, `рост`; table key qualifiers.level_words) stands
    in the ten tokens before the qualifier within one clause: then "up to" names the level reached."""
    for k in range(qualifier_at - 1, qualifier_at - 11, -1):
        if k < 0 or tokens[k].text in _CLAUSE_MARKS:
            return False
        low = tokens[k].low
        if k > 0 and tokens[k - 1].text == "/" and tokens[k - 1].end == tokens[k].start:
            continue    # the `с` of `м/с` is part of a unit, not the preposition
        if any(low == w or (len(w) > 2 and low.startswith(w)) for w in table.level_words):
            return True
    return False


_CLAUSE_MARKS: Final = {";", ":", "(", ")"}   # not `,` nor a dash: `снизил ставку на 0,5 п.п., до 16,5%`, `на 6% — до 190 млн т`


def _qualifiers_after_key(key: tuple[str, ...], table: LanguageTable) -> tuple[tuple[str | None, bool], ...]:
    """(qualifier or None, needs an ablative) of `key` in the plain and the ablative after-lexicon,
    one-word keys read through suffixes. Memoised per table: the same words follow many numbers."""
    return table.remember("qualifiers_after", key, _find_qualifiers_after)


def _find_qualifiers_after(key: tuple[str, ...], table: LanguageTable) -> tuple[tuple[str | None, bool], ...]:
    return tuple((_qualifier_of(key, lexicon, table), needs_ablative) for lexicon, needs_ablative
                 in ((table.qualifiers_after, False), (table.qualifiers_after_ablative, True)))


def _qualifier_of(key: tuple[str, ...], lexicon: dict[tuple[str, ...], Any], table: LanguageTable) -> str | None:
    qual = lexicon.get(key)
    if qual is None and len(key) == 1:
        hit = table.split_suffix(key[0], _single_words(table, lexicon))
        qual = lexicon.get((hit[0],)) if hit else None
    return qual


def _build_last_words(table: LanguageTable) -> frozenset[str]:
    return frozenset(key[-1] for key in table.qualifiers_before if key)


def _build_skip_words(table: LanguageTable) -> frozenset[str]:
    return table.qualifier_skip


def _single_words(table: LanguageTable, lexicon: dict[tuple[str, ...], Any]) -> dict:
    """The one-word entries of one of the table's after-qualifier lexicons, keyed by the word."""
    return table.derived("single_word_qualifiers", _build_single_words)[id(lexicon)]


def _build_single_words(table: LanguageTable) -> dict[int, dict]:
    return {id(lexicon): {k[0]: v for k, v in lexicon.items() if len(k) == 1}
            for lexicon in (table.qualifiers_after, table.qualifiers_after_ablative)}


def _qualifier_before(m: Mention, tokens: list[Token], table: LanguageTable) -> None:
    start = m.first
    skip = table.derived("qualifier_skip_words", _build_skip_words)
    while start > 0 and tokens[start - 1].low in skip:
        start -= 1
    if start == 0 or tokens[start - 1].low not in table.derived("qualifier_before_last_words", _build_last_words):
        return      # every before-qualifier ends with the word just before the number
    for n in (3, 2, 1):
        if start - n < 0:
            continue
        key = tuple(t.low for t in tokens[start - n:start])
        qual = table.qualifiers_before.get(key)
        if qual:
            if qual == "at_most" and _level_reached(tokens, start - n, table):
                return      # `вырос до 5%`, `снизил ставку до 16,5%`, `с 14% до 18%`: the level reached
            m.qualifier = qual
            m.first = start - n
            return


# -- output -----------------------------------------------------------------------------------------
def _to_quantity(m: Mention, tokens: list[Token], text: str, sentences: list[tuple[int, int]], s_index: int, years: list[Mention], table: LanguageTable, published: date | None,
                 version: str) -> dict[str, Any]:
    """The fields of the Quantity of mention `m` (facts.article_signals completes them)."""
    start, end = tokens[m.first].start, tokens[m.last].end
    unit = m.unit or "count"
    base_value, base_unit = to_base(m.value, unit)
    ctx = context.describe(m, tokens, text, sentences, s_index, years, table, published)
    dimension = registry()[unit].dimension
    # indicator, entities, period dates, fact: extractors/facts.py
    f = facts.fact_fields(m.first, m.last, tokens, table, published, dimension=dimension, subject=ctx.subject,
                          period=ctx.period, is_target=ctx.period_is_target, value=m.value, value_max=m.value_max,
                          base_value=base_value, base_unit=base_unit or unit)
    return dict(
        start=start, end=end, text=text[start:end], value=m.value, value_max=m.value_max, unit=unit,
        dimension=dimension, lang=table.code, sentence=ctx.sentence, base_value=base_value,
        base_unit=base_unit, qualifier=m.qualifier, quantified=ctx.quantified, subject=ctx.subject,
        period=ctx.period, period_start=f.period_start, period_end=f.period_end,
        period_is_target=f.is_target, extractor=version,
        indicator=f.indicator, entities=f.entities, fact=f.fact,
        subject_entity=f.subject_entity, period_source=f.period_source)


# -- the passes, in order ---------------------------------------------------------------------------
# A mention pass reads the sentence around one mention and adds to it, or says why it is no quantity
# (m.rejected); the passes after reject_not_quantities skip what it rejected. A sentence pass reads
# all the mentions of a sentence at once. To add a pass: write a function (m, s) -> None (or
# (mentions, s) -> None) whose name says what it reads, put it in its place below, and test it on
# its own in tests/test_engine_passes.py.
MENTION_PASSES: Final[tuple[Callable[[Mention, Sentence], None], ...]] = (
    read_sign,                          # `-2°`, `eksi 5`, `(+12% г/г)`
    read_fraction,                      # `1/2 pound`, `10 1/2 mil`, `10½`
    read_range,                         # `15-18`, `1,8-2,2 mlr`; `2-0` is a score
    read_glued_scale,                   # `$46.3bn`, `€4.5m`
    read_dotted_scale,                  # `5 mil. dolar`
    read_number_suffix,                 # `84'ten`, `200-dən`
    read_unit_after,                    # `5 km`, `17 milyar doları`, `25 ta hujjat`
    read_unit_by_context,               # `весит 200 фунтов`: a pound of weight, not sterling
    read_minor_amount,                  # `20 долларов 43 цента`
    read_compound_measure,              # `42 километра 195 метров`, `1 saat 20 dakika`
    reject_not_quantities,              # dates, clock times, ordinals, ids; years set aside
    read_qualifier_after,               # `350'yi aşkın`, `1 200-dən çox`, `or more`
    read_unit_after_qualifier,          # `1 milyondan fazla ton`
    read_counted_noun,                  # `25 hujjat`, `300 new jobs`
    read_qualifier_after_counted_noun,  # `37 million kishidan oshdi`
    read_qualifier_before,              # `more than 5`, `около 10`
    read_rate,                          # `1.3 million barrels of oil a day`
)
SENTENCE_PASSES: Final[tuple[Callable[[list[Mention], Sentence], None], ...]] = (
    join_ranges,                        # `от 10 долларов до 20`, `between 5 and 7 years`
    read_game_points,                   # `64 puanla lider`: no percentage points
    reject_dates_listed,                # `14, 15, 16 қазанда`
    reject_ids_listed,                  # `под номерами 17 и 23`
    read_weak_numbers_listed,           # `3 алтын, бір күміс медаль`
    read_weak_counts,                   # `Ол бір күміс медаль жеңіп алды`
    read_below_zero,                    # `от 5 до 10 градусов мороза`
    spread_units_over_lists,            # `5, 7 and 9 million dollars`
    spread_units_over_named_lists,      # `Gürcüstan 12, Qazaxıstan 7, Türkiyə isə 9 idmançı`
    spread_units_over_series,           # `gecə 0-3, gündüz 4-7 dərəcə`, `saniyədə 15-20 metr, bəzi yerlərdə 25 metrədək`
    read_shares_in,                     # `one in five pupils`
    reject_price_bases,                 # `bir litri 1,1 manat`
    reject_rate_bases,                  # `45 cases per 100,000 people`
    read_series_unit,                   # `+4 °C, ночью до +2, в горах -3`
)


def read_sentence(tokens: list[Token], table: LanguageTable, text: str,
                  article: dict[str, Any] | None = None) -> list[Mention]:
    """Every mention of one sentence, read by all the passes; rejected ones stay, with their reason.
    `article` carries what the article's earlier sentences named (a forecast's temperature unit)."""
    s = Sentence(tokens, table, _gap_reader(text), {} if article is None else article)
    mentions = find_mentions(s)
    for read in SENTENCE_PASSES:
        read(mentions, s)
    return mentions


def find_mentions(s: Sentence) -> list[Mention]:
    """Left to right: at each token where a mention may start, one read through MENTION_PASSES;
    the next one is looked for after it."""
    tokens, table = s.tokens, s.table
    mentions: list[Mention] = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok.is_num:
            m = read_mention(s, i)      # digits start a mention: _may_start's first branch
        elif tok.text in "-−" and not (i + 1 < len(tokens) and tokens[i + 1].is_num):
            m = None        # a dash that no digits follow starts nothing
        else:
            m = read_mention(s, i) if table.remember("starters", tok.low, _may_start) else None
        if m is None:
            i += 1
            continue
        mentions.append(m)
        i = max(m.last, m.number.last) + 1
    return mentions


def read_mention(s: Sentence, i: int) -> Mention | None:
    """The mention that starts at token i, or None: a share word (`half of`) with the qualifier after
    it; else a number (after a unit written before it: `$5`, `%8`) read through MENTION_PASSES; else a
    multiple (`twice`) or a fraction prefix (`полгода`) with the qualifier before it."""
    tokens, table, gap = s.tokens, s.table, s.gap
    share = _share_word(tokens, i, table)
    if share is not None:
        read_qualifier_after(share, s)
        return share
    prefix_unit, j = _unit_before(tokens, i, table, gap)
    num = read_number(tokens, j, table, gap) if j < len(tokens) else None
    if num is None:
        return _multiple_word(s, i) if prefix_unit is None else None
    if not math.isfinite(num.value):
        return None         # beyond what a float holds: no figure anyone reports
    m = Mention(first=i, last=num.last, number=num, value=num.value)
    if prefix_unit and prefix_unit not in curated_codes() and _code_glued_to_whole_number(tokens, i, j, num, table, gap):
        prefix_unit = None   # `COP29`: a code glued to a whole number names something; `AUD1.5m`, `MYR42` are money
    if prefix_unit:
        m.unit, m.unit_first, m.unit_last = prefix_unit, i, j - 1
    for read in MENTION_PASSES:
        read(m, s)
    return m if math.isfinite(m.value) and (m.value_max is None or math.isfinite(m.value_max)) else None


def _code_glued_to_whole_number(tokens: list[Token], i: int, j: int, num: NumberRead, table: LanguageTable,
                                gap: Gap) -> bool:
    """A generated code of letters (`COP`, `RM`) glued to a whole number with no scale after it."""
    k = num.last + 1
    scaled = k < len(tokens) and gap(tokens[k - 1], tokens[k]) == "" and tokens[k].text in table.glued_scales
    return num.plain_integer and not scaled and gap(tokens[j - 1], tokens[j]) == "" \
        and all(t.is_word for t in tokens[i:j]) and tuple(t.low for t in tokens[i:j]) in table.generated_units


def _multiple_word(s: Sentence, i: int) -> Mention | None:
    """`twice`, `вдвое`, `полгода`, `пол-литра`: a multiple or a fraction written as a word."""
    m = _ratio_word(s.tokens, i, s.table) or _prefixed_fraction(s.tokens, i, s.table, s.gap)
    if m is not None:
        read_qualifier_before(m, s)
    return m

