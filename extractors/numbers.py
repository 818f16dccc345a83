"""Reading numbers: digits with a language's separators, number and scale words, and mixtures
(`7 bin 591`, `6 milyar 820 milyon`, `iki yüz elli`, `1 млн 750 тыс.`), through suffixes."""
from __future__ import annotations

from typing import Final

import math
import re

from extractors.tables import LanguageTable
from extractors.tokens import Gap, Token

_GROUP_SPACES: Final = {" ", "\u00a0", "\u202f", "\u2009"}
_WORD_GAPS: Final = _GROUP_SPACES | {""}     # what may stand between the words of one number
_THREE: Final = re.compile(r"\d{3}")
_SEPARATOR: Final = re.compile(r"[.,]")


class NumberRead:
    """A number read from tokens (a plain class: built for every candidate, its __init__ compiled)."""
    __slots__ = ("value", "first", "last", "suffix", "has_digits", "has_words", "has_scale", "plain_integer", "weak_only")

    def __init__(self, value: float, first: int, last: int, suffix: str, has_digits: bool, has_words: bool,
                 has_scale: bool, plain_integer: bool, weak_only: bool) -> None:
        self.value = value
        self.first = first          # index of the first token
        self.last = last            # index of the last token (inclusive)
        self.suffix = suffix        # suffix attached to the last token ("'ye", "dan", "-də")
        self.has_digits = has_digits
        self.has_words = has_words
        self.has_scale = has_scale
        self.plain_integer = plain_integer  # digits only, no separators, no scale: candidates for years and ids
        self.weak_only = weak_only          # only weak words ("bir", "a", "one"): not a quantity without a unit


def parse_digits(s: str, table: LanguageTable) -> float | None:
    """`1.768` / `4,8` (tr), `1,511` / `70.5` (en); None when the shape is no number (`09.10.2025`)."""
    seps = [c for c in s if c in ".,"]
    if not seps:
        if len(s) > 1 and s[0] == "0":
            return None  # "07": phone or code, not a quantity
        return float(s) if len(s) <= 18 else None
    parts = _SEPARATOR.split(s)
    if len(set(seps)) == 2:
        dec = seps[-1]
        if seps.count(dec) != 1 or not _grouped(parts[:-1]):
            return None
        return float("".join(parts[:-1]) + "." + parts[-1])
    sep = seps[0]
    if len(seps) > 1:
        return float("".join(parts)) if _grouped(parts) else None
    if sep in table.group and sep != table.decimal and _grouped(parts):
        return float("".join(parts))
    return float(parts[0] + "." + parts[1])


def _grouped(parts: list[str]) -> bool:
    return 1 <= len(parts[0]) <= 3 and parts[0][0] != "0" and all(len(p) == 3 for p in parts[1:])


def _magnitude(v: float) -> int:
    return math.floor(math.log10(v)) if v > 0 else -1


def word_value(tok: Token, table: LanguageTable):
    """('word'|'scale', value, suffix, stem) for a number or scale word, read through suffixes and,
    where the table allows, written together (`otuzüç`, `ikiyüzbin`)."""
    return table.remember("word_values", tok.low, _word_value)    # depends on the folded word only


def _word_value(low: str, table: LanguageTable):
    if low in table.not_numbers:
        return None
    for kind, lexicon in (("word", table.words), ("scale", table.scales)):
        if low in lexicon:
            return kind, lexicon[low], "", low
    if table.compound_words:
        hit = _compound(low, table)    # before suffixes: `oniki` is 12, not `on` + `iki`
        if hit:
            return hit
    for kind, lexicon in (("word", table.words), ("scale", table.scales)):
        hit = table.split_suffix(low, lexicon)
        if hit:
            if hit[1] and table.not_number_stems and table.split_suffix(low, table.not_number_stems):
                return None     # `yarımadasında`: `yarımada` (peninsula) + suffixes, not `yarım` (half)
            return kind, lexicon[hit[0]], hit[1], hit[0]
    return None


def _compound(word: str, table: LanguageTable):
    for cut in range(len(word), 2, -1):
        stem, rest = word[:cut], word[cut:]
        if rest and not table.is_suffix_chain(rest):
            continue
        parts = _split_words(stem, table)
        value = _evaluate(parts, table) if parts and len(parts) > 1 else None
        if value is not None:
            return "word", value, rest, stem
    return None


def _split_words(word: str, table: LanguageTable) -> list[str] | None:
    """`yetmişiki` -> [yetmiş, iki]: longest number words first."""
    if not word:
        return []
    for n in range(len(word), 1, -1):
        head = word[:n]
        if head in table.words or head in table.scales:
            tail = _split_words(word[n:], table)
            if tail is not None:
                return [head] + tail
    return None


def _evaluate(parts: list[str], table: LanguageTable) -> float | None:
    total, current, last_scale = 0.0, None, math.inf
    for w in parts:
        if w in table.scales:
            scale = table.scales[w]
            if scale >= last_scale:
                return None
            total += (current if current is not None else 1.0) * scale
            current, last_scale = None, scale
        else:
            current = _combine(current, table.words[w])
            if current is None:
                return None
    return total + (current or 0.0)


def prefixed_scale(tok: Token, table: LanguageTable):
    """('scale', value, suffix, stem, fraction) for a fraction prefix glued to a scale word
    (`полмиллиона`, table key numbers.prefix_fractions); None otherwise."""
    for prefix, fraction in table.prefix_fractions.items():
        rest = tok.low[len(prefix):].lstrip("-")
        if tok.low.startswith(prefix) and len(rest) >= 3:
            hit = table.split_suffix(rest, table.scales)
            if hit:
                return "scale", table.scales[hit[0]], hit[1], hit[0], fraction
    return None


def _space_grouped(tokens: list[Token], j: int, text_gap: Gap) -> int:
    """Index of the last token of a space-grouped digit run (`7 591`, `5 420 000`) starting at j."""
    first = tokens[j].text
    if not (1 <= len(first) <= 3 and first.isdigit()):
        return j
    k = j
    while k + 1 < len(tokens) and text_gap(tokens[k], tokens[k + 1]) in _GROUP_SPACES \
            and _THREE.fullmatch(tokens[k + 1].text[:3]) and tokens[k + 1].text[:3].isdigit() \
            and (len(tokens[k + 1].text) == 3 or tokens[k + 1].text[3] in ".,"):
        k += 1
        if k - j > MAX_DIGIT_GROUPS:
            return j    # `100 200 300 ...`: a run of numbers, not one (and no rescan of the run per number)
    return k


# Groups of three digits after the first in one space-grouped number: 999 999 999 999 999 999 is
# already beyond every figure in news (10^18).
MAX_DIGIT_GROUPS: Final = 6


def read_number(tokens: list[Token], i: int, table: LanguageTable, text_gap: Gap) -> NumberRead | None:
    total, current, last_scale, last_word = 0.0, None, math.inf, None
    j, last, suffix = i, None, ""
    has_digits = has_words = has_scale = False
    weak_only, plain = True, False
    while j < len(tokens):
        tok = tokens[j]
        before = tokens[j - 1] if j > i and tokens[j - 1].low in table.connectors else tokens[last] \
            if last is not None else None   # `три с половиной`: the connector stands between
        if before is not None and text_gap(before, tok) not in _WORD_GAPS:
            break  # numbers are words apart by spaces only
        spelled = _spelled_fraction_phrase(tokens, j, last, current, table)
        if spelled is not None:     # `eight and a half`, `half a million`
            current = (current or 0.0) + spelled[0]
            last_word, last, j, has_words, weak_only = "word", spelled[1], spelled[1] + 1, True, False
            continue
        if tok.is_num:
            if last is not None and not (last_word == "scale" and current is None):
                break
            k = _space_grouped(tokens, j, text_gap)
            digits = "".join(t.text for t in tokens[j:k + 1])
            value = parse_digits(digits, table)
            if value is None:
                if last is None:
                    return None
                break
            if last is not None and value >= last_scale:
                break
            plain = last is None and k == j and digits.isdigit()
            current, has_digits, weak_only = value, True, False
            last_word, last, j = "digits", k, k + 1
            continue
        if not tok.is_word:
            if tok.text == "." and last_word == "scale" and last is not None and tokens[last].low in table.abbreviations:
                last, j = j, j + 1   # "mln." "тыс."
                continue
            hyphened = _hyphened_word(tokens, j, last, current, table, text_gap) if last_word == "word" else None
            if hyphened is not None:
                current, last, j = hyphened, j + 1, j + 2   # `Twenty-two`, `ninety-nine`
                continue
            break
        if tok.low in table.connectors and last is not None and j + 1 < len(tokens) \
                and word_value(tokens[j + 1], table):
            j += 1
            continue
        if tok.low in table.decimal_words and current is not None and last_word != "scale":
            frac, k = _spelled_fraction(tokens, j + 1, table)
            if frac is None:
                break       # `iki virgül iki milyon`: a decimal point spelled out, the scale still to come
            current += frac
            last_word, last, j, weak_only = "word", k - 1, k, False
            continue
        hit = word_value(tok, table)
        prefixed = hit is None and last is None and (hit := prefixed_scale(tok, table)) is not None
        if hit is None:
            break
        kind, value, suf, stem = hit[:4]
        if prefixed:
            current = hit[4]                   # `полмиллиона` = 0.5 million
        if kind == "scale":
            if value >= last_scale or (last is None and tok.low not in table.scales and not prefixed
                                        and not _qualified_scale(tokens, j, table)):
                break
            total += (current if current is not None else 1.0) * value
            current, last_scale, has_scale = None, value, True
            weak_only = False
        else:
            if last_word == "digits" and not (0 < value < 1):
                break       # digits take no number word after them, but a fraction: `5 buçuk`
            combined = _combine(current, value)
            if combined is None:
                break
            current = combined
            has_words = True
            weak_only = weak_only and stem in table.weak_words
        last_word, last, j, suffix = kind, j, j + 1, suf
        if suf:
            break  # a suffix closes the number: `milyardan`, `ikisi`
    if last is None:
        return None
    value = total + (current or 0.0)
    return NumberRead(value, i, last, suffix, has_digits, has_words, has_scale,
                      plain and not has_scale and not has_words, weak_only and not has_digits)


def _spelled_fraction_phrase(tokens: list[Token], j: int, last: int | None, current: float | None,
                             table: LanguageTable) -> tuple[float, int] | None:
    """(fraction, last index) of `and a half` after a whole number (table key numbers.fraction_after),
    or of `half a` before a scale word at the start (numbers.fraction_before); None otherwise."""
    whole = current is not None and math.isfinite(current) and current == int(current) and last == j - 1
    phrases = table.fraction_after if whole else table.fraction_before if last is None else None
    if not phrases:
        return None
    for key, value in phrases.items():
        end = j + len(key)
        if tuple(t.low for t in tokens[j:end]) != key:
            continue
        if whole or (end < len(tokens) and table.split_suffix(tokens[end].low, table.scales)):
            return value, end - 1
    return None


def _hyphened_word(tokens: list[Token], j: int, last: int | None, current: float | None,
                   table: LanguageTable, text_gap: Gap) -> float | None:
    """The value of `twenty-two` when tokens[j] is the hyphen: a whole number word glued to the number
    word before it by a hyphen, which it completes (not `two-thirds`, not `one-two`)."""
    if last != j - 1 or j + 1 >= len(tokens) or tokens[j].text != "-" \
            or text_gap(tokens[j - 1], tokens[j]) != "" or text_gap(tokens[j], tokens[j + 1]) != "":
        return None
    hit = word_value(tokens[j + 1], table)
    if hit is None or hit[0] != "word" or hit[2] or hit[1] < 1 or hit[1] != int(hit[1]):
        return None
    return _combine(current, hit[1])


def _qualified_scale(tokens: list[Token], j: int, table: LanguageTable) -> bool:
    """`мыңнан астам`, `binden fazla`, `mingdan ortiq`: a scale word with a case ending stands for one
    thousand (million ...) where a qualifier follows it; elsewhere such a form may be another word."""
    return j + 1 < len(tokens) and tokens[j + 1].low in table.derived("qualifier_after_first_words",
                                                                     _qualifier_after_first_words)


def _qualifier_after_first_words(table: LanguageTable) -> frozenset[str]:
    return frozenset(key[0] for lexicon in (table.qualifiers_after, table.qualifiers_after_ablative)
                     for key in lexicon)


def _spelled_fraction(tokens: list[Token], j: int, table: LanguageTable) -> tuple[float | None, int]:
    """The digits after a spelled decimal point (`yetmiş yedi` -> .77), stopping before a scale word."""
    value, k = None, j
    while k < len(tokens) and tokens[k].is_word:
        hit = word_value(tokens[k], table)
        if hit is None or hit[0] != "word" or hit[2]:
            break
        combined = _combine(value, hit[1])
        if combined is None:
            break
        value, k = combined, k + 1
    if value is None or value != int(value):
        return None, j
    return value / 10 ** len(str(int(value))), k


def _combine(current: float | None, value: float) -> float | None:
    """`iki` + `yüz` -> 200, `200` + `elli` -> 250, `250` + `beş` -> 255; None when words don't chain."""
    if current is None:
        return value
    if value == 100 and 1 <= current < 10 and current == int(current):
        return current * 100
    if current != int(current):
        return None
    if _magnitude(value) < _lowest_place(int(current)):
        return current + value
    return None


def _lowest_place(n: int) -> int:
    place = 0
    while n and n % 10 ** (place + 1) == 0:
        place += 1
    return place
