"""Tokens: the one tokenizer the engine and the tables share, so table surfaces match text tokens."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, NamedTuple

# digits (with inner separators), words (letters only; apostrophes and hyphens are their own tokens),
# or any other single non-space character
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W\d_]+(?:['’ʼ‘`´ʻ][^\W\d_]+)*|\S")


class Token(NamedTuple):
    start: int
    end: int
    text: str
    low: str        # normalised for lookups
    is_num: bool    # decimal digits (not `²`, `①`: isdigit() is true for them but float() fails)
    is_word: bool   # letters

    @property
    def is_alnum(self) -> bool:
        return self.text[0].isalnum()


# The text between two tokens of a sentence (`text[a.end:b.start]`), as the engine reads gaps.
Gap = Callable[[Token, Token], str]


def make_token(start: int, end: int, text: str, low: str) -> Token:
    first = text[0]
    return Token(start, end, text, low, first.isdecimal(), first.isalpha())


# every apostrophe shape (Turkish suffixes, Uzbek o‘ and g‘) reads as one
_APOSTROPHES = str.maketrans({c: "'" for c in "’ʼ‘`´ʻ"})
_APOSTROPHE_SHAPES = "’ʼ‘`´ʻ"


def norm(s: str) -> str:
    """Case-fold for lookups. Turkish dotted/dotless I kept apart is not worth the misses: İ->i, I->i."""
    s = unicodedata.normalize("NFC", s).translate(_APOSTROPHES)
    return s.replace("İ", "i").replace("I", "i").lower().replace("i̇", "i")


def tokenize(text: str, offset: int = 0, low: str | None = None) -> list[Token]:
    """Tokens of `text` (offsets shifted by `offset`); `low` is its `normalized` form when known."""
    if low is None or len(low) != len(text):
        low = _norm_same_length(text)
    new = tuple.__new__     # the NamedTuple constructor is a Python function: too slow per token
    out: list[Token] = []
    append = out.append
    for m in TOKEN.finditer(text):
        a, b = m.span()
        t = text[a:b]
        append(new(Token, (a + offset, b + offset, t, norm(t) if low is None else low[a:b],
                           t[0].isdecimal(), t[0].isalpha())))
    return out


def normalized(text: str) -> str:
    """The text as `norm` folds it, offsets kept where they can be (for searching, not slicing)."""
    return _norm_same_length(text) or norm(text)


def _norm_same_length(text: str) -> str | None:
    """`norm` of a whole text at once when it keeps every offset (NFC text, as news almost always is)."""
    if not unicodedata.is_normalized("NFC", text):
        return None
    for shape in _APOSTROPHE_SHAPES:      # str.replace per shape: far faster than translate() on long text
        if shape in text:
            text = text.replace(shape, "'")
    low = text.replace("İ", "i").replace("I", "i").lower()
    return low if len(low) == len(text) else None


def surface_key(surface: str) -> tuple[str, ...]:
    return tuple(t.low for t in tokenize(surface))
