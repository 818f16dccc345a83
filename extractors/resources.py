"""Where the extractors find the data they read, in an installed package or a checkout, and the
extractor version: a digest of everything that decides their output.

Found with importlib.resources, never relative to a checkout: the language tables ship inside this
package (extractors/languages/), the seed tables in the package `extractors.seeds`, which
pyproject.toml maps to the repository's seeds/ folder. `warehouse` finds the same seed tables here.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Iterable

SEEDS_PACKAGE = "extractors.seeds"
# the seed tables the extractors read: units and the generated lexicon (units.py), indicators, entities and their names (facts.py)
SEED_TABLES = ("units.csv", "indicators.csv", "entities.csv", "entity_names.csv", "generated/currencies.csv",
               "generated/currency_names.csv", "generated/unit_names.csv")
VERSION_PREFIX = "rules-"


def package_folder(package: str) -> Path:
    """The folder of an installed package. pip installs unpack packages into folders (and an
    editable install maps them to the checkout), so it is a real path."""
    folder = files(package)
    if not isinstance(folder, Path):
        raise RuntimeError(f"package {package} is not installed as a folder ({folder!r}): install it with pip")
    return folder


def languages_dir() -> Path:
    return package_folder("extractors") / "languages"


def seed_table(name: str) -> Path:
    """A seed table such as units.csv (it may not exist: callers that can do without it check)."""
    return package_folder(SEEDS_PACKAGE) / name


def extractor_version() -> str:
    """`rules-` and 12 hex digits of the installed engine sources, the language tables in use and the
    seed tables; computed once per process (a few milliseconds) and value of the variable naming
    more language folders."""
    from extractors.tables import LANGUAGE_PATH_ENV   # extractors.tables imports this module
    return _version(os.environ.get(LANGUAGE_PATH_ENV, ""))


@lru_cache(maxsize=16)
def _version(language_path: str) -> str:   # the argument keys the cache: table_paths() reads it too
    from extractors.tables import table_paths
    return VERSION_PREFIX + content_digest(package_folder("extractors"), package_folder(SEEDS_PACKAGE),
                                           table_paths().values())


def content_digest(engine: Path, seeds: Path, tables: Iterable[Path]) -> str:
    """sha256 over what decides the output: the engine's Python sources (`engine`/*.py), the language
    tables (named by file, wherever they are) and the seed tables it reads."""
    sources = sorted(engine.glob("*.py"))
    if not sources:   # a build that ships only compiled modules would silently drop them from the digest
        raise RuntimeError(f"no engine sources (*.py) in {engine}: the extractor version cannot be computed")
    named = [(f"extractors/{p.name}", p) for p in sources]
    named += sorted((f"languages/{p.name}", p) for p in tables)
    named += [(f"seeds/{name}", seeds / name) for name in SEED_TABLES if (seeds / name).is_file()]
    digest = hashlib.sha256()
    for name, path in named:
        content = path.read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()[:12]
