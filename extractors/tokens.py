"""Tokens: the one tokenizer the engine and the tables share, so table surfaces match text tokens."""
from __future__ import annotations

import re
import unicodedata
from typing import Callable, Final

from extractors.memo import per_sentence

# digits (with inner separators), words (letters only; apostrophes and hyphens are their own tokens),
# or any other single non-space character. The group that matched says which (`lastindex`): 1 digits
# (`\d` is str.isdecimal), 2 a word (letters, or a numeric sign such as `²`, `½`, which is no letter).
TOKEN: Final = re.compile(r"(\d+(?:[.,]\d+)*)|([^\W\d_]+(?:['’ʼ‘`´ʻ][^\W\d_]+)*)|\S")
_DIGITS, _WORD = 1, 2


class Token:
    """One token of a sentence. A plain class: compiled, its fields are read as C struct members."""
    __slots__ = ("start", "end", "text", "low", "is_num", "is_word")

    def __init__(self, start: int, end: int, text: str, low: str, is_num: bool, is_word: bool) -> None:
        self.start = start
        self.end = end
        self.text = text
        self.low = low          # normalised for lookups
        self.is_num = is_num    # decimal digits (not `²`, `①`: isdigit() is true for them but float() fails)
        self.is_word = is_word  # letters

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"

    @property
    def is_alnum(self) -> bool:
        return self.text[0].isalnum()


# The text between two tokens of a sentence (`text[a.end:b.start]`), as the engine reads gaps.
Gap = Callable[[Token, Token], str]


def make_token(start: int, end: int, text: str, low: str) -> Token:
    first = text[0]
    return Token(start, end, text, low, first.isdecimal(), first.isalpha())


# every apostrophe shape (Turkish suffixes, Uzbek o‘ and g‘) reads as one
_APOSTROPHES: Final = str.maketrans({c: "'" for c in "’ʼ‘`´ʻ"})
_APOSTROPHE_SHAPES: Final = "’ʼ‘`´ʻ"


def norm(s: str) -> str:
    """Case-fold for lookups. Turkish dotted/dotless I kept apart is not worth the misses: İ->i, I->i."""
    s = unicodedata.normalize("NFC", s).translate(_APOSTROPHES)
    return s.replace("İ", "i").replace("I", "i").lower().replace("i̇", "i")


def tokenize(text: str, offset: int = 0, low: str | None = None) -> list[Token]:
    """Tokens of `text` (offsets shifted by `offset`); `low` is its `normalized` form when known."""
    if low is None or len(low) != len(text):
        low = _norm_same_length(text)
    out: list[Token] = []
    append = out.append
    for m in TOKEN.finditer(text):
        a, b = m.span()
        t = text[a:b]
        kind = m.lastindex
        append(Token(a + offset, b + offset, t, norm(t) if low is None else low[a:b],
                     kind == _DIGITS, kind == _WORD and t[0].isalpha()))
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


@per_sentence
def first_word(tokens: list[Token]) -> Token | None:
    """The sentence's first word token (remembered: every quantity of a sentence asks)."""
    return next((t for t in tokens if t.is_word), None)
