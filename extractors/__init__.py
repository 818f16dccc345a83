"""Extraction stage: text in, quantities out. A pure function of the text, its language and its
publication date; it never imports `warehouse`, so it runs in worker processes or on a cluster."""
from __future__ import annotations

from extractors.model import DIMENSIONS, QUALIFIERS, Quantity

__all__ = ["DIMENSIONS", "QUALIFIERS", "Quantity", "extract", "LANGUAGES", "EXTRACTOR_VERSION"]


def extract(text, lang, published=None):
    """Every quantity in `text` (a whole article), read with the table of `lang`.

    `published` (datetime.date or None) resolves relative periods such as "last year".
    Never raises on any text; every span satisfies text[q.start:q.end] == q.text.
    """
    from extractors.engine import extract as _extract
    return _extract(text, lang, published)


def __getattr__(name):  # lazily expose the language list and version without compiling tables
    if name == "LANGUAGES":
        from extractors.tables import available_languages
        return available_languages()
    if name == "EXTRACTOR_VERSION":
        from extractors.engine import EXTRACTOR_VERSION
        return EXTRACTOR_VERSION
    raise AttributeError(name)
