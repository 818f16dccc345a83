#!/usr/bin/env python3
"""Build seeds/entities.csv: countries from ISO 3166-1 (pycountry) with their names from CLDR
(babel) in the six languages, topped up and followed by the hand-written rows of
seeds/entities_manual.csv (demonyms and adjectival stems of countries; regions, organisations,
routes, pipelines, companies, fields, ports and cities, each with its source).

Names in a language column are separated by `|`. They are matched in text through the language
table's suffix chains (extractors/facts.py): a name written with a capital matches only capitalised
words, one written in lower case (`казахстанск`) any case, one in capitals (`CPC`) only capitals.

    python seeds/build_entities.py            # rewrites seeds/entities.csv
"""
from __future__ import annotations

import csv
from pathlib import Path

import babel
import pycountry
from babel import Locale

HERE = Path(__file__).resolve().parent
LANGS = ("tr", "az", "en", "ru", "kk", "uz")
COLUMNS = ("id", "kind", "iso2", "name") + tuple(f"names_{l}" for l in LANGS) + ("source",)


def _split(cell: str | None) -> list[str]:
    return [n.strip() for n in (cell or "").split("|") if n.strip()]


def _merge(*lists) -> str:
    out: list[str] = []
    for names in lists:
        for n in names:
            if n not in out:
                out.append(n)
    return "|".join(out)


def build() -> list[dict]:
    with (HERE / "entities_manual.csv").open(encoding="utf-8", newline="") as fh:
        manual = list(csv.DictReader(fh))
    extra = {r["id"]: r for r in manual if r["kind"] == "country"}
    locales = {l: Locale.parse(l) for l in LANGS}
    source = (f"ISO 3166-1 (pycountry {pycountry.__version__ if hasattr(pycountry, '__version__') else ''}".rstrip()
              + f"); names: CLDR via babel {babel.__version__}")
    rows = []
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_3):
        add = extra.get(c.alpha_3, {})
        row = {"id": c.alpha_3, "kind": "country", "iso2": c.alpha_2,
               "name": getattr(c, "common_name", None) or c.name,
               "source": source + (f"; extras: {add['source']}" if add else "")}
        for l in LANGS:
            cldr = locales[l].territories.get(c.alpha_2)
            row[f"names_{l}"] = _merge([cldr] if cldr else [], _split(add.get(f"names_{l}")))
        rows.append(row)
    for r in manual:
        if r["kind"] == "country":
            continue
        rows.append({"id": r["id"], "kind": r["kind"], "iso2": "", "name": r["name"],
                     **{f"names_{l}": _merge(_split(r.get(f"names_{l}"))) for l in LANGS}, "source": r["source"]})
    return rows


def main() -> None:
    rows = build()
    with (HERE / "entities.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(f"wrote {len(rows)} entities to {HERE / 'entities.csv'}")


if __name__ == "__main__":
    main()
