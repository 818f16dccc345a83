"""Context of a mention: sentences, what is not a quantity (dates, clock times, ordinals, ids), and
what a quantity is about (quantified noun, subject, period). Every word list comes from the table."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from datetime import date
from typing import TYPE_CHECKING, Any, Final

from extractors.memo import per_sentence
from extractors.tables import LanguageTable
from extractors.numbers import NumberRead
from extractors.rejection import Rejection
from extractors.tokens import Gap, Token, first_word as sentence_first_word, tokenize

if TYPE_CHECKING:   # the engine imports this module
    from extractors.engine import Mention
from extractors.units import registry

# `[.!?…]+[\"»”'’)\]]*(?=\s)|\n`, written to open with one character class: the regex engine then
# skips to the candidates instead of trying both branches at every character of the article.
_BOUNDARY: Final = re.compile(r"[.!?…\n](?:(?<=\n)|[.!?…]*[\"»”'’)\]]*(?=\s))")
_NON_SPACE: Final = re.compile(r"\S")
# The leading ` date YYYY-MM-DD` (or YYYY-MM, YYYY) line of a saved article: metadata, not a sentence.
_DATE_MARKER: Final = re.compile(r"\A\ufeff?\s*date\s+\d{4}(?:-\d{1,2}){0,2}(?=\s|\Z)")
_CLAUSE_END: Final = {",", ";", ":", "(", ")", "—", "–", "\"", "«", "»", "“", "”"}
YEAR_RANGE: Final = (1800, 2100)


# -- sentences --------------------------------------------------------------------------------------
def split_sentences(text: str, table: LanguageTable) -> list[tuple[int, int]]:
    marker = _DATE_MARKER.match(text)
    spans, start = [], marker.end() if marker else 0
    has_text = _NON_SPACE.search     # `text[a:b].strip()` without copying the span
    for m in _BOUNDARY.finditer(text, start):
        if m.group() != "\n" and not _ends_sentence(text, m.start(), m.end(), table):
            continue
        end = m.end()
        if has_text(text, start, end):
            spans.append((start, end))
        start = end
    if has_text(text, start):
        spans.append((start, len(text)))
    if any(b - a > MAX_SENTENCE_CHARS for a, b in spans):
        return [piece for span in spans for piece in _cut_long(text, span)]
    return spans


# A "sentence" longer than this is no prose (news sentences stay under 600 characters): it is read in
# pieces cut at a space, so that the passes that look across a sentence keep to linear time on any text.
MAX_SENTENCE_CHARS: Final = 2000


def _cut_long(text: str, span: tuple[int, int]) -> list[tuple[int, int]]:
    """`span` in pieces of at most MAX_SENTENCE_CHARS, each ending after a space where one is found in
    its second half."""
    start, end = span
    pieces = []
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit), text.rfind("\n", start + MAX_SENTENCE_CHARS // 2, limit))
        cut = cut + 1 if cut > 0 else limit
        pieces.append((start, cut))
        start = cut
    pieces.append((start, end))
    return pieces


def _ends_sentence(text: str, dot: int, after: int, table: LanguageTable) -> bool:
    nxt = text[after:after + 3].lstrip()
    if not nxt or not (nxt[0].isupper() or nxt[0].isdigit() or nxt[0] in "\"«“'"):
        return False
    w = _last_word(text, max(0, dot - 20), dot + 1)
    if w:
        if w.lower() in table.abbreviations or (len(w) == 1 and w.isupper()):
            return False
        if w.isdigit() and len(w) <= 2 and text[dot] == "." and text[dot - 1].isdigit() \
                and table.ordinal_dot:
            return False  # `2. Zirve`: an ordinal, not the end of a sentence
    return True


def _last_word(text: str, lo: int, hi: int) -> str:
    """The last run of word characters (`\\w`: alphanumeric or `_`) in text[lo:hi], or ""."""
    end = hi
    while end > lo and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:end]


# -- not quantities ---------------------------------------------------------------------------------
def not_a_quantity(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> Rejection | None:
    num = m.number
    first = num.first
    prev = tokens[first - 1] if first > 0 else None
    after = tokens[m.last + 1] if m.last + 1 < len(tokens) else None
    if _is_year(m):
        return Rejection.YEAR
    if _month_near(m, tokens, table):
        return Rejection.DATE
    if _clock(num, tokens, table, gap):
        return Rejection.CLOCK_TIME
    if _ordinal(m, tokens, table, gap):
        return Rejection.ORDINAL
    if num.last + 1 < len(tokens) and tokens[num.last + 1].low in table.ordinal_words:
        return Rejection.ORDINAL  # `yirmi üçüncü`: the last word makes the whole number an ordinal (not `58 puanla ikinci`)
    if prev is not None and prev.low in table.not_after:
        return Rejection.AFTER_NOT_QUANTITY_WORD
    glued_dash = prev is not None and prev.text == "-" and first > 1 and gap(tokens[first - 2], prev) == "" \
        and tokens[first - 2].is_alnum    # `F-16`, `2-0`, `30-40-50`; not `10$-20$`
    signed = prev is not None and prev.text == "+" and m.unit is not None   # `(+12% г/г)`, `+5 градусов`
    if prev is not None and gap(prev, tokens[first]) == "" and (prev.is_word or prev.text in "+/#№§:" or glued_dash):
        before_unit = (prev.low,) in table.units_before and (prev.low,) not in table.capital_units   # not `COP29`
        if not (before_unit or m.unit_last == first - 1) and not signed:   # `$A2m`: a unit read before it
            return Rejection.IDENTIFIER
    marker = prev
    if prev is not None and prev.text in ".:" and first > 1 and gap(tokens[first - 2], prev) == "":
        marker = tokens[first - 2]      # `No. 123`, `Art. 5`, `No: 25`: the marker abbreviated
    if marker is not None and marker.low in table.id_before and m.unit is None:
        return Rejection.IDENTIFIER
    if after is not None and after.low in table.id_after:
        return Rejection.IDENTIFIER
    if m.unit is None and after is not None and after.text == "-" and m.last + 2 < len(tokens) \
            and tokens[m.last + 2].text.isupper() and gap(after, tokens[m.last + 2]) == "":
        return Rejection.IDENTIFIER  # `1099-VIQ`, `737-MAX`
    if _digit_run(num, tokens, gap):
        return Rejection.DIGIT_RUN
    if m.unit is None and _glued_code(m, tokens, table, gap):
        return Rejection.IDENTIFIER  # `5G`, `24/7`, `45+2'de`
    if m.unit is None and not num.has_scale and _dotted_clock(num, tokens, table, gap):
        return Rejection.CLOCK_TIME  # `в 18.00`, `07.45'te`, `18.00-де`
    if m.unit == "year" and _age(m, tokens, table):
        return Rejection.AGE  # `a 34-year-old man`, `45 years old`
    if _vague(m, tokens, table):
        return Rejection.VAGUE  # `Сотни тысяч человек`, `on binlerce kişi`, `Тысячи людей`
    if table.below_zero and _inside_phrase(tokens, first, table.below_zero):
        return Rejection.ZERO_OF_BELOW_ZERO  # `sıfırın altında 2 derece`, `below zero`: the zero says where the scale starts
    if num.weak_only and (m.unit is None or m.unit in ("count",) or _dimension(m.unit) in ("duration", "count")):
        return Rejection.WEAK_NUMBER_WORD
    return None


def names_firm(tokens: list[Token], k: int) -> bool:
    """`3M said ...`: one digit glued to a capital scale and followed by a word names a firm; alone
    (`3M`, a headline's or a list's figure) it is three million, as Duckling's corpora read it."""
    return len(tokens[k - 1].text) == 1 and k + 1 < len(tokens) and tokens[k + 1].is_word


def _glued_code(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    """Digits glued to capitals (`5G`, `4K`) or to `/digits`, `+digits` (`24/7`, `45+2`): a name or a
    code, not a count."""
    k = m.number.last + 1
    if k >= len(tokens) or gap(tokens[k - 1], tokens[k]) != "":
        return False
    after = tokens[k]
    if after.low in ("x", "х", "×") and k + 1 < len(tokens) and tokens[k + 1].is_num and gap(after, tokens[k + 1]) == "":
        return True     # `5x5`, `3х3`: a format or a size code, not a count
    if after.is_word:   # not a scale or unit written on: `100K`, `3М`, `5km`
        glued_letter = (after.low,) in table.glued_keys
        unit = (after.low,) in table.units_after and (not glued_letter or after.text in table.glued_units)   # `5G`: no gram
        scale = after.text in table.glued_scales and not names_firm(tokens, k)
        return after.text.isupper() and len(after.text) <= 2 and not scale and not unit
    return after.text in "/+" and k + 1 < len(tokens) and tokens[k + 1].is_num and gap(after, tokens[k + 1]) == ""


_DOTTED_CLOCK: Final = re.compile(r"(?:[01]?\d|2[0-3])\.[0-5]\d")


def _dotted_clock(num: NumberRead, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    """`18.00` where the decimal mark is a comma (two digits after a dot are neither decimals nor a
    thousands group) with a case ending glued to it (`07.45'te`, `18.00-де`) or after a word that
    introduces a time (`в 18.00`)."""
    if table.decimal != "," or num.first != num.last or not _DOTTED_CLOCK.fullmatch(tokens[num.first].text):
        return False
    k = num.last + 1
    if k < len(tokens) and gap(tokens[k - 1], tokens[k]) == "" and tokens[k].text in "-'’":
        return True
    return num.first > 0 and tokens[num.first - 1].low in table.dotted_clock_before


def _age(m: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    k = m.last + 1
    if k < len(tokens) and tokens[k].text == "-":
        k += 1
    return k < len(tokens) and tokens[k].low in table.age_after


def _vague(m: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    """A number word next to a word for "many" (`сотни тысяч`, `on binlerce`), or a scale word in such
    a form on its own (`Тысячи людей`; but `более тысячи`, where a qualifier makes it one thousand)."""
    first, last = m.number.first, m.number.last
    if first > 0 and tokens[first - 1].low in table.vague:
        return True
    if last + 1 < len(tokens) and tokens[last + 1].low in table.vague:
        return True
    return first == last and tokens[first].low in table.vague and not (
        first > 0 and (tokens[first - 1].low,) in table.qualifiers_before)


def _inside_phrase(tokens: list[Token], k: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Whether tokens[k] belongs to one of `phrases` (token tuples) written in `tokens`."""
    for p in phrases:
        for lo in range(max(0, k - len(p) + 1), k + 1):
            if _written_at(tokens, lo, p):
                return True
    return False


def starts_phrase(tokens: list[Token], k: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    for p in phrases:
        if _written_at(tokens, k, p):
            return True
    return False


def _written_at(tokens: list[Token], k: int, phrase: tuple[str, ...]) -> bool:
    """Whether the folded words of `phrase` are tokens[k], tokens[k + 1], ..."""
    if k + len(phrase) > len(tokens):
        return False
    for j, word in enumerate(phrase):
        if tokens[k + j].low != word:
            return False
    return True


def _dimension(unit: str) -> str:
    return registry()[unit].dimension


def _is_year(m: Mention) -> bool:
    lo, hi = YEAR_RANGE
    num = m.number
    if m.unit not in (None, "year") or num.has_scale or num.has_words or m.qualifier:
        return False
    if m.value_max is not None:
        return lo <= m.value <= hi and lo <= m.value_max <= hi and m.value == int(m.value)
    return num.plain_integer and lo <= m.value <= hi


def _month_near(m: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    if not table.months or m.number.has_scale:
        return False    # `Маусымда 140 мың бала туылды`: no day of a month has a scale word
    if m.unit is not None and _dimension(m.unit) != "count" and m.unit not in ("count",):
        return False
    k = m.number.last + 1
    while k < len(tokens) and not tokens[k].is_word and tokens[k].text in "'’-":
        k += 1
    candidates = []
    if k < len(tokens):
        candidates.append(tokens[k])
    first = m.number.first
    if first > 0:
        candidates.append(tokens[first - 1])
    if first > 1 and tokens[first - 1].text == ".":
        candidates.append(tokens[first - 2])     # `Oct. 30`, `Jan. 1, 2026`
    return any(t.is_word and table.split_suffix(t.low, table.months) for t in candidates)


def _clock(num: NumberRead, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    k = num.last + 1
    if k + 1 < len(tokens) and tokens[k].text == ":" and tokens[k + 1].is_num \
            and gap(tokens[k - 1], tokens[k]) == "" and gap(tokens[k], tokens[k + 1]) == "":
        return True
    text = tokens[num.first].text
    prev = tokens[num.first - 1] if num.first > 0 else None
    return prev is not None and prev.low in table.clock_before and re.fullmatch(r"\d{1,2}[.:,]\d{2}", text) is not None


def _ordinal(m: Mention, tokens: list[Token], table: LanguageTable, gap: Gap) -> bool:
    num = m.number
    k = num.last + 1
    if k < len(tokens) and tokens[k].text == "." and m.unit is None and num.plain_integer and num.value < 1000:
        nxt = tokens[k + 1] if k + 1 < len(tokens) else None
        if nxt is not None and nxt.is_word and table.ordinal_dot:
            # `2. Zirve`, `104. maddesi`: a dot after digits makes an ordinal (a sentence end splits earlier)
            return True
    if num.has_digits and not (num.has_scale and m.last > num.last):   # `3М`: a glued scale, not `90-м`
        suffix = num.suffix.lstrip("'-")
        if suffix and any(suffix.startswith(o) for o in table.ordinal_suffixes):
            return True
        if k < len(tokens) and gap(tokens[k - 1], tokens[k]) == "" and tokens[k].is_word \
                and tokens[k].low in table.ordinal_suffixes:
            return True
        if k + 1 < len(tokens) and tokens[k].text in "-'’" and gap(tokens[k - 1], tokens[k]) == "" \
                and any(tokens[k + 1].low.startswith(o) for o in table.ordinal_suffixes) \
                and gap(tokens[k], tokens[k + 1]) == "":
            return True
    return False


def _digit_run(num: NumberRead, tokens: list[Token], gap: Gap) -> bool:
    """Digits next to more digits across a space (`8 701 555 12 34`); not a number that ends in a word
    before the next figure (`300 мыңнан 450 мың`)."""
    k = num.last + 1
    if k < len(tokens) and tokens[k].is_num and tokens[k - 1].is_num and gap(tokens[k - 1], tokens[k]) in (" ", "\u00a0"):
        return True
    first = num.first
    return first > 0 and tokens[first - 1].is_num and tokens[first].is_num \
        and gap(tokens[first - 1], tokens[first]) in (" ", "\u00a0")


# -- what the quantity is about ---------------------------------------------------------------------
class Context:
    """What a quantity is about (a plain class, built for every quantity: see engine.Mention)."""
    __slots__ = ("sentence", "quantified", "subject", "period", "period_is_target")

    def __init__(self, sentence: str, quantified: str | None, subject: str | None, period: str | None,
                 period_is_target: bool) -> None:
        self.sentence = sentence
        self.quantified = quantified
        self.subject = subject
        self.period = period
        self.period_is_target = period_is_target


def describe(m: Mention, tokens: list[Token], text: str, sentences: list[tuple[int, int]], s_index: int, years: list[Mention], table: LanguageTable, published: date | None) -> Context:
    s_start, s_end = sentences[s_index]
    sentence = text[s_start:s_end].strip()
    quantified = _quantified(m, tokens, table)
    subject = _subject(m, tokens, text, sentences, s_index, table)
    antecedent = _antecedent(tokens, text, sentences, s_index, table)
    if antecedent:
        quantified = " ".join(w for w in (quantified, antecedent) if w)
    year, target = _period(m, tokens, years, table, published)
    return Context(sentence, quantified, subject, str(year) if year else None, target)


def _glued(tokens: list[Token], k: int) -> bool:
    """A suffix written after a hyphen or apostrophe (`200-dən`, `ASC-nin`) is not a word of its own."""
    return k >= 2 and tokens[k - 1].text in "-'’" and tokens[k - 1].start == tokens[k - 2].end \
        and tokens[k].start == tokens[k - 1].end


def _word_at(tokens: list[Token], k: int, table: LanguageTable) -> bool:
    """A content word of its own at k (not a glued suffix, not a word of a quantity)."""
    tok = tokens[k]
    return tok.is_word and table.remember("content_words", tok.low, _is_content_word) and not _glued(tokens, k)


def _is_content_word(low: str, table: LanguageTable) -> bool:
    """A word (of a token that is a word) that can say what a quantity is about."""
    return len(low) > 1 and low not in table.stopwords and not table.split_suffix(low, table.year_words) \
        and not table.split_suffix(low, table.months) and low not in _quantity_words(table)


def _quantity_words(table: LanguageTable) -> set[str]:
    """Qualifier, scale and unit words: part of a quantity, never what it is about."""
    return table.derived("quantity_words", _build_quantity_words)


def _build_quantity_words(table: LanguageTable) -> set[str]:
    """Of the generated unit names only those of one word, not in capitals: the words of longer ones
    name countries, kinds and quantities (`Xitoy yuani`, `at gücü`, `Selsiy darajasi`) that say what a
    figure is about, and a currency code in lower case is a word (`qar`, snow)."""
    words = {w for key in table.qualifiers_before for w in key}
    units = {w for key in table.units_after if key not in table.generated_units
             or (len(key) == 1 and key not in table.capital_units) for w in key}   # `QAR`, not `qar` (snow)
    return words | units | set(table.scales) | set(table.glued_scales)


def _quantified(m: Mention, tokens: list[Token], table: LanguageTable) -> str | None:
    """Words that say what is counted or measured: the counted noun, else the noun phrase joined to
    the unit (`ton Kazak petrolü`, `percent of Kazakh oil`, `kilometrlik marşrut`), the words just
    before it, and (for subject-first languages) the head of its clause."""
    if m.counted and not _counts_persons(m, tokens, table):
        return " ".join(tokens[k].text for k in m.counted)
    parts = [[tokens[k].text for k in m.counted], _phrase_after(m, tokens, table), _phrase_before(m, tokens, table)]
    if table.clause_head:
        parts.append(_clause_head(m, tokens, table))
    words: list[str] = []
    for part in parts:
        for w in part:
            if w not in words:
                words.append(w)
    return " ".join(words) or None


def _counts_persons(m: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    """`sərnişin axını 5 milyon nəfər`, `sərnişin axınını 10 milyon nəfərə çatdırmaq`: a classifier for
    persons (facts.persons) alone, or closing its phrase with a case ending, says who is counted, not
    what is measured; the words before it say that."""
    hit = table.split_suffix(tokens[m.counted[0]].low, _person_words(table))
    return hit is not None and (len(m.counted) == 1 or hit[1] != "")


def _person_words(table: LanguageTable) -> frozenset[str]:
    return table.derived("person_words", lambda t: frozenset(w.lower() for w in t.spec.facts.persons if " " not in w))


def _phrase_after(m: Mention, tokens: list[Token], table: LanguageTable) -> list[str]:
    k = m.last + 1
    linked = k < len(tokens) and tokens[k].low in table.of_words
    if linked:
        k += 1
    words: list[str] = []
    skipped = 0
    while k < len(tokens) and len(words) < 3 and tokens[k].is_word:
        if _word_at(tokens, k, table):
            words.append(tokens[k].text)
        elif not (linked or _glued(tokens, k)):
            skipped += 1
            if words or skipped > 1:
                break       # one particle may stand between (`dolları isə idxalın`), not a clause
        k += 1
    return words


def _phrase_before(m: Mention, tokens: list[Token], table: LanguageTable, limit: int = 4) -> list[str]:
    words: list[str] = []
    read_before = _read_before(tokens, table)
    k = read_before[m.first - 1] if m.first > 0 else -1
    while k >= 0 and len(words) < limit:
        tok = tokens[k]
        if tok.text in _CLAUSE_END and words:
            break
        if tok.is_word and _is_comparison(tok.low, table):
            base = next((j for j in range(k - 1, max(-1, k - 8), -1) if tokens[j].is_num), None)
            k = base - 1 if base is not None else k - 1
            continue    # `2024-cü ilin müvafiq dövrü ilə müqayisədə`: the base, not the subject
        if tok.low in table.anaphora and not words:
            k -= 1
            while k >= 0 and tokens[k].text not in _CLAUSE_END:
                k -= 1          # `..., bu da 16 faiz çoxdur`: about the clause before
            continue
        if _word_at(tokens, k, table):
            words.append(tok.text)
        k = read_before[k - 1] if k > 0 else -1
    return list(reversed(words))


@per_sentence
def _read_before(tokens: list[Token], table: LanguageTable) -> list[int]:
    """Per token k: the last token at or before k that _phrase_before reads (a clause end, a content,
    comparison or anaphoric word), else -1; the walk jumps over the others, so a sentence of figures
    costs each of its quantities O(1), not a walk to the sentence's start."""
    out, last = [], -1
    comparison, content = table.memo("comparison_words"), table.memo("content_words")   # read directly: every word asks
    for k, tok in enumerate(tokens):
        if tok.text in _CLAUSE_END or tok.low in table.anaphora:
            last = k
        elif tok.is_word:
            low = tok.low
            compares = comparison.get(low)
            if compares is None:
                compares = _is_comparison(low, table)
            if compares:
                last = k
            else:
                says = content.get(low)
                if says is None:
                    says = table.remember("content_words", low, _is_content_word)
                if says and not _glued(tokens, k):
                    last = k
        out.append(last)
    return out


def _is_comparison(low: str, table: LanguageTable) -> bool:
    """A comparison word (`müqayisədə`, `compared`), through suffixes."""
    return table.remember("comparison_words", low, _find_comparison)


def _find_comparison(low: str, table: LanguageTable) -> bool:
    return low in table.comparison_words or bool(table.split_suffix(low, table.comparison_words))


def _clause_head(m: Mention, tokens: list[Token], table: LanguageTable) -> list[str]:
    """The first content words of the clause holding the quantity, or of the clause before it."""
    bounds, content = _clause_ends_and_words(tokens, table)
    i = bisect_left(bounds, m.first)        # bounds[:i]: the clause ends before the quantity
    starts = [bounds[i - 1] + 1 if i else 0] + ([bounds[i - 2] + 1 if i > 1 else 0] if i else [])
    for start in starts:
        j = bisect_left(content, start)
        words = [tokens[k].text for k in content[j:j + 3] if k < m.first]
        if words:
            return words
    return []


@per_sentence
def _clause_ends_and_words(tokens: list[Token], table: LanguageTable) -> tuple[list[int], list[int]]:
    """The indices of the sentence's clause ends, and of its content words (once per sentence)."""
    return ([k for k, t in enumerate(tokens) if t.text in _CLAUSE_END],
            [k for k in range(len(tokens)) if _word_at(tokens, k, table)])


@per_sentence
def _previous_tokens(text: str, sentences: list[tuple[int, int]], s_index: int) -> list[Token]:
    """The tokens of the sentence before sentence `s_index`."""
    p_start, p_end = sentences[s_index - 1]
    return tokenize(text[p_start:p_end], p_start)


def _antecedent(tokens: list[Token], text: str, sentences: list[tuple[int, int]], s_index: int, table: LanguageTable) -> str | None:
    """`Bu, ... 4,7% azdır`: a sentence that opens with an anaphor is about what the sentence
    before measured: the words before that sentence's last figure."""
    first_word = sentence_first_word(tokens)
    if first_word is None or first_word.low not in table.anaphora or s_index == 0:
        return None
    prev = _previous_tokens(text, sentences, s_index)
    numbers = [k for k, t in enumerate(prev) if t.is_num]
    if not numbers:
        return None
    words: list[str] = []
    k = numbers[-1] - 1
    while k >= 0 and len(words) < 3:
        if _word_at(prev, k, table):
            words.append(prev[k].text)
        k -= 1
    return " ".join(reversed(words)) or None


def _subject(m: Mention, tokens: list[Token], text: str, sentences: list[tuple[int, int]], s_index: int, table: LanguageTable) -> str | None:
    """The nearest named entity before the quantity; for `Bu, ...`/`This ...` the previous sentence's."""
    first_word = sentence_first_word(tokens)
    if first_word is not None and first_word.low in table.anaphora and s_index > 0:
        prev = _previous_tokens(text, sentences, s_index)
        before = _last_name_before(prev, table, len(prev))
        if before:
            return before
    return _last_name_before(tokens, table, m.first) or _first_name_from(tokens, table, m.last + 1)


@per_sentence
def _name_runs(tokens: list[Token], table: LanguageTable) -> tuple[list[int], list[int]]:
    """Where the runs of name words (_name_flags) start, and where they end (exclusive)."""
    flags = _name_flags(tokens, table)
    starts = [k for k, f in enumerate(flags) if f and (k == 0 or not flags[k - 1])]
    ends = [k + 1 for k, f in enumerate(flags) if f and (k + 1 == len(flags) or not flags[k + 1])]
    return starts, ends


def _last_name_before(tokens: list[Token], table: LanguageTable, hi: int) -> str | None:
    """The last run of name words in tokens[:hi] (cut at hi): `Orta Dəhliz`, `CPC`."""
    starts, ends = _name_runs(tokens, table)
    i = bisect_left(starts, hi)
    return " ".join(t.text for t in tokens[starts[i - 1]:min(ends[i - 1], hi)]) if i else None


def _first_name_from(tokens: list[Token], table: LanguageTable, lo: int) -> str | None:
    """The first run of name words in tokens[lo:] (cut at lo)."""
    starts, ends = _name_runs(tokens, table)
    i = bisect_right(ends, lo)
    return " ".join(t.text for t in tokens[max(starts[i], lo):ends[i]]) if i < len(ends) else None


@per_sentence
def _name_flags(tokens: list[Token], table: LanguageTable) -> list[bool]:
    """Per token: a word that may be part of a name (capitalised, no function word, no month)."""
    return [t.is_word and t.text[0].isupper() and t.low not in table.stopwords and t.low not in table.anaphora
            and not table.split_suffix(t.low, table.months) for t in tokens]


def _period(m: Mention, tokens: list[Token], years: list[Mention], table: LanguageTable, published: date | None) -> tuple[int | None, bool]:
    """The year nearest the quantity, of those the sentence names as its period."""
    candidates = [(abs(at - m.first), year, target) for at, year, target in _periods(tokens, years, table, published)]
    if not candidates:
        return None, False
    _, year, target = min(candidates)
    return year, target


@per_sentence
def _periods(tokens: list[Token], years: list[Mention], table: LanguageTable,
             published: date | None) -> list[tuple[int, int, bool]]:
    """(token index, year, is a target) of every year of the sentence that is no comparison base."""
    named = []
    for y in years:
        if _comparison_after(tokens, y.last, table) or _comparison_before(tokens, y.first, table):
            continue
        named.append((y.first, int(y.value_max or y.value), _is_target(y, tokens, table)))
    if published is not None:
        for first, last, delta in relative_year_spans(tokens, table):
            if not (_comparison_after(tokens, last, table) or _comparison_before(tokens, first, table)):
                named.append((last, published.year + delta, False))
    return named


def _comparison_after(tokens: list[Token], k: int, table: LanguageTable) -> bool:
    return any(t.low in table.comparison_words for t in tokens[k + 1:k + 6] if t.is_word) \
        or any(table.split_suffix(t.low, table.comparison_words) for t in tokens[k + 1:k + 4] if t.is_word)


def _comparison_before(tokens: list[Token], k: int, table: LanguageTable) -> bool:
    """`since 2020`, `than in 2023`, `чем в 2023 году`: a comparison word before the year, or one
    function word away from it."""
    before = table.comparison_before
    if k > 0 and tokens[k - 1].low in before:
        return True
    return k > 1 and tokens[k - 1].low in table.stopwords and tokens[k - 2].low in before


def _is_target(y: Mention, tokens: list[Token], table: LanguageTable) -> bool:
    if y.first > 0 and tokens[y.first - 1].low in table.target_before:
        return True
    nearby = [t.low for t in tokens[y.last + 1:y.last + 5]]
    if any(w in table.target_after for w in nearby):
        return True
    tail = [y.number.suffix, y.unit_suffix] + nearby[:3]
    return any(any(w.endswith(s) for s in table.target_suffixes) for w in tail if w)


@per_sentence
def relative_year_spans(tokens: list[Token], table: LanguageTable) -> list[tuple[int, int, int]]:
    """(first, last, years from publication) of every year the sentence names relative to publication:
    `geçen yıl`, `ötən ilin`, `last year`, `в прошлом году`, `next year` (the last word inflected)."""
    index = _relative_index(table)
    spans: list[tuple[int, int, int]] = []
    if not index:
        return spans
    opening = table.memo("relative_openings")     # a word -> the phrases it may open (most: none)
    for k, tok in enumerate(tokens):
        low = tok.low
        phrases: tuple[tuple[tuple[str, ...], int], ...] | None = opening.get(low)
        if phrases is None:
            phrases = table.remember("relative_openings", low, _relative_phrases)
        for key, delta in phrases:
            n = len(key)
            words = tokens[k:k + n]
            if len(words) < n or any(w.low != s for w, s in zip(words[:-1], key[:-1])):
                continue
            last, stem = words[-1].low, key[-1]
            if last == stem or (last.startswith(stem) and table.is_suffix_chain(last[len(stem):])):
                spans.append((k, k + n - 1, delta))
    return spans


def _relative_index(table: LanguageTable) -> dict[str, list]:
    """The table's relative-year phrases by the first three letters of their first word."""
    return table.derived("relative_index", _build_relative_index)


def _relative_phrases(low: str, table: LanguageTable) -> tuple[tuple[tuple[str, ...], int], ...]:
    """The relative-year phrases (key, years from publication) a token folded to `low` may open."""
    return tuple(_relative_index(table).get(low[:3], ()))


def _build_relative_index(table: LanguageTable) -> dict[str, list]:
    index: dict[str, list] = {}
    for keys, delta in ((table.last_year, -1), (table.this_year, 0), (table.next_year, 1)):
        for key in keys:
            index.setdefault(key[0][:3], []).append((key, delta))
    return index