"""TEMPORARY stub engine (replaced by the real rule engine): bare digits as counts."""
from __future__ import annotations

import re

from extractors.model import Quantity

EXTRACTOR_VERSION = "rules-0.0-stub"
_DIGITS = re.compile(r"\d+")


def extract(text, lang, published=None):
    return [Quantity(start=m.start(), end=m.end(), text=m.group(), value=float(m.group()), unit="count",
                     dimension="count", lang=lang, sentence="", base_value=float(m.group()), base_unit="count",
                     extractor=EXTRACTOR_VERSION)
            for m in _DIGITS.finditer(text)]
