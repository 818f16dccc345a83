"""Language tables: one TOML file per language, compiled once per process; the set of tables present
is the registry of languages.

A table is pure data (numbers, suffixes, units, qualifiers, periods, not-quantities, context words)
with a declared schema (extractors/table_spec.py); `LanguageTable` turns it into the lookups and
regular expressions the engine needs. Adding a language means adding a TOML file, here or in a
folder named by $WAREHOUSE_LANGUAGE_PATH: nothing here names a language.
"""
from __future__ import annotations

import os
import re
from typing import Any, Callable, Collection, Final
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extractors.resources import languages_dir
from extractors.table_spec import LanguageSection, TableSpec, read_spec
from extractors.tokens import norm, surface_key
from extractors.units import generated_names

LANG_DIR = languages_dir()
# Folders of more language tables (separated like PATH); a table there replaces a built-in one of the same code.
LANGUAGE_PATH_ENV = "WAREHOUSE_LANGUAGE_PATH"
APOSTROPHES: Final = "'"
MEMO_LIMIT: Final = 100_000
_MISSING: Final = object()
NOTHING = re.compile(r"(?!)")   # the anchor and starter patterns until compile_table sets them


# -- the registry: the languages are the tables present --------------------------------------------
def language_dirs() -> list[Path]:
    """The built-in tables' folder, then the folders named by $WAREHOUSE_LANGUAGE_PATH."""
    return _dirs(os.environ.get(LANGUAGE_PATH_ENV, ""))


def _dirs(extra: str) -> list[Path]:
    return [LANG_DIR] + [Path(p) for p in extra.split(os.pathsep) if p]


def table_paths() -> dict[str, Path]:
    """Language code -> its table file (a later folder wins). Listed once per value of the variable."""
    return dict(_table_paths(os.environ.get(LANGUAGE_PATH_ENV, "")))


@lru_cache(maxsize=16)
def _table_paths(extra: str) -> tuple[tuple[str, Path], ...]:
    found: dict[str, Path] = {}
    for folder in _dirs(extra):
        for path in sorted(folder.glob("*.toml")):
            found[path.stem] = path
    return tuple(found.items())


def available_languages() -> list[str]:
    """The codes of the language tables present, sorted."""
    return sorted(table_paths())


def languages() -> dict[str, LanguageSection]:
    """Code -> the `[language]` section (code, English name, native name) of every table present,
    each table checked against the schema."""
    return {code: table_spec(path).language for code, path in sorted(table_paths().items())}


@lru_cache(maxsize=None)
def table_spec(path: Path) -> TableSpec:
    """The typed table in `path` (raises table_spec.TableError naming the file and key)."""
    return read_spec(path)


def _keys(mapping: dict) -> dict[tuple[str, ...], Any]:
    """Surface strings (possibly several words) -> token-tuple keys, normalised like the text."""
    return {surface_key(k): v for k, v in mapping.items()}


@dataclass
class LanguageTable:
    code: str
    name: str
    spec: TableSpec                       # the typed table (indicators, facts, examples are read from it)
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    words: dict[str, float] = field(default_factory=dict)
    weak_words: frozenset[str] = frozenset()
    weak_counts: tuple[str, ...] = ()   # numbers.weak_counts: stems of nouns a weak number word counts alone
    not_numbers: frozenset[str] = frozenset()
    not_number_stems: frozenset[str] = frozenset()      # `yarımada` (peninsula), not `yarım` + suffixes
    decimal_words: frozenset[str] = frozenset()
    share_words: dict[str, float] = field(default_factory=dict)
    negative_words: frozenset[str] = frozenset()
    not_share_after: frozenset[str] = frozenset()        # `the first half of 2025`: a part of a period
    share_in: frozenset[tuple[str, ...]] = frozenset()  # `one in five`, `3 out of 4`: a share
    list_words: frozenset[str] = frozenset()             # `5, 7 and 9 million`: words that join a list
    vague: frozenset[str] = frozenset()                  # `binlerce`, `сотни`, `thousands`: many, no figure
    below_zero: frozenset[tuple[str, ...]] = frozenset()  # `sıfırın altında`, `мороза`: a temperature below 0
    scales: dict[str, float] = field(default_factory=dict)
    connectors: frozenset[str] = frozenset()
    ratio_words: dict[str, float] = field(default_factory=dict)
    suffixes: frozenset[str] = frozenset()
    ablative: frozenset[str] = frozenset()
    max_suffix_len: int = 0
    units_after: dict[tuple[str, ...], str] = field(default_factory=dict)
    units_before: dict[tuple[str, ...], str] = field(default_factory=dict)
    counters: frozenset[str] = frozenset()
    not_rate_after: frozenset[str] = frozenset()   # `a year earlier`: a time, not a rate
    level_words: tuple[str, ...] = ()   # `вырос до 5%`: after a word of change, `до` names the level reached
    rates: dict[tuple[str, ...], str] = field(default_factory=dict)   # `günde`, `a day` -> "d"
    qualifiers_before: dict[tuple[str, ...], str] = field(default_factory=dict)
    qualifiers_after: dict[tuple[str, ...], str] = field(default_factory=dict)
    qualifiers_after_ablative: dict[tuple[str, ...], str] = field(default_factory=dict)
    qualifier_suffixes: dict[str, str] = field(default_factory=dict)
    range_words: frozenset[str] = frozenset()
    measure_range_words: frozenset[str] = frozenset()   # `30 to 35ºC`: joins a bare low end to a measured high end
    months: frozenset[str] = frozenset()
    year_words: frozenset[str] = frozenset()
    last_year: frozenset[tuple[str, ...]] = frozenset()
    next_year: frozenset[tuple[str, ...]] = frozenset()
    this_year: frozenset[tuple[str, ...]] = frozenset()
    target_before: frozenset[str] = frozenset()
    target_after: frozenset[str] = frozenset()
    target_suffixes: frozenset[str] = frozenset()
    comparison_words: frozenset[str] = frozenset()
    clock_before: frozenset[str] = frozenset()
    age_after: frozenset[str] = frozenset()   # `34-year-old`, `45 years old`: an age, no quantity
    dotted_clock_before: frozenset[str] = frozenset()   # `в 18.00`: words before a time written HH.MM
    id_before: frozenset[str] = frozenset()
    id_after: frozenset[str] = frozenset()
    ordinal_suffixes: frozenset[str] = frozenset()
    ordinal_words: frozenset[str] = frozenset()
    not_count_nouns: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    anaphora: frozenset[str] = frozenset()
    abbreviations: frozenset[str] = frozenset()
    glued_scales: dict[str, float] = field(default_factory=dict)
    money_glued_scales: dict[str, float] = field(default_factory=dict)   # numbers.money_glued_scales
    dotted_scales: dict[str, float] = field(default_factory=dict)      # numbers.dotted_scales
    scaled_currency: dict[tuple[str, ...], str] = field(default_factory=dict)   # units.scaled_currency
    # units.context_readings: unit surface -> (the other unit, the cue stems that call for it)
    context_readings: dict[tuple[str, ...], tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    prefix_fractions: dict[str, float] = field(default_factory=dict)   # `пол-` in `полгода`
    fraction_after: dict[tuple[str, ...], float] = field(default_factory=dict)    # `and a half`
    fraction_before: dict[tuple[str, ...], float] = field(default_factory=dict)   # `half a` (million)
    range_pairs: tuple[tuple[str, str], ...] = ()                      # (`от`, `до`), (`между`, `и`)
    anchor: re.Pattern = NOTHING
    starter: re.Pattern = NOTHING         # matches the normalised text of a token a mention may start at
    _split_memo: dict = field(default_factory=dict, repr=False)
    _derived: dict = field(default_factory=dict, repr=False)
    _memos: dict = field(default_factory=dict, repr=False)
    unit_first_words: frozenset[str] = frozenset()
    unit_before_first_words: frozenset[str] = frozenset()
    max_unit_words: int = 1
    # Generated lexicon surfaces (seeds/generated/) the language table lacks that match only so:
    glued_units: frozenset[str] = frozenset()                  # against the digits, in this case: `45g`, `1.0l`
    glued_keys: frozenset[tuple[str, ...]] = frozenset()       # their lookup keys
    capital_units: frozenset[tuple[str, ...]] = frozenset()    # in capitals: `AUD`, `RM`, `$A`
    generated_units: frozenset[tuple[str, ...]] = frozenset()  # every generated surface the table lacks
    # Table keys the passes test as they are written (not normalised).
    compound_words: bool = False                           # numbers.compound_words
    ordinal_dot: bool = False                              # numbers.ordinal_dot
    after_suffixed_number: bool = False                    # units.after_suffixed_number
    short_inflected: frozenset[str] = frozenset()          # units.short_inflected
    amount_connectors: frozenset[str] = frozenset()        # units.amount_connectors
    points: frozenset[tuple[str, ...]] = frozenset()       # units.points (keys of units.after)
    points_of: tuple[str, ...] = ()                        # units.points_of (stems, str.startswith)
    qualifier_skip: frozenset[str] = frozenset()           # qualifiers.skip
    comparison_before: frozenset[str] = frozenset()        # periods.comparison_before
    not_after: frozenset[str] = frozenset()                # not_quantities.not_after
    rate_basis: frozenset[str] = frozenset()               # not_quantities.rate_basis
    rate_basis_after: frozenset[str] = frozenset()         # not_quantities.rate_basis_after
    hyphen_ordinal: bool = False                           # not_quantities.hyphen_ordinal
    of_words: frozenset[str] = frozenset()                 # context.of_words
    clause_head: bool = False                              # context.clause_head

    def derived(self, name: str, build: Callable[[LanguageTable], Any]):
        """A lookup derived from this table's data by `build(table)`, built once and kept with it
        (context, facts and the engine keep theirs here instead of in module globals)."""
        value = self._derived.get(name)
        if value is None:
            value = self._derived[name] = build(self)
        return value

    def remember(self, name: str, key: Any, compute: Callable[[Any, LanguageTable], Any]):
        """`compute(key, table)`, remembered in this table's memo `name`: readings that depend on a
        folded word (or a few) only, asked again for every occurrence. Bounded: a memo is emptied
        when it passes MEMO_LIMIT entries."""
        memo = self.memo(name)     # typed: compiled, the look-ups are dict primitives
        value = memo.get(key, _MISSING)
        if value is _MISSING:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            value = memo[key] = compute(key, self)
        return value

    def memo(self, name: str) -> dict[Any, Any]:
        """remember()'s memo `name`, for a loop over a sentence's words that reads it directly."""
        memo: dict[Any, Any] | None = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = {}
        return memo

    # -- suffix-aware lookups ---------------------------------------------------------------------
    def split_suffix(self, word: str, lexicon: Collection[str]) -> tuple[str, str] | None:
        """(stem, suffix) when `word` is a `lexicon` entry followed by a chain of known suffixes."""
        if word in lexicon:
            return word, ""
        if not self.suffixes:
            return None
        # one memo per lexicon (kept with it, so its id is not reused): a word's hash is cached, a tuple's is not
        kept: tuple[Collection[str], dict[str, tuple[str, str] | None]] | None = self._split_memo.get(id(lexicon))
        if kept is None or kept[0] is not lexicon:
            kept = self._split_memo[id(lexicon)] = (lexicon, {})
        memo = kept[1]
        if word in memo:
            return memo[word]
        found = None
        for cut in range(len(word) - 1, max(0, len(word) - self.max_suffix_len * 3) - 1, -1):
            stem, rest = word[:cut], word[cut:]
            if stem in lexicon and self.is_suffix_chain(rest):
                found = stem, rest
                break
        if len(memo) >= MEMO_LIMIT:
            memo.clear()
        memo[word] = found
        return found

    def is_suffix_chain(self, rest: str) -> bool:
        rest = rest.lstrip(APOSTROPHES + "-")
        if not rest:
            return True
        return _chain(rest, self.suffixes, self.max_suffix_len)


@lru_cache(maxsize=4096)
def _chain_cached(rest: str, suffixes: frozenset[str], max_len: int) -> bool:
    if not rest:
        return True
    for n in range(min(max_len, len(rest)), 0, -1):
        if rest[:n] in suffixes and _chain_cached(rest[n:], suffixes, max_len):
            return True
    return False


def _chain(rest, suffixes, max_len):
    return _chain_cached(rest, suffixes, max_len)


def _set(values) -> frozenset[str]:
    return frozenset(norm(v) for v in values or ())


def _tuples(values) -> frozenset[tuple[str, ...]]:
    return frozenset(surface_key(v) for v in values or ())


def compile_table(spec: TableSpec) -> LanguageTable:
    num, suf, qual, per = spec.numbers, spec.suffixes, spec.qualifiers, spec.periods
    notq, ctx, units = spec.not_quantities, spec.context, spec.units
    suffixes = _set(suf.endings)
    t = LanguageTable(
        code=spec.language.code, name=spec.language.name, spec=spec,
        decimal=num.decimal, group=tuple(num.group),
        words={norm(k): float(v) for k, v in num.words.items()},
        weak_words=_set(num.weak_words), weak_counts=tuple(norm(w) for w in num.weak_counts), not_numbers=_set(num.not_numbers),
        not_number_stems=_set(num.not_number_stems),
        decimal_words=_set(num.decimal_words), negative_words=_set(num.negative_words),
        vague=_set(num.vague), list_words=_set(num.list_words), share_in=_tuples(num.share_in),
        not_share_after=_set(num.not_share_after), below_zero=_tuples(num.below_zero),
        share_words={norm(k): float(v) for k, v in num.share_words.items()},
        scales={norm(k): float(v) for k, v in num.scales.items()},
        connectors=_set(num.connectors),
        ratio_words={norm(k): float(v) for k, v in num.ratio_words.items()},
        glued_scales={k: float(v) for k, v in num.glued_scales.items()},
        money_glued_scales={k: float(v) for k, v in num.money_glued_scales.items()},
        dotted_scales={norm(k): float(v) for k, v in num.dotted_scales.items()},
        scaled_currency=_keys(units.scaled_currency),
        context_readings={surface_key(s): (r.unit, tuple(norm(c) for c in r.cues))
                          for r in units.context_readings for s in r.surfaces},
        prefix_fractions={norm(k): float(v) for k, v in num.prefix_fractions.items()},
        fraction_after={surface_key(k): float(v) for k, v in num.fraction_after.items()},
        fraction_before={surface_key(k): float(v) for k, v in num.fraction_before.items()},
        range_pairs=tuple((norm(a), norm(b)) for a, b in num.range_pairs),
        suffixes=suffixes, ablative=_set(suf.ablative),
        max_suffix_len=max((len(s) for s in suffixes), default=0),
        units_after=_keys(units.after), units_before=_keys(units.before),
        counters=_set(units.counters), rates=_keys(units.rates),
        not_rate_after=_set(units.not_rate_after),
        level_words=tuple(norm(w) for w in qual.level_words),
        qualifiers_before=_keys(qual.before), qualifiers_after=_keys(qual.after),
        qualifiers_after_ablative=_keys(qual.after_ablative),
        qualifier_suffixes={norm(k): v for k, v in qual.unit_suffixes.items()},
        range_words=_set(num.range_words),
        measure_range_words=_set(num.measure_range_words),
        months=_set(notq.months), year_words=_set(per.year_words),
        last_year=_tuples(per.last_year), this_year=_tuples(per.this_year),
        next_year=_tuples(per.next_year),
        target_before=_set(per.target_before), target_after=_set(per.target_after),
        target_suffixes=_set(per.target_suffixes),
        comparison_words=_set(per.comparison_words),
        clock_before=_set(notq.clock_before), dotted_clock_before=_set(notq.dotted_clock_before),
        age_after=_set(notq.age_after), id_before=_set(notq.id_before),
        id_after=_set(notq.id_after), ordinal_suffixes=_set(notq.ordinal_suffixes),
        ordinal_words=_set(notq.ordinal_words), not_count_nouns=_set(notq.not_count_nouns),
        stopwords=_set(ctx.stopwords), anaphora=_set(ctx.anaphora),
        abbreviations=_set(spec.sentences.abbreviations),
        compound_words=num.compound_words, ordinal_dot=num.ordinal_dot,
        after_suffixed_number=units.after_suffixed_number, short_inflected=frozenset(units.short_inflected),
        amount_connectors=frozenset(units.amount_connectors), qualifier_skip=frozenset(qual.skip),
        points=_tuples(units.points), points_of=tuple(norm(w) for w in units.points_of),
        comparison_before=frozenset(per.comparison_before), not_after=frozenset(notq.not_after), rate_basis=_set(notq.rate_basis),
        rate_basis_after=_set(notq.rate_basis_after),
        hyphen_ordinal=notq.hyphen_ordinal, of_words=frozenset(ctx.of_words), clause_head=ctx.clause_head,
    )
    _add_generated_units(t)
    t.anchor = _anchor_pattern(t)
    t.unit_first_words = frozenset(k[0] for k in t.units_after if k)
    t.unit_before_first_words = frozenset(k[0] for k in t.units_before if k)
    t.max_unit_words = max((len(k) for k in t.units_after), default=1)
    t.starter = _starter_pattern(t)
    return t


def _add_generated_units(t: LanguageTable) -> None:
    """The generated lexicon's currency and unit names under the language table's own: the table wins
    where both have a surface. A generated surface written in capitals matches capitals only; a glued
    one (one letter) only against the digits."""
    after: dict[tuple[str, ...], str] = {}
    before: dict[tuple[str, ...], str] = {}
    glued, capitals = set(), set()
    for name in generated_names(t.code):
        key = surface_key(name.surface)
        own = t.units_before if name.position == "before" else t.units_after
        if not key or key in own:
            continue
        (before if name.position == "before" else after).setdefault(key, name.code)
        if name.position == "glued":
            glued.add(name.surface)
        if len(name.surface) > 1 and name.surface.isupper():
            capitals.add(key)
    t.units_after = {**after, **t.units_after}
    t.units_before = {**before, **t.units_before}
    t.glued_units, t.capital_units = frozenset(glued), frozenset(capitals)
    t.generated_units = frozenset(after) | frozenset(before)
    t.glued_keys = frozenset(surface_key(g) for g in glued)


def _anchor_pattern(t: LanguageTable) -> re.Pattern:
    """Where a quantity can start, searched in the normalised text: a digit, a symbol unit, or a
    number/ratio/scale word (as a word prefix). Words form a trie so the search stays linear."""
    words = set(t.words) | set(t.ratio_words) | set(t.scales) | set(t.share_words)
    words |= set(t.prefix_fractions)
    words |= {k[0] for k in _own_units_before(t) if k and k[0].isalpha()}
    symbols = "".join(re.escape(k[0]) for k in t.units_before if len(k[0]) == 1 and not k[0].isalnum())
    parts = [r"\d"]
    if symbols:
        parts.append(f"[{symbols}]")
    if words:
        parts.append(rf"(?<!\w){trie_regex(words)}")
    return re.compile("|".join(parts))


def _starter_pattern(t: LanguageTable) -> re.Pattern:
    """Tokens worth trying a mention at: digits, signs, unit symbols and words, number, scale, ratio,
    decimal and negative words (as prefixes, so inflected forms pass; the reader decides)."""
    words = set(t.words) | set(t.ratio_words) | set(t.scales) | set(t.negative_words)
    words |= set(t.share_words)
    words |= set(t.prefix_fractions)
    words |= {k[0] for k in _own_units_before(t)}
    generated = {k[0] for k in t.units_before} - words
    exact = rf"|(?:{trie_regex(generated)})$" if generated else ""   # `a` of `A$`: the word, not every word it begins
    return re.compile(rf"\d|[-−]|{trie_regex(words)}{exact}" if words else rf"\d|[-−]{exact}")


def _own_units_before(t: LanguageTable) -> list[tuple[str, ...]]:
    """The language table's own units before a figure. The generated ones need a number after them,
    which the anchor finds anyway; as word prefixes their letters (`a` of `A$`) would anchor every
    sentence."""
    return [k for k in t.units_before if k not in t.generated_units]


def trie_regex(words) -> str:
    """One regular expression for many words, sharing their prefixes (`bir|bin|beş` -> `b(?:i[rn]|eş)`)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_to_regex(trie)


def _trie_to_regex(node: dict) -> str:
    ends = "" in node
    branches = [re.escape(ch) + _trie_to_regex(child) for ch, child in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return f"(?:{body})?"
    return body


@lru_cache(maxsize=None)
def load_table(code: str) -> LanguageTable:
    """The compiled table of `code` (KeyError when no table has that code)."""
    path = table_paths().get(code)
    if path is None:
        raise KeyError(f"no language table for {code!r} (have: {', '.join(available_languages())})")
    return compile_table(table_spec(path))
