#!/usr/bin/env python3
"""Build seeds/entities.csv and seeds/entity_names.csv for the languages of the registry (the language
tables present, extractors.tables.available_languages).

- entities.csv (id, kind, iso2, name, source): countries from ISO 3166-1 (pycountry), then the
  regions, organisations, routes, pipelines, companies, fields, ports and cities of
  seeds/entities_manual.csv, each with its source.
- entity_names.csv (entity_id, lang, name, source), one row per entity, language and name: a
  country's name from CLDR (babel) for each language babel knows, then the hand-written names of
  seeds/entity_names_manual.csv (demonyms and adjectival stems of countries, names of the other
  entities), each row with its own source. A language babel does not know gets its hand-written
  rows only.

Names are matched in text through the language table's suffix chains (extractors/facts.py), in file
order: a name written with a capital matches only capitalised words, one written in lower case
(`казахстанск`) any case, one in capitals (`CPC`) only capitals.

    python seeds/build_entities.py            # rewrites seeds/entities.csv and seeds/entity_names.csv
"""
from __future__ import annotations

import csv
from importlib.metadata import version
from pathlib import Path

import babel
import pycountry
from babel import Locale, UnknownLocaleError

from extractors.tables import available_languages

HERE = Path(__file__).resolve().parent
ENTITY_COLUMNS = ("id", "kind", "iso2", "name", "source")
NAME_COLUMNS = ("entity_id", "lang", "name", "source")


def _read(name: str) -> list[dict]:
    with (HERE / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _locales(langs: list[str]) -> dict[str, Locale]:
    found = {}
    for lang in langs:
        try:
            found[lang] = Locale.parse(lang)
        except (UnknownLocaleError, ValueError):
            pass    # no CLDR data for it: hand-written names only
    return found


def build(langs: list[str]) -> tuple[list[dict], list[dict]]:
    manual_names: dict[str, list[dict]] = {}
    for r in _read("entity_names_manual.csv"):
        manual_names.setdefault(r["entity_id"], []).append(r)
    locales = _locales(langs)
    cldr = f"CLDR via babel {babel.__version__}"
    entities = [{"id": c.alpha_3, "kind": "country", "iso2": c.alpha_2,
                 "name": getattr(c, "common_name", None) or c.name,
                 "source": f"ISO 3166-1 (pycountry {version('pycountry')})"}
                for c in sorted(pycountry.countries, key=lambda c: c.alpha_3)]
    entities += [{"id": r["id"], "kind": r["kind"], "iso2": "", "name": r["name"], "source": r["source"]}
                 for r in _read("entities_manual.csv")]
    names = []
    for e in entities:
        for lang in langs:
            seen: set[str] = set()
            territory = locales[lang].territories.get(e["iso2"]) if lang in locales and e["iso2"] else None
            candidates = [(territory, cldr)] if territory else []
            candidates += [(r["name"], r["source"]) for r in manual_names.get(e["id"], []) if r["lang"] == lang]
            for name, source in candidates:
                if name not in seen:
                    seen.add(name)
                    names.append({"entity_id": e["id"], "lang": lang, "name": name, "source": source})
    return entities, names


def _write(name: str, columns: tuple[str, ...], rows: list[dict]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def main() -> None:
    entities, names = build(available_languages())
    _write("entities.csv", ENTITY_COLUMNS, entities)
    _write("entity_names.csv", NAME_COLUMNS, names)
    print(f"wrote {len(entities)} entities to {HERE / 'entities.csv'} and {len(names)} names to {HERE / 'entity_names.csv'}")


if __name__ == "__main__":
    main()
