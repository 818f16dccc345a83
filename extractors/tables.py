"""Language tables: one TOML file per language in extractors/languages/, compiled once per process.

A table is pure data (numbers, suffixes, units, qualifiers, periods, not-quantities, context words);
`LanguageTable` turns it into the lookups and regular expressions the engine needs. Adding a language
means adding a TOML file: nothing here names a language.
"""
from __future__ import annotations

import re
import tomllib
from typing import Any, Callable, Collection
from dataclasses import dataclass, field
from functools import lru_cache

from extractors.resources import languages_dir
from extractors.tokens import norm, surface_key

LANG_DIR = languages_dir()
APOSTROPHES = "'"
MEMO_LIMIT = 100_000
_MISSING = object()
NOTHING = re.compile(r"(?!)")   # the anchor and starter patterns until compile_table sets them


def available_languages() -> list[str]:
    return sorted(p.stem for p in LANG_DIR.glob("*.toml"))


def _keys(mapping: dict) -> dict[tuple[str, ...], Any]:
    """Surface strings (possibly several words) -> token-tuple keys, normalised like the text."""
    return {surface_key(k): v for k, v in mapping.items()}


@dataclass
class LanguageTable:
    code: str
    name: str
    raw: dict
    decimal: str = "."
    group: tuple[str, ...] = (",",)
    words: dict[str, float] = field(default_factory=dict)
    weak_words: frozenset[str] = frozenset()
    not_numbers: frozenset[str] = frozenset()
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
    prefix_fractions: dict[str, float] = field(default_factory=dict)   # `пол-` in `полгода`
    range_pairs: tuple[tuple[str, str], ...] = ()                      # (`от`, `до`), (`между`, `и`)
    anchor: re.Pattern = NOTHING
    starter: re.Pattern = NOTHING         # matches the normalised text of a token a mention may start at
    _split_memo: dict = field(default_factory=dict, repr=False)
    _derived: dict = field(default_factory=dict, repr=False)
    _memos: dict = field(default_factory=dict, repr=False)
    unit_first_words: frozenset[str] = frozenset()
    unit_before_first_words: frozenset[str] = frozenset()
    max_unit_words: int = 1

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
        memo = self._memos.get(name)
        if memo is None:
            memo = self._memos[name] = {}
        value = memo.get(key, _MISSING)
        if value is _MISSING:
            if len(memo) >= MEMO_LIMIT:
                memo.clear()
            value = memo[key] = compute(key, self)
        return value

    # -- suffix-aware lookups ---------------------------------------------------------------------
    def split_suffix(self, word: str, lexicon: Collection[str]) -> tuple[str, str] | None:
        """(stem, suffix) when `word` is a `lexicon` entry followed by a chain of known suffixes."""
        if word in lexicon:
            return word, ""
        if not self.suffixes:
            return None
        key = (id(lexicon), word)
        hit = self._split_memo.get(key)
        if hit is not None and hit[0] is lexicon:   # the lexicon itself is kept, so its id is not reused
            return hit[1]
        found = None
        for cut in range(len(word) - 1, max(0, len(word) - self.max_suffix_len * 3) - 1, -1):
            stem, rest = word[:cut], word[cut:]
            if stem in lexicon and self.is_suffix_chain(rest):
                found = stem, rest
                break
        if len(self._split_memo) > 200_000:
            self._split_memo.clear()
        self._split_memo[key] = (lexicon, found)
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


def compile_table(raw: dict) -> LanguageTable:
    lang = raw["language"]
    num = raw.get("numbers", {})
    suf = raw.get("suffixes", {})
    qual = raw.get("qualifiers", {})
    per = raw.get("periods", {})
    notq = raw.get("not_quantities", {})
    ctx = raw.get("context", {})
    units = raw.get("units", {})
    suffixes = _set(suf.get("endings"))
    t = LanguageTable(
        code=lang["code"], name=lang["name"], raw=raw,
        decimal=num.get("decimal", "."), group=tuple(num.get("group", [","])),
        words={norm(k): float(v) for k, v in num.get("words", {}).items()},
        weak_words=_set(num.get("weak_words")), not_numbers=_set(num.get("not_numbers")),
        decimal_words=_set(num.get("decimal_words")), negative_words=_set(num.get("negative_words")),
        vague=_set(num.get("vague")), list_words=_set(num.get("list_words")), share_in=_tuples(num.get("share_in")),
        not_share_after=_set(num.get("not_share_after")), below_zero=_tuples(num.get("below_zero")),
        share_words={norm(k): float(v) for k, v in num.get("share_words", {}).items()},
        scales={norm(k): float(v) for k, v in num.get("scales", {}).items()},
        connectors=_set(num.get("connectors")),
        ratio_words={norm(k): float(v) for k, v in num.get("ratio_words", {}).items()},
        glued_scales={k: float(v) for k, v in num.get("glued_scales", {}).items()},
        prefix_fractions={norm(k): float(v) for k, v in num.get("prefix_fractions", {}).items()},
        range_pairs=tuple((norm(a), norm(b)) for a, b in num.get("range_pairs", [])),
        suffixes=suffixes, ablative=_set(suf.get("ablative")),
        max_suffix_len=max((len(s) for s in suffixes), default=0),
        units_after=_keys(units.get("after", {})), units_before=_keys(units.get("before", {})),
        counters=_set(units.get("counters")), rates=_keys(units.get("rates", {})),
        not_rate_after=_set(units.get("not_rate_after")),
        level_words=tuple(norm(w) for w in qual.get("level_words", ())),
        qualifiers_before=_keys(qual.get("before", {})), qualifiers_after=_keys(qual.get("after", {})),
        qualifiers_after_ablative=_keys(qual.get("after_ablative", {})),
        qualifier_suffixes={norm(k): v for k, v in qual.get("unit_suffixes", {}).items()},
        range_words=_set(num.get("range_words")),
        months=_set(notq.get("months")), year_words=_set(per.get("year_words")),
        last_year=_tuples(per.get("last_year")), this_year=_tuples(per.get("this_year")),
        next_year=_tuples(per.get("next_year")),
        target_before=_set(per.get("target_before")), target_after=_set(per.get("target_after")),
        target_suffixes=_set(per.get("target_suffixes")),
        comparison_words=_set(per.get("comparison_words")),
        clock_before=_set(notq.get("clock_before")), dotted_clock_before=_set(notq.get("dotted_clock_before")),
        age_after=_set(notq.get("age_after")), id_before=_set(notq.get("id_before")),
        id_after=_set(notq.get("id_after")), ordinal_suffixes=_set(notq.get("ordinal_suffixes")),
        ordinal_words=_set(notq.get("ordinal_words")), not_count_nouns=_set(notq.get("not_count_nouns")),
        stopwords=_set(ctx.get("stopwords")), anaphora=_set(ctx.get("anaphora")),
        abbreviations=_set(raw.get("sentences", {}).get("abbreviations")),
    )
    t.anchor = _anchor_pattern(t)
    t.unit_first_words = frozenset(k[0] for k in t.units_after if k)
    t.unit_before_first_words = frozenset(k[0] for k in t.units_before if k)
    t.max_unit_words = max((len(k) for k in t.units_after), default=1)
    t.starter = _starter_pattern(t)
    return t


def _anchor_pattern(t: LanguageTable) -> re.Pattern:
    """Where a quantity can start, searched in the normalised text: a digit, a symbol unit, or a
    number/ratio/scale word (as a word prefix). Words form a trie so the search stays linear."""
    words = set(t.words) | set(t.ratio_words) | set(t.scales) | set(t.share_words)
    words |= set(t.prefix_fractions)
    words |= {k[0] for k in t.units_before if k and k[0].isalpha()}
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
    words |= {k[0] for k in t.units_before}
    return re.compile(rf"\d|[-−]|{trie_regex(words)}" if words else r"\d|[-−]")


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
    path = LANG_DIR / f"{code}.toml"
    if not path.exists():
        raise KeyError(f"no language table for {code!r} (have: {', '.join(available_languages())})")
    with path.open("rb") as fh:
        return compile_table(tomllib.load(fh))
