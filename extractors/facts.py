"""Facts across articles: what a quantity measures (indicator), whom it is about (entities), the
period as dates, and `fact`, a key that is the same for the same figure written in any language.

A pure function of one quantity, its sentence's tokens, its language table and the article's
publication date; no database, no state across articles. The words come from data only:

- `seeds/indicators.csv` (id, name, dimension, ...), `seeds/entities.csv` (id, kind, ...) and
  `seeds/entity_names.csv` (entity_id, lang, name: names and stems), built by `seeds/build_entities.py`;
- the `[indicators]` section of each language table (phrase -> indicator ids, the first one whose
  dimension fits the quantity wins; `*_transit` takes the commodity named in the sentence) and its
  `[facts]` section (commodities, months, halves, quarters, bilateral words, conjunctions, and
  `endings` for languages whose table has no suffix list).

Names and phrases match word by word through suffix chains, like units: `Kazakistan’ın`,
`Qazaxıstanın`, `Казахстана`, `казахстанской`, `Қазақстанның` resolve to KAZ.

The key: `indicator|ENTITY+ENTITY|period|value unit`, period `start/end` (ISO dates; `by ...` for a
target; `-` when the text states none) and the value in base units to three significant figures,
so `87,7 млн тонн`, `87.7 million tonnes` and `87,7 milyon ton` (same indicator, entity, year) meet.
"""
from __future__ import annotations

import calendar
import csv
import re
from typing import Any, Final
from dataclasses import dataclass, field
from datetime import date

from extractors.memo import per_sentence
from extractors.resources import seed_table
from extractors.tables import LanguageTable, _chain_cached
from extractors.tokens import Token, _norm_same_length, first_word as sentence_first_word, norm, surface_key, tokenize

_BOUNDARIES: Final = {",", ";", ":"}
_DASHES: Final = {"-", "–", "—", "‒"}
_SPACED_DASHES: Final = {"–", "—"}
SKIP_KINDS: Final = {"city"}   # capitals stand for governments; a city never splits one fact in two


def _seed_rows(name: str) -> list[dict[str, str]]:
    """The rows of seed table `name` (none when it is absent), read once per process: every
    language's lexicon reads the same three files."""
    rows = _SEED_ROWS.get(name)
    if rows is None:
        path = seed_table(name)
        rows = []
        if path.exists():
            with path.open(encoding="utf-8", newline="") as fh:
                rows = list(csv.DictReader(fh))
        _SEED_ROWS[name] = rows
    return rows


_SEED_ROWS: dict[str, list[dict[str, str]]] = {}


# -- compiled lexicon (once per table) ---------------------------------------------------------------
@dataclass
class _Word:
    stem: str
    case: str        # "any", "cap" (first letter upper), "upper" (acronym)


@dataclass
class _Phrase:
    words: tuple[_Word, ...]
    value: Any


@dataclass
class Lexicon:
    endings: frozenset[str]
    max_end: int
    entities: dict[str, list[_Phrase]]      # first stem -> phrases (value: entity id)
    indicators: dict[str, list[_Phrase]]    # first stem -> phrases (value: list of ids)
    commodities: dict[str, list[_Phrase]]
    months: dict[str, list[_Phrase]]        # value: 1..12
    halves: dict[str, list[_Phrase]]        # value: 1..2
    quarters: dict[str, list[_Phrase]]      # value: 1..4
    bilateral: dict[str, list[_Phrase]]
    cumulative: dict[str, list[_Phrase]]    # value: months from January (`first nine months`: 9)
    year_before: dict[str, list[_Phrase]]   # `a year earlier`: the year before the sentence's period
    excluding: dict[str, list[_Phrase]]     # `bypassing`, `except`: the entity next to it is not the subject
    forecast: dict[str, list[_Phrase]]      # `expects`, `plans`: a forecast or target, not an actual figure
    share: dict[str, list[_Phrase]]         # `share`, `accounted for`: a percentage that is a part of a whole
    persons: dict[str, list[_Phrase]]       # `people`, `nəfər`: a count of them measures a word of its clause
    conjunctions: frozenset[str]
    range_words: frozenset[str]
    ind_dims: dict[str, frozenset[str]]
    kinds: dict[str, str]
    combined: dict = field(default_factory=dict)        # all lookups: first stem -> [(lookup, phrase)]
    min_stem: int = 1
    scan_size: int = 0                                  # how many lookups a sentence is scanned for
    entity_words_only: bool = True                      # every entity name starts with a letter
    names_entity: dict = field(default_factory=dict)    # folded word -> whether an entity name may start it (memo)
    candidates: dict = field(default_factory=dict)     # token text -> [(lookup, phrase)] it may start (memo)
    subjects: dict = field(default_factory=dict)       # subject text -> entity id or None (memo)


def _case(surface: str) -> str:
    letters = [c for c in surface if c.isalpha()]
    if len(letters) >= 2 and all(c.isupper() for c in letters):
        return "upper"
    return "cap" if letters and letters[0].isupper() else "any"


def _phrase(surface: str, value, drop_final=()) -> _Phrase | None:
    words = []
    parts = [w for w in surface.split() if w]
    for part in parts:
        for k in surface_key(part):
            if not any(c.isalnum() for c in k):
                words.append(_Word(k, "any"))
                continue
            stem = k
            for end in sorted(drop_final, key=len, reverse=True):
                if stem.endswith(end) and len(stem) - len(end) >= 3:
                    stem = stem[:-len(end)]
                    break
            words.append(_Word(stem, _case(part)))
    return _Phrase(tuple(words), value) if words else None


def _add(index: dict, phrase: _Phrase | None) -> None:
    if phrase is not None:
        index.setdefault(phrase.words[0].stem, []).append(phrase)


def lexicon(table: LanguageTable) -> Lexicon:
    """The table's fact lookups, compiled once and kept with the table."""
    return table.derived("facts_lexicon", _compile)


def _compile(table: LanguageTable) -> Lexicon:
    ind, fac = table.spec.indicators, table.spec.facts
    endings = frozenset(norm(e) for e in fac.endings) if fac.endings is not None else table.suffixes
    drop = tuple(norm(e) for e in fac.drop_final)
    lex = Lexicon(endings=endings, max_end=max((len(e) for e in endings), default=0),
                  entities={}, indicators={}, commodities={}, months={}, halves={}, quarters={}, bilateral={},
                  cumulative={}, year_before={}, excluding={}, forecast={}, share={}, persons={},
                  conjunctions=frozenset(norm(w) for w in fac.conjunctions),
                  range_words=frozenset(norm(w) for w in fac.range_words),
                  ind_dims={}, kinds={})
    for r in _seed_rows("indicators.csv"):
        lex.ind_dims[r["id"]] = frozenset((r.get("dimension") or "").split("|"))
    _add_entities(lex, table.code, drop)
    for surface, ids in ind.items():
        _add(lex.indicators, _phrase(surface, [ids] if isinstance(ids, str) else list(ids)))
    for surface, c in fac.commodities.items():
        _add(lex.commodities, _phrase(surface, c))
    for n, stems in enumerate(fac.months, start=1):
        for s in stems:
            _add(lex.months, _phrase(s, n))
    for numbered, target in ((fac.halves, lex.halves), (fac.quarters, lex.quarters)):
        for number, phrases in numbered.items():
            for s in phrases:
                _add(target, _phrase(s, int(number)))
    for number, phrases in fac.cumulative.items():
        for s in phrases:
            _add(lex.cumulative, _phrase(s, int(number)))
    for words, target in ((fac.bilateral, lex.bilateral), (fac.year_before, lex.year_before),
                          (fac.excluding, lex.excluding), (fac.forecast, lex.forecast), (fac.share, lex.share),
                          (fac.persons, lex.persons)):
        for s in words:
            _add(target, _phrase(s, True))
    _combine(lex)
    return lex


def _add_entities(lex: Lexicon, lang: str, drop: tuple[str, ...]) -> None:
    """Entity kinds from entities.csv; the names in `lang` from entity_names.csv (one row per entity,
    language and name), in file order."""
    for r in _seed_rows("entities.csv"):
        lex.kinds[r["id"]] = r["kind"]
    for r in _seed_rows("entity_names.csv"):
        name = r["name"].strip()
        if r["lang"] == lang and name and lex.kinds.get(r["entity_id"]) not in SKIP_KINDS:
            _add(lex.entities, _phrase(name, r["entity_id"], drop if name[:1].isupper() else ()))


# -- matching ----------------------------------------------------------------------------------------
def _word_ok(tok: Token, w: _Word, lex: Lexicon) -> bool:
    return _stem_ok(tok.low, w, lex) and _case_ok(tok, w)


def _stem_ok(low: str, w: _Word, lex: Lexicon) -> bool:
    """The folded word is `w`'s stem and a chain of known endings."""
    if not low.startswith(w.stem):
        return False
    rest = low[len(w.stem):]
    if rest:
        rest = rest.lstrip("'-")
        if rest and not (lex.max_end and _chain_cached(rest, lex.endings, lex.max_end)):
            return False
    return True


def _case_ok(tok: Token, w: _Word) -> bool:
    if w.case == "cap":
        return tok.text[:1].isupper()
    if w.case == "upper":
        head = tok.text[:len(w.stem)]
        return head.upper() == head
    return True


def _find(tokens: list[Token], index: dict[str, list[_Phrase]], lex: Lexicon) -> list[tuple[int, int, Any]]:
    """(first, last, value) of every phrase of `index` in `tokens`, longest first, not overlapping."""
    hits: list[tuple[int, int, Any]] = []
    k = 0
    while k < len(tokens):
        low = tokens[k].low
        best = None
        for cut in range(len(low), max(1, len(low) - lex.max_end * 3) - 1, -1):
            for ph in index.get(low[:cut], ()):
                n = len(ph.words)
                if k + n <= len(tokens) and all(_word_ok(tokens[k + j], ph.words[j], lex) for j in range(n)):
                    if best is None or n > best[1] - best[0] + 1:
                        best = (k, k + n - 1, ph.value)
        if best:
            hits.append(best)
            k = best[1] + 1
        else:
            k += 1
    return hits


def entities_in(tokens: list[Token], table: LanguageTable) -> list[tuple[int, int, str]]:
    """(first, last, entity id) of every entity named in `tokens`."""
    return _find(tokens, lexicon(table).entities, lexicon(table))


def indicators_in(tokens: list[Token], table: LanguageTable) -> list[tuple[int, int, list[str]]]:
    return _find(tokens, lexicon(table).indicators, lexicon(table))


@dataclass
class _Scan:
    entities: list
    indicators: list
    commodities: list
    months: list
    halves: list
    quarters: list
    bilateral: list
    cumulative: list
    year_before: list
    excluding: list
    forecast: list
    share: list
    persons: list


def _lookups(lex: Lexicon) -> tuple[dict[str, list[_Phrase]], ...]:
    """The lookups a sentence is scanned for, in the order of _Scan's fields."""
    return (lex.entities, lex.indicators, lex.commodities, lex.months, lex.halves, lex.quarters, lex.bilateral,
            lex.cumulative, lex.year_before, lex.excluding, lex.forecast, lex.share, lex.persons)


def _combine(lex: Lexicon) -> None:
    """All lookups in one: first stem -> (which lookup, phrase), so a sentence is read once."""
    combined: dict[str, list[tuple[int, _Phrase]]] = {}
    for n, idx in enumerate(_lookups(lex)):
        for stem, phrases in idx.items():
            combined.setdefault(stem, []).extend((n, ph) for ph in phrases)
    lex.combined = combined
    lex.min_stem = min((len(k) for k in combined), default=1)
    lex.scan_size = len(_lookups(lex))
    lex.entity_words_only = all(stem[:1].isalpha() for stem in lex.entities)


def _rest_ok(tokens: list[Token], k: int, ph: _Phrase, lex: Lexicon) -> bool:
    """Whether the words of `ph` after its first match tokens[k + 1...]."""
    words = ph.words
    for j in range(1, len(words)):
        if not _word_ok(tokens[k + j], words[j], lex):
            return False
    return True


@per_sentence
def _scan(tokens: list[Token], table: LanguageTable) -> _Scan:
    """Every entity, indicator, commodity, month, half, quarter and bilateral word of a sentence
    (longest first, not overlapping within one kind), in one pass."""
    lex = lexicon(table)
    index = lex.combined
    size_of_scan = lex.scan_size
    found: list[list] = [[] for _ in range(size_of_scan)]
    free = [0] * size_of_scan
    slack = lex.max_end * 3
    known: dict[str, list[tuple[int, _Phrase]]] = lex.candidates     # typed: compiled, read natively
    for k, tok in enumerate(tokens):
        if not (tok.is_word or tok.is_num or tok.text[:1].isdigit()):   # is_num: the cheap half of isdigit
            continue
        low = tok.low
        cands: list[tuple[int, _Phrase]] | None = known.get(low)
        if cands is None:
            # only phrases whose first word this word can be (its case is checked per token)
            cands = [hit for cut in range(len(low), max(lex.min_stem, len(low) - slack) - 1, -1)
                     for hit in index.get(low[:cut], ()) if _stem_ok(low, hit[1].words[0], lex)]
            if len(lex.candidates) > 200_000:
                lex.candidates.clear()
            lex.candidates[low] = cands
        if not cands:
            continue        # most words name nothing: no per-word bookkeeping for them
        best: dict[int, tuple[int, int, Any]] = {}
        for n, ph in cands:
            if k < free[n]:
                continue
            size = len(ph.words)
            if (n not in best or size > best[n][1] - best[n][0] + 1) and k + size <= len(tokens) \
                    and _case_ok(tok, ph.words[0]) and _rest_ok(tokens, k, ph, lex):
                best[n] = (k, k + size - 1, ph.value)
        for n, hit in best.items():
            found[n].append(hit)
            free[n] = hit[1] + 1
    return _Scan(found[0], found[1], found[2], found[3], found[4], found[5], found[6], found[7], found[8], found[9],
                 found[10], found[11], found[12])   # in the order of _lookups; positional: a native call


# -- what the figure measures -----------------------------------------------------------------------
def _distance(first: int, last: int, a: int, b: int) -> int:
    if last < a:
        return a - last
    if first > b:
        return first - b
    return 0


def indicator_for(first: int, last: int, dimension: str | None, scan: _Scan, lex: Lexicon,
                  clause: tuple[int, int]) -> str | None:
    best = None
    lo, hi = clause
    shared = any(lo <= a and b <= hi and _distance(a, b, first, last) <= 6 for a, b, _ in scan.share)  # `доля ... 21%`
    # the commodity of the figure's clause or of the clauses before it (`mined 113.8 Mt of coal, 2.1% less
    # than ...`), not of a clause after it (`exported goods for $4bn, mainly oil`)
    near = [h for h in scan.commodities if h[1] <= hi]
    # `the airport's passenger flow was 5.9 million people`: people are counted for a word of the clause
    persons = any(first <= a <= last for a, _, _ in scan.persons)
    commodity = min(near, key=lambda h: _distance(h[0], h[1], first, last))[2] if near else None
    for a, b, ids in scan.indicators:
        for ind in ids:
            if ind.startswith("*_"):
                if commodity is None:
                    continue
                ind = f"{commodity}{ind[1:]}"
            dims = lex.ind_dims.get(ind)
            if dimension == "percentage" and dims is not None and dimension not in dims:
                ind = _percentage_of(ind, shared, lex)     # `passengers` + 24% -> passengers_growth
                dims = lex.ind_dims.get(ind)
            elif dimension == "percentage" and shared and f"{ind}_share" in lex.ind_dims:
                ind, dims = f"{ind}_share", lex.ind_dims[f"{ind}_share"]
            if dims is None or (dimension not in dims):
                continue
            score = (not (lo <= a and b <= hi), _distance(a, b, first, last), -(b - a))   # its own clause first
            if dimension == "count" and score[1] > 1 and not (persons and not score[0]):
                break       # `29 anlaşma`: a count measures its own noun, not a word elsewhere
            if best is None or score < best[0]:
                best = (score, ind)
            break
    return best[1] if best else None


def _percentage_of(ind: str, shared: bool, lex: Lexicon) -> str:
    """The percentage indicator of a quantity indicator: its share when a share word is near, else its
    growth (a percent of a count or a volume is a change of it)."""
    share, growth = f"{ind}_share", f"{ind}_growth"
    if shared and share in lex.ind_dims:
        return share
    return growth if growth in lex.ind_dims else ind


# -- whom it is about -------------------------------------------------------------------------------
def _clause(tokens: list[Token], first: int, last: int, scan: _Scan, lex: Lexicon) -> tuple[int, int]:
    """The tokens between the boundaries (`,`, `;`, a spaced dash, a conjunction) around first..last."""
    if not tokens:
        return first, last
    starts, ends = _clauses(tokens, scan, lex)
    return starts[first], ends[last]


@per_sentence
def _clauses(tokens: list[Token], scan: _Scan, lex: Lexicon) -> tuple[list[int], list[int]]:
    """Per token k: the first token of the clause a quantity starting at k is in, and the last of the
    clause one ending at k is in. Once per sentence, so that each quantity's clause costs O(1)."""
    n = len(tokens)
    flags = _clause_boundaries(tokens, scan, lex)
    starts, ends = [0] * n, [n - 1] * n
    for k in range(1, n):
        starts[k] = k if flags[k - 1] else starts[k - 1]
    for k in range(n - 2, -1, -1):
        ends[k] = k if flags[k + 1] else ends[k + 1]
    return starts, ends


def _clause_boundaries(tokens: list[Token], scan: _Scan, lex: Lexicon) -> list[bool]:
    """Per token: whether it ends a clause (`,`, `;`, `:`, a spaced dash, a conjunction that joins no
    two entity names)."""
    ends_at: set[int] | None = None
    starts_at: set[int] = set()
    conjunctions = lex.conjunctions
    flags: list[bool] = []
    last = len(tokens) - 1
    for k, t in enumerate(tokens):
        text = t.text
        if text in _BOUNDARIES:
            flags.append(True)
        elif text in _SPACED_DASHES and 0 < k < last and tokens[k - 1].end < t.start and t.end < tokens[k + 1].start:
            flags.append(True)
        elif t.low in conjunctions:
            if ends_at is None:
                ends_at = {b for _, b, _ in scan.entities}
                starts_at = {a for a, _, _ in scan.entities}
            flags.append(not (k - 1 in ends_at and k + 1 in starts_at))
        else:
            flags.append(False)
    return flags


def _currency_word(low: str, table: LanguageTable) -> bool:
    """`dollars`, `долларын`, `dolları`: a word that is a currency unit (through suffixes)."""
    return table.remember("currency_words", low, _find_currency_word)


def _find_currency_word(low: str, table: LanguageTable) -> bool:
    from extractors.units import registry
    units = registry()

    def currency(key: tuple[str, ...]) -> bool:
        code = table.units_after.get(key) or table.units_before.get(key)
        return code is not None and code in units and units[code].dimension == "currency"
    if currency((low,)):
        return True
    return any(currency((low[:cut],)) and table.is_suffix_chain(low[cut:]) for cut in range(len(low) - 1, 2, -1))


@per_sentence
def named_entities(tokens: list[Token], table: LanguageTable) -> list[tuple[int, int, str]]:
    """The entities a sentence names as what it is about: not a currency's country (`US dollars`,
    `ABŞ dolları`) nor one next to an excluding word (`bypassing Russia`, `Rusya hariç`)."""
    scan = _scan(tokens, table)
    excluded = {min(scan.entities, key=lambda h: _distance(h[0], h[1], x, y))[:2] for x, y, _ in scan.excluding
                if scan.entities and min(_distance(h[0], h[1], x, y) for h in scan.entities) <= 3}
    out = []
    for a, b, e in scan.entities:
        if any(0 <= k < len(tokens) and _currency_word(tokens[k].low, table) for k in (a - 1, b + 1)):
            continue        # `US dollars`, `долларов США`
        if (a, b) not in excluded:      # the one entity nearest an excluding word
            out.append((a, b, e))
    return out


def entities_for(first: int, last: int, tokens: list[Token], scan: _Scan, lex: Lexicon, table: LanguageTable,
                 subject: str | None, clause: tuple[int, int]) -> tuple[str, ...]:
    lo, hi = clause
    named = named_entities(tokens, table)
    found = [e for e in named if lo <= e[0] and e[1] <= hi]
    out = [e[2] for e in found]
    bilateral = any(lo <= a and b <= hi for a, b, _ in scan.bilateral)
    if bilateral and sum(lex.kinds.get(e) == "country" for e in set(out)) < 2:
        countries = [e for e in named if lex.kinds.get(e[2]) == "country"]
        countries.sort(key=lambda e: (e[0] > last, _distance(e[0], e[1], first, last)))
        for e in countries:
            if sum(lex.kinds.get(x) == "country" for x in set(out)) >= 2:
                break
            if e[2] not in out:
                out.append(e[2])
    first_word = sentence_first_word(tokens)
    anaphoric = first_word is not None and first_word.low in table.anaphora
    if (not out or anaphoric) and subject:
        head = subject_entity(subject, tokens, table)
        if head:
            out.append(head)            # the head of `Ukrayna’nın Rusya’daki Hazar Boru Hattı Konsorsiyumu`
    return tuple(sorted(set(out)))


def subject_entity(subject: str | None, tokens: list[Token], table: LanguageTable) -> str | None:
    """The entity id the subject names, unless the sentence names it only as a currency or excluded."""
    if not subject:
        return None
    lex = lexicon(table)
    head = _subject_entity(subject, lex)
    if head is not None and any(e == head for _, _, e in _scan(tokens, table).entities) \
            and not any(e == head for _, _, e in named_entities(tokens, table)):
        return None
    return head


def _subject_entity(subject: str, lex: Lexicon) -> str | None:
    if subject not in lex.subjects:
        named = _find(tokenize(subject), lex.entities, lex)
        lex.subjects[subject] = named[-1][2] if named else None
    return lex.subjects[subject]


# -- when -------------------------------------------------------------------------------------------
def _month_range(tokens: list[Token], first: int, last: int, scan: _Scan, lex: Lexicon) -> tuple[int, int, int, int] | None:
    """(month from, month to, first token, last token) of the month range nearest the quantity."""
    months = scan.months
    ranges = []
    for i, (a, b, m1) in enumerate(months):
        nxt = months[i + 1] if i + 1 < len(months) else None
        if nxt and 1 <= nxt[0] - b <= 2 and all(tokens[k].text in _DASHES or tokens[k].low in lex.range_words
                                                 for k in range(b + 1, nxt[0])) and nxt[2] >= m1:
            ranges.append((a, nxt[1], m1, nxt[2]))
        elif b + 1 < len(tokens) and tokens[b + 1].is_num and len(tokens[b + 1].text) == 4:
            ranges.append((a, b, m1, m1))          # `Temmuz 2025`, `July 2025`: one month
    if not ranges:
        return None
    a, b, m1, m2 = min(ranges, key=lambda r: _distance(r[0], r[1], first, last))
    return m1, m2, a, b


def _day_date(tokens: list[Token], a: int, b: int) -> bool:
    """`Jan 19`, `19 января`, `20 Kasım`: a month next to a day number is a date, not a period."""
    return any(0 <= k < len(tokens) and tokens[k].is_num and len(tokens[k].text) <= 2 for k in (a - 1, b + 1))


def _months_of(tokens: list[Token], first: int, last: int, scan: _Scan, lex: Lexicon) -> tuple[int, int] | None:
    """The months of the period nearest the quantity: a month range (`January–June`), one month (`in
    June`), the months from January (`first nine months`), a half or a quarter."""
    found: list[tuple[int, int, int, int]] = []     # (first, last, month from, month to)
    months = _month_range(tokens, first, last, scan, lex)
    if months is not None:
        found.append((months[2], months[3], months[0], months[1]))
    ranged = {k for a, b, _, _ in found for k in range(a, b + 1)}
    found += [(a, b, m, m) for a, b, m in scan.months if a not in ranged and not _day_date(tokens, a, b)]
    found += [(a, b, 1, n) for a, b, n in scan.cumulative]
    for hits, size in ((scan.quarters, 3), (scan.halves, 6)):
        found += [(a, b, (n - 1) * size + 1, n * size) for a, b, n in hits]
    if not found:
        return None
    a, b, m1, m2 = min(found, key=lambda h: (_distance(h[0], h[1], first, last), h[0]))
    return m1, m2


def _stated_year(tokens: list[Token], first: int, last: int) -> int | None:
    """The written year (`2023`) nearest the quantity."""
    years = [(abs(k - first), int(t.text)) for k, t in enumerate(tokens)
             if t.is_num and len(t.text) == 4 and t.text.isdigit() and 1900 <= int(t.text) <= 2100]
    return min(years)[1] if years else None


def _year_before(first: int, last: int, scan: _Scan) -> bool:
    """`6,29 млрд годом ранее`, `a year earlier`, `bir il əvvəl`: the figure is of the year before."""
    return any(a > last and a - last <= 2 or b < first and first - b <= 2 for a, b, _ in scan.year_before)


PREVIOUS_OF_ARTICLE: Final = "article-1"   # period_source until the article pass resolves it


def period_for(first: int, last: int, tokens: list[Token], scan: _Scan, lex: Lexicon, year_label: str | None,
               published: date | None) -> tuple[str | None, str | None, str | None]:
    """(start, end, source) of the quantity's period; source "sentence" when the sentence states it."""
    year = int(year_label[:4]) if year_label and year_label[:4].isdigit() else None
    months = _months_of(tokens, first, last, scan, lex)
    if _year_before(first, last, scan):
        base = _stated_year(tokens, first, last)
        if base is None:
            return None, None, PREVIOUS_OF_ARTICLE
        year = base - 1
    if months is not None and year is None and published is not None:
        year = published.year if months[1] <= published.month else published.year - 1
    if year is None:
        return None, None, None
    start, end = _period_dates(year, months or (1, 12))
    return start, end, "sentence"


def _period_dates(year: int, months: tuple[int, int]) -> tuple[str, str]:
    key = (year, months[0], months[1])
    dates = _PERIOD_DATES.get(key)
    if dates is None:       # a few periods recur in every article: their dates are remembered
        m1, m2 = months
        dates = date(year, m1, 1).isoformat(), date(year, m2, calendar.monthrange(year, m2)[1]).isoformat()
        if len(_PERIOD_DATES) > 100_000:
            _PERIOD_DATES.clear()
        _PERIOD_DATES[key] = dates
    return dates


_PERIOD_DATES: Final[dict[tuple[int, int, int], tuple[str, str]]] = {}


# -- the key ----------------------------------------------------------------------------------------
def _sig3(x: float) -> str:
    return f"{float(x):.3g}"


def fact_key(indicator, entities, period_start, period_end, is_target, base_value, value_max_base, base_unit) -> str:
    period = f"{period_start}/{period_end}" if period_start else "-"
    if is_target and period_start:
        period = "by " + period
    value = _sig3(base_value)
    if value_max_base is not None:
        value += "-" + _sig3(value_max_base)
    return f"{indicator}|{'+'.join(sorted(entities))}|{period}|{value} {base_unit}"


class FactFields:
    """The fields of a Quantity that place it among facts across articles (a plain class, built for
    every quantity: see engine.Mention)."""
    __slots__ = ("indicator", "entities", "period_start", "period_end", "fact", "subject_entity", "period_source",
                 "is_target")

    def __init__(self, indicator: str | None, entities: tuple[str, ...], period_start: str | None,
                 period_end: str | None, fact: str | None, subject_entity: str | None = None,
                 period_source: str | None = None, is_target: bool = False) -> None:
        self.indicator = indicator
        self.entities = entities
        self.period_start = period_start
        self.period_end = period_end
        self.fact = fact
        self.subject_entity = subject_entity
        self.period_source = period_source
        self.is_target = is_target


def fact_fields(first: int, last: int, tokens: list[Token], table: LanguageTable, published: date | None, *,
                dimension: str, subject: str | None, period: str | None, is_target: bool, value: float,
                value_max: float | None, base_value: float | None, base_unit: str) -> FactFields:
    """indicator, entities, period dates and fact key of the quantity at tokens[first..last], from the
    tokens of its sentence and the quantity's other fields (named like Quantity's)."""
    lex = lexicon(table)
    scan = _scan(tokens, table)
    clause = _clause(tokens, first, last, scan, lex)
    indicator = indicator_for(first, last, dimension, scan, lex, clause)
    entities = entities_for(first, last, tokens, scan, lex, table, subject, clause)
    start, end, source = period_for(first, last, tokens, scan, lex, period, published)
    is_target = is_target or _forecast(first, scan, clause)
    fact = None
    if indicator and entities and base_value is not None:
        vmax = value_max * (base_value / value) if value_max is not None and value else None
        fact = fact_key(indicator, entities, start, end, is_target, base_value, vmax, base_unit)
    return FactFields(indicator, entities, start, end, fact, subject_entity(subject, tokens, table), source, is_target)


def _forecast(first: int, scan: _Scan, clause: tuple[int, int]) -> bool:
    """A word of forecast or plan (`expects`, `plans`, `прогноз`) in the quantity's clause."""
    if not scan.forecast:
        return False
    lo, hi = clause
    # `expects that in 2023 output will reach 116 Mt`: the word may head the clause before
    return any(lo <= a and b <= hi or b < first and first - b <= FORECAST_REACH for a, b, _ in scan.forecast)


FORECAST_REACH: Final = 12     # tokens before the figure that a forecast word governs


# -- across the sentences of one article --------------------------------------------------------------
def _only_as_currency_before(entity: str, text: str, span: tuple[int, int], table: LanguageTable) -> bool:
    """Whether the sentence at `span` names `entity` but not as what it is about (`US dollars`)."""
    tokens = tokenize(text[span[0]:span[1]], span[0])
    return any(e == entity for _, _, e in _scan(tokens, table).entities) \
        and not any(e == entity for _, _, e in named_entities(tokens, table))


def _opens_with_anaphor(sentence: str, table: LanguageTable) -> bool:
    words = sentence.split(None, 1)
    return bool(words) and words[0].strip(",.:;").lower() in table.anaphora


def _first_clause(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a sentence up to its first comma, semicolon or colon (read only that far)."""
    cut = min((k for k in (text.find(c, start, end) for c in ",;:") if k >= 0), default=end)
    return start, min(cut, start + FIRST_CLAUSE_CHARS)


FIRST_CLAUSE_CHARS: Final = 300


def _leading_entities(tokens: list[Token], table: LanguageTable) -> tuple[str, ...]:
    """The entities a sentence names in its first clause, where its subject stands (`Uzbekistan's gold
    output rose`; not `..., as routes to European buyers lengthened`)."""
    named = named_entities(tokens, table)
    if not named:
        return ()
    lex = lexicon(table)
    lo, hi = _clause(tokens, 0, 0, _scan(tokens, table), lex)
    return tuple(sorted({e for a, b, e in named if b <= hi}))


def _clause_entities(clause: str, offset: int, table: LanguageTable, lex: Lexicon) -> tuple[str, ...]:
    """_leading_entities of a first clause, without tokenizing one where no entity name can start."""
    low = _norm_same_length(clause)
    if low is not None and lex.entity_words_only and not _may_name_entity(low, lex):
        return ()
    return _leading_entities(tokenize(clause, offset, low), table)


# The word tokens of a folded text (its apostrophes are all `'`): where a name starting with a letter can start.
_FOLDED_WORD: Final = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")


def _may_name_entity(low: str, lex: Lexicon) -> bool:
    """Whether a word of the folded text `low` begins with the first stem of an entity name."""
    memo = lex.names_entity
    for word in _FOLDED_WORD.findall(low):
        known = memo.get(word)
        if known is None:
            if len(memo) > 200_000:
                memo.clear()
            known = memo[word] = _starts_with_entity_stem(word, lex)
        if known:
            return True
    return False


def _starts_with_entity_stem(word: str, lex: Lexicon) -> bool:
    for cut in range(1, len(word) + 1):
        if word[:cut] in lex.entities:
            return True
    return False


def _dominant_period(quantities: list[dict[str, Any]], published: date | None) -> tuple[str, str] | None:
    """The period an article reports: the latest one it dates with a year (written or `last year`; not a
    month alone, `mid-October`) that was over when it was published (older ones are comparison bases,
    later ones plans), the longest of those ending last; else the one stated most often."""
    stated = [(q["period_start"], q["period_end"]) for q in quantities
              if q["period_source"] == "sentence" and q["period"] and not q["period_is_target"]]
    over = [p for p in stated if published is not None and p[1] <= published.isoformat()]
    if over:
        return max(over, key=lambda p: (p[1], [-int(x) for x in p[0].split("-")]))
    return max(stated, key=lambda p: (stated.count(p), -stated.index(p))) if stated else None



def article_signals(quantities: list[dict[str, Any]], sentence_of: list[int], text: str,
                    sentences: list[tuple[int, int]], table: LanguageTable,
                    published: date | None) -> list[dict[str, Any]]:
    """Signals a sentence leaves unstated, from the rest of its article: the period (the article's
    dominant stated period, `period_source` "article"), and the entities (those of the sentence before,
    carried while sentences name none). `quantities` are the fields of each Quantity (updated in
    place and returned); `sentence_of[i]` is the sentence index of quantities[i]."""
    dominant = _dominant_period(quantities, published)
    changes: list[dict[str, Any]] = []     # applied at the end: each reads its neighbours as stated
    carried: tuple[str, ...] = ()
    carried_at = -2
    leading: dict[int, tuple[str, ...]] = {}    # sentence index -> entities of its first clause
    lex = lexicon(table)
    for k, (q, s_index) in enumerate(zip(quantities, sentence_of)):
        change: dict[str, Any] = {}
        if q["subject_entity"] and s_index and _opens_with_anaphor(q["sentence"], table) \
                and _only_as_currency_before(q["subject_entity"], text, sentences[s_index - 1], table):
            # `Бұл ... 5 пайызға артық` after `... 4 млрд АҚШ долларын`: the subject was a currency's country
            change.update(subject_entity=None, entities=tuple(e for e in q["entities"] if e != q["subject_entity"]))
        if q["indicator"] is None and k and sentence_of[k - 1] == s_index - 1 and _opens_with_anaphor(q["sentence"], table):
            before = quantities[k - 1]["indicator"]      # `Bu, ötən ilə nisbətən 43,6% çoxdur`: the figure before
            if before is not None:
                ind = _percentage_of(before, False, lex) if q["dimension"] == "percentage" else before
                if q["dimension"] in lex.ind_dims.get(ind, ()):
                    change.update(indicator=ind)
        if q["period_source"] == PREVIOUS_OF_ARTICLE:
            change.update(period_source=None)
            if dominant is not None:
                year = int(dominant[0][:4]) - 1
                start, end = _period_dates(year, (int(dominant[0][5:7]), int(dominant[1][5:7])))
                change.update(period_start=start, period_end=end, period=str(year), period_source="article")
        elif q["period_start"] is None and not q["period_is_target"] and dominant is not None \
                and q["dimension"] != "duration":
            change.update(period_start=dominant[0], period_end=dominant[1], period=q["period"] or dominant[0][:4],
                          period_source="article")
        if not change.get("entities", q["entities"]) and s_index > 0:
            if carried_at != s_index - 1:
                if s_index - 1 not in leading:
                    p_start, p_end = _first_clause(text, *sentences[s_index - 1])
                    leading[s_index - 1] = _clause_entities(text[p_start:p_end], p_start, table, lex)
                carried = leading[s_index - 1] or carried
            if carried:
                change.update(entities=carried)
        elif q["entities"]:
            carried, carried_at = q["entities"], s_index
        indicator = change.get("indicator", q["indicator"])
        if change and indicator and q["base_value"] is not None and change.get("entities", q["entities"]):
            value, value_max, base_value = q["value"], q["value_max"], q["base_value"]
            vmax = value_max * (base_value / value) if value_max is not None and value else None
            change["fact"] = fact_key(indicator, change.get("entities", q["entities"]),
                                      change.get("period_start", q["period_start"]),
                                      change.get("period_end", q["period_end"]), q["period_is_target"], base_value,
                                      vmax, q["base_unit"] or q["unit"])
        changes.append(change)
    for q, change in zip(quantities, changes):
        q.update(change)
    return quantities
