"""Language tables: one TOML file per language in extractors/languages/."""
from __future__ import annotations

from pathlib import Path

LANG_DIR = Path(__file__).parent / "languages"


def available_languages() -> list[str]:
    return sorted(p.stem for p in LANG_DIR.glob("*.toml"))
