"""Tokens: the one tokenizer the engine and the tables share, so table surfaces match text tokens."""
from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

# digits (with inner separators), words (letters only; apostrophes and hyphens are their own tokens),
# or any other single non-space character
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’ʼ‘`´ʻ][^\W\d_]+)*|\S")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str      # normalised for lookups

    @property
    def is_num(self) -> bool:
        return self.text[0].isdigit()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalpha()


# every apostrophe shape (Turkish suffixes, Uzbek o‘ and g‘) reads as one
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ‘`´ʻ"})


def norm(s: str) -> str:
    """Case-fold for lookups. Turkish dotted/dotless I kept apart is not worth the misses: İ->i, I->i."""
    s = unicodedata.normalize("NFC", s).translate(_APOSTROPHES)
    return s.replace("İ", "i").replace("I", "i").lower().replace("i̇", "i")


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [Token(m.start() + offset, m.end() + offset, m.group(), norm(m.group()))
            for m in TOKEN.finditer(text)]


def surface_key(surface: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(surface))
