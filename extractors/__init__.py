"""Extraction stage: text in, quantities out. A pure function of the text, its language and its
publication date; it never imports `warehouse`, so it runs in worker processes or on a cluster."""
from __future__ import annotations

import hashlib
import json
import sys
import warnings
from importlib.machinery import SOURCE_SUFFIXES, FileFinder, SourceFileLoader
from pathlib import Path


def _import_sources_if_compiled_copy_is_stale() -> None:
    """An install compiles the engine modules (setup.py) and records their sources' digests. An
    editable install keeps the compiled copies beside the sources, so once a source is edited its
    compiled copy is out of date: then every engine module is imported from its source instead."""
    here = Path(__file__).parent
    if not any(here.glob("*.so")) and not any(here.glob("*.pyd")):
        return
    try:
        recorded = json.loads((here / "compiled.json").read_text())
    except (OSError, ValueError):
        recorded = {}
    changed = [name for name in sorted(recorded) if not (here / name).exists()
               or hashlib.sha1((here / name).read_bytes()).hexdigest() != recorded[name]]
    if recorded and not changed:
        return
    for entry in __path__:
        sys.path_importer_cache[entry] = FileFinder(entry, (SourceFileLoader, SOURCE_SUFFIXES))
    warnings.warn(f"extractors: the compiled engine is older than its sources ({', '.join(changed) or 'no record'}); "
                  "running the sources, at less than half the speed. Run `pip install -e .` again to recompile.",
                  RuntimeWarning, stacklevel=2)


_import_sources_if_compiled_copy_is_stale()

from extractors.model import DIMENSIONS, QUALIFIERS, Quantity  # noqa: E402 (after the stale check)

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
    if name == "EXTRACTOR_VERSION":   # a digest of the engine, its tables and seed tables: extractors/resources.py
        from extractors.resources import extractor_version
        return extractor_version()
    raise AttributeError(name)
