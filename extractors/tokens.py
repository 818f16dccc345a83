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
        return self.text[0].isdecimal()   # not `²`, `①`: isdigit() is true for them but float() fails

    @property
    def is_alnum(self) -> bool:
        return self.text[0].isalnum()

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
    low = _norm_same_length(text)
    if low is None:
        return [Token(m.start() + offset, m.end() + offset, m.group(), norm(m.group()))
                for m in TOKEN.finditer(text)]
    return [Token(a + offset, b + offset, text[a:b], low[a:b])
            for a, b in (m.span() for m in TOKEN.finditer(text))]


def normalized(text: str) -> str:
    """The text as `norm` folds it, offsets kept where they can be (for searching, not slicing)."""
    return _norm_same_length(text) or norm(text)


def _norm_same_length(text: str) -> str | None:
    """`norm` of a whole text at once when it keeps every offset (NFC text, as news almost always is)."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    low = text.translate(_APOSTROPHES).replace("İ", "i").replace("I", "i").lower()
    return low if len(low) == len(text) else None


def surface_key(surface: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(surface))
