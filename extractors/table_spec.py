"""The declared schema of a language table (extractors/languages/<code>.toml): one data class per
section, one annotated field per key, checked when a table is read.

`read_spec(path)` turns the TOML into a `TableSpec` or raises `TableError` naming the file and the
key: an unknown key (with the closest known one), a value of the wrong type, a missing required key.
`tables.compile_table` builds the engine's lookups from the typed fields; nothing reads the TOML
dictionaries themselves.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class TableError(ValueError):
    """A language table that does not follow the schema: the message names the file and the key."""


def _strings() -> list[str]:
    return []


@dataclass
class LanguageSection:
    code: str                      # ISO 639-1, the file's name without .toml
    name: str                      # English name (dim_language.name)
    native_name: str               # the language's own name (dim_language.native_name)
    distinctive_letters: str = ""  # letters only this language uses: they outvote py3langid (Kazakh in Latin)


@dataclass
class NumbersSection:
    decimal: str = "."
    group: list[str] = field(default_factory=lambda: [","])
    words: dict[str, float] = field(default_factory=dict)          # number words -> value
    weak_words: list[str] = field(default_factory=_strings)        # number words that need a unit or scale
    weak_counts: list[str] = field(default_factory=_strings)       # `бір күміс медаль`: noun stems a weak word counts alone
    not_numbers: list[str] = field(default_factory=_strings)
    not_number_stems: list[str] = field(default_factory=_strings)  # `yarımada`: a word that begins with a number word, read through suffixes
    decimal_words: list[str] = field(default_factory=_strings)     # `virgül`, `целых`: a spelled decimal point
    negative_words: list[str] = field(default_factory=_strings)
    vague: list[str] = field(default_factory=_strings)             # `binlerce`, `сотни`: many, no figure
    list_words: list[str] = field(default_factory=_strings)        # `5, 7 and 9 million`
    share_in: list[str] = field(default_factory=_strings)          # `one in five`
    not_share_after: list[str] = field(default_factory=_strings)   # `the first half`
    below_zero: list[str] = field(default_factory=_strings)        # `sıfırın altında`, `мороза`
    share_words: dict[str, float] = field(default_factory=dict)    # `yarısı`, `half` -> 50 (%)
    scales: dict[str, float] = field(default_factory=dict)         # `milyon` -> 1e6
    connectors: list[str] = field(default_factory=_strings)        # `and` in `two hundred and five`
    ratio_words: dict[str, float] = field(default_factory=dict)    # `twice`, `вдвое`
    glued_scales: dict[str, float] = field(default_factory=dict)   # `5mln`, `3bn`
    money_glued_scales: dict[str, float] = field(default_factory=dict)   # `AUD1.5m`: glued scales only after money
    dotted_scales: dict[str, float] = field(default_factory=dict)  # Turkish `5 mil. dolar`: a scale with a dot only
    prefix_fractions: dict[str, float] = field(default_factory=dict)   # `пол-` in `полгода`
    fraction_after: dict[str, float] = field(default_factory=dict)     # `eight and a half`: added to the number before
    fraction_before: dict[str, float] = field(default_factory=dict)    # `half a million`: a fraction of the scale after
    range_pairs: list[list[str]] = field(default_factory=list)     # [`от`, `до`], [`between`, `and`]
    range_words: list[str] = field(default_factory=_strings)       # words between the ends of a range
    measure_range_words: list[str] = field(default_factory=_strings)   # `30 to 35ºC`: a range only when the high end is measured
    compound_words: bool = False   # number words written together (`otuzüç`)
    ordinal_dot: bool = False      # `2. Zirve`: a dot after digits makes an ordinal


@dataclass
class SuffixesSection:
    endings: list[str] = field(default_factory=_strings)   # atoms; the engine reads any chain of them
    ablative: list[str] = field(default_factory=_strings)  # `-dan`, `-dən`: `from` in ranges and qualifiers


@dataclass
class ContextReading:
    """A unit surface read as another unit when a cue stands in the sentence: Russian `фунт` is the
    pound sterling, but a pound of weight beside `весит` or `мяса` (stems of four letters or more
    begin a word; shorter ones are the word, with the table's suffixes)."""
    surfaces: list[str]
    unit: str
    cues: list[str]


@dataclass
class UnitsSection:
    after: dict[str, str] = field(default_factory=dict)    # surface after the number -> unit code
    before: dict[str, str] = field(default_factory=dict)   # surface before the number (`$`, `USD`)
    rates: dict[str, str] = field(default_factory=dict)    # `günde`, `a day` -> "d"
    counters: list[str] = field(default_factory=_strings)  # Uzbek `ta`: part of the number
    not_rate_after: list[str] = field(default_factory=_strings)     # `a year earlier`
    short_inflected: list[str] = field(default_factory=_strings)    # units under 3 letters read with suffixes
    amount_connectors: list[str] = field(default_factory=_strings)  # `5 manat 20 qəpik` joined by these
    after_suffixed_number: bool = False   # a unit may follow a number that carries a suffix
    scaled_currency: dict[str, str] = field(default_factory=dict)   # `5 million pounds`: money after a scale
    context_readings: list[ContextReading] = field(default_factory=list)   # `фунт`: GBP, but lb beside `весит`


@dataclass
class QualifiersSection:
    before: dict[str, str] = field(default_factory=dict)          # `about` -> approximately
    after: dict[str, str] = field(default_factory=dict)           # `aşkın` -> more_than
    after_ablative: dict[str, str] = field(default_factory=dict)  # after an ablative ending: `-dən çox`
    unit_suffixes: dict[str, str] = field(default_factory=dict)   # case endings: `-dək` -> at_most
    level_words: list[str] = field(default_factory=_strings)      # `вырос до 5%`: `до` names the level
    skip: list[str] = field(default_factory=_strings)             # words between a qualifier and the number


@dataclass
class PeriodsSection:
    year_words: list[str] = field(default_factory=_strings)
    last_year: list[str] = field(default_factory=_strings)
    this_year: list[str] = field(default_factory=_strings)
    next_year: list[str] = field(default_factory=_strings)
    target_before: list[str] = field(default_factory=_strings)    # `by 2030`
    target_after: list[str] = field(default_factory=_strings)
    target_suffixes: list[str] = field(default_factory=_strings)  # `2030-cu ilədək`
    comparison_words: list[str] = field(default_factory=_strings)   # `müqayisədə`: the year is a base
    comparison_before: list[str] = field(default_factory=_strings)  # `since 2020`, `чем в 2023`


@dataclass
class NotQuantitiesSection:
    months: list[str] = field(default_factory=_strings)
    clock_before: list[str] = field(default_factory=_strings)
    dotted_clock_before: list[str] = field(default_factory=_strings)   # `в 18.00`
    age_after: list[str] = field(default_factory=_strings)             # `34-year-old`
    id_before: list[str] = field(default_factory=_strings)             # `No. 123`
    id_after: list[str] = field(default_factory=_strings)              # `7456 sayılı`
    ordinal_suffixes: list[str] = field(default_factory=_strings)
    ordinal_words: list[str] = field(default_factory=_strings)
    not_count_nouns: list[str] = field(default_factory=_strings)
    not_after: list[str] = field(default_factory=_strings)             # a number after these is none
    rate_basis: list[str] = field(default_factory=_strings)            # `per`, `на`, `har`: before the round basis of a rate
    rate_basis_after: list[str] = field(default_factory=_strings)      # `yüz binde 12`, `100 мың тұрғынға 12`: after the round basis
    hyphen_ordinal: bool = False   # Uzbek `2-o‘rin`: digits, hyphen and word make an ordinal


@dataclass
class ContextSection:
    stopwords: list[str] = field(default_factory=_strings)
    anaphora: list[str] = field(default_factory=_strings)   # `Bu,`, `This`: the previous sentence's subject
    of_words: list[str] = field(default_factory=_strings)   # `of` in `half of the budget`
    clause_head: bool = False   # the clause's head noun joins `quantified`


@dataclass
class SentencesSection:
    abbreviations: list[str] = field(default_factory=_strings)   # a full stop after these ends no sentence


@dataclass
class FactsSection:
    endings: list[str] | None = None   # endings for names; absent: the table's suffixes
    drop_final: list[str] = field(default_factory=_strings)
    conjunctions: list[str] = field(default_factory=_strings)
    range_words: list[str] = field(default_factory=_strings)
    commodities: dict[str, str] = field(default_factory=dict)
    months: list[list[str]] = field(default_factory=list)          # twelve lists of stems
    halves: dict[str, list[str]] = field(default_factory=dict)     # "1", "2" -> phrases
    quarters: dict[str, list[str]] = field(default_factory=dict)   # "1".."4" -> phrases
    bilateral: list[str] = field(default_factory=_strings)
    cumulative: dict[str, list[str]] = field(default_factory=dict)  # "9" -> `first nine months`: January to September
    year_before: list[str] = field(default_factory=_strings)   # `a year earlier`: the year before the sentence's period
    excluding: list[str] = field(default_factory=_strings)     # `bypassing`, `except`: the entity next to it is not the subject
    forecast: list[str] = field(default_factory=_strings)      # `expects`, `plans`: a forecast or target (period_is_target)
    share: list[str] = field(default_factory=_strings)         # `share`: a percentage near it takes the `*_share` indicator
    persons: list[str] = field(default_factory=_strings)       # `people`: a count of them measures a word of its clause


@dataclass
class Example:
    """One sentence with its one expected quantity (tests/test_table_examples.py runs them)."""
    text: str
    value: float | None = None
    unit: str | None = None
    qualifier: str | None = None
    value_max: float | None = None
    period: str | None = None
    context: str | None = None
    dimension: str | None = None
    expect_none: bool = False

    def expected(self) -> dict[str, Any]:
        """The keys the example states, as the case runner reads them."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self)
                if f.name not in ("text", "expect_none") and getattr(self, f.name) is not None}


@dataclass
class TableSpec:
    language: LanguageSection
    numbers: NumbersSection = field(default_factory=NumbersSection)
    suffixes: SuffixesSection = field(default_factory=SuffixesSection)
    units: UnitsSection = field(default_factory=UnitsSection)
    qualifiers: QualifiersSection = field(default_factory=QualifiersSection)
    periods: PeriodsSection = field(default_factory=PeriodsSection)
    not_quantities: NotQuantitiesSection = field(default_factory=NotQuantitiesSection)
    context: ContextSection = field(default_factory=ContextSection)
    sentences: SentencesSection = field(default_factory=SentencesSection)
    indicators: dict[str, list[str]] = field(default_factory=dict)   # phrase -> indicator ids
    facts: FactsSection = field(default_factory=FactsSection)
    examples: list[Example] = field(default_factory=list)


def read_spec(path: Path) -> TableSpec:
    """The table in `path`, checked against the schema; its `[language] code` must be the file's name."""
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise TableError(f"{path}: not valid TOML: {exc}") from None
    spec = _section(TableSpec, data, "", path)
    if spec.language.code != path.stem:
        raise TableError(f"{path}: language.code: {spec.language.code!r} differs from the file name {path.stem!r}")
    return spec


@functools.cache
def _keys(cls: Any) -> tuple[dict[str, Any], frozenset[str]]:
    """The section's keys with their annotations, and the required ones (no default)."""
    hints = typing.get_type_hints(cls)
    required = frozenset(f.name for f in dataclasses.fields(cls)
                         if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
    return {f.name: hints[f.name] for f in dataclasses.fields(cls)}, required


@functools.cache
def _shape(hint: Any) -> tuple[Any, tuple[Any, ...]]:
    """(origin, arguments) of an annotation; `X | None` is X, since TOML has no null."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType or origin is typing.Union:
        return _shape(next(a for a in args if a is not type(None)))
    if dataclasses.is_dataclass(hint):
        return dataclasses.dataclass, (hint,)
    return (origin, args) if origin else (hint, ())


def _section(cls: Any, data: dict, where: str, path: Path) -> Any:
    known, required = _keys(cls)
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, list(known), n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else f" (known keys: {', '.join(known)})"
            raise TableError(f"{path}: {where}{key}: unknown key{hint}")
    for name in known:
        if name in required and name not in data:
            raise TableError(f"{path}: {where}{name}: missing required key")
    return cls(**{k: _value(v, known[k], f"{where}{k}", path) for k, v in data.items()})


def _value(value: Any, hint: Any, where: str, path: Path) -> Any:
    """`value` checked against the annotation `hint`; sections become their data classes."""
    origin, args = _shape(hint)
    if origin is str and type(value) is str:   # most values: the fast way
        return value
    if origin is dataclasses.dataclass:
        if not isinstance(value, dict):
            raise _wrong(value, "a table", where, path)
        return _section(args[0], value, where + ".", path)
    if origin is list:
        if not isinstance(value, list):
            raise _wrong(value, "a list", where, path)
        if args[0] is str and all(type(v) is str for v in value):
            return value
        return [_value(v, args[0], f"{where}[{i}]", path) for i, v in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise _wrong(value, "a table", where, path)
        if args[1] is str and all(type(v) is str for v in value.values()):
            return value
        return {k: _value(v, args[1], f"{where}.{k}", path) for k, v in value.items()}
    ok = isinstance(value, (int, float)) if origin is float else isinstance(value, origin)
    if not ok or (isinstance(value, bool) and origin is not bool):
        raise _wrong(value, _name(origin), where, path)
    return value


def _wrong(value: Any, expected: str, where: str, path: Path) -> TableError:
    return TableError(f"{path}: {where}: expected {expected}, got {type(value).__name__} {value!r}"[:300])


def _name(hint: Any) -> str:
    return {str: "a string", float: "a number", int: "an integer", bool: "true or false"}.get(hint, str(hint))
