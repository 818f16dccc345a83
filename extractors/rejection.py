"""Why a number read in a sentence is not a quantity: one enumeration for every pass that rejects.

A rejected mention stays in its sentence's list (it still bounds ranges, lists and shares around
it) but yields no quantity. The values say what the reason means; nothing outside the engine
reads them.
"""
from __future__ import annotations

from enum import Enum


class Rejection(Enum):
    """The reason in `Mention.rejected` (engine.py). A plain Enum: its members are always true, so
    `if m.rejected` reads as before, and compiled (mypyc) a member costs no more than a string."""
    YEAR = "a year: kept aside (Mention.is_year) as the period of the sentence's figures"
    DATE = "a day of a month (`5 Ekim`, `Oct. 30`)"
    CLOCK_TIME = "a clock time (`14:30`, `в 18.00`, `07.45'te`)"
    ORDINAL = "an ordinal (`2. Zirve`, `5th`, `yirmi üçüncü`, `2-o'rin`)"
    AFTER_NOT_QUANTITY_WORD = "after a word that no quantity follows (table key not_quantities.not_after)"
    IDENTIFIER = "an identifier: a code, a model, a law or article number (`F-16`, `No. 123`, `5G`, `7456 sayılı`)"
    DIGIT_RUN = "digit groups apart, as a phone number or a code is written (`8 701 555 12 34`)"
    PHONE_NUMBER = "a phone number (`8 (7292) 30-40-50`)"
    AGE = "an age (`a 34-year-old man`)"
    VAGUE = "a word for many, no figure (`сотни тысяч`, `on binlerce`)"
    ZERO_OF_BELOW_ZERO = "the zero of `below zero` (`sıfırın altında 2 derece`)"
    WEAK_NUMBER_WORD = "a weak number word with no unit (`one`, `bir`: articles and pronouns more often)"
    SCORE_OR_ID = "n-m with n >= m: a score or an id (`2-0`, `30-15`)"
    APPOSITIVE = "a bare number between commas or brackets, or after a comma at a sentence's end: an age, a reference or a house number (`Tokayev, 72, signed`, `Абай даңғылы, 52.`)"
    NAME_NUMBER = "the number of a name (`Hall 2`, `Terminal 3`, `12 Kabanbay Batyr Avenue`, `112 Acil Çağrı Merkezi'ne`)"
    COMPOUND_WORD_PART = "part of a compound word (`two-thirds`, `three-way`)"
    WHOLE_OF_SHARE = "the whole of a share (the `five` of `one in five`)"
    PRICE_BASIS = "the unit a price is quoted for (`bir litri 1,1 manat`)"
    RATE_BASIS = "the population a rate is given for (`45 cases per 100,000 people`, `har 10 ming aholiga`)"
