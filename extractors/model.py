"""The one data class that leaves the extraction stage: a quantity mentioned in an article.

Plain and frozen, so it crosses process boundaries (worker pools) and is defined once for the
extractor, the loader and the JSONL output alike. Field names are the columns of `v_quantities`.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

DIMENSIONS = (
    "length", "mass", "currency", "percentage", "duration", "count", "volume", "area",
    "power", "energy", "speed", "temperature", "ratio", "data", "data_rate", "pressure", "magnitude",
)
QUALIFIERS = ("approximately", "more_than", "less_than", "at_least", "at_most")


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int                      # character offset into the decoded article text
    end: int                        # exclusive; text == article[start:end]
    text: str                       # surface form: number, scale, unit (and an adjacent qualifier word)
    value: float                    # in `unit`, scale words applied (63 milyon ton -> 63e6)
    unit: str                       # unit code from seeds/units.csv ("km", "t", "USD", "percent", "count")
    dimension: str                  # one of DIMENSIONS
    lang: str                       # ISO 639-1 code of the language table that read it
    sentence: str                   # the sentence the quantity stands in
    value_max: float | None = None  # upper bound of a range (15-18 days -> value 15, value_max 18)
    base_value: float | None = None  # value converted to base_unit (pint); currencies stay as they are
    base_unit: str | None = None
    qualifier: str | None = None    # one of QUALIFIERS or None
    quantified: str | None = None   # what is counted or measured ("anlaşma", "Kazak petrolü")
    subject: str | None = None      # the entity the figure is about ("CPC", "Orta Dəhliz")
    period: str | None = None       # reference period label ("2024", "2025-01/2025-07")
    extractor: str = "rules"        # rule and version that produced it
    # Facts across articles (filled by the context stage where it can; None otherwise).
    indicator: str | None = None
    entities: tuple[str, ...] = field(default_factory=tuple)
    period_start: str | None = None  # ISO date
    period_end: str | None = None    # ISO date
    period_is_target: bool = False
    fact: str | None = None
    subject_entity: str | None = None   # entity id of `subject` (not a currency's country, not an excluded one)
    period_source: str | None = None    # "sentence" (stated there) or "article" (the article's dominant period)

    def to_dict(self) -> dict:
        # every field is a plain value, so a shallow copy is what dataclasses.asdict (which deep-copies
        # each one) gives, at a fraction of the cost: `warehouse extract` calls this for every quantity
        data = {name: getattr(self, name) for name in QUANTITY_FIELD_NAMES}
        data["entities"] = list(self.entities)
        return data


QUANTITY_FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(Quantity))


def quantity_of(values: dict[str, Any]) -> Quantity:
    """`Quantity(**values)` for a dict naming every field, without the frozen dataclass's generated
    `__init__`: that runs as plain Python even in the compiled engine, and cost more than any pass of
    the engine per quantity."""
    q = Quantity.__new__(Quantity)
    for name in QUANTITY_FIELD_NAMES:
        object.__setattr__(q, name, values[name])
    return q
