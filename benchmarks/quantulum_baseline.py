"""quantulum3 as a peer on the same files: prints its extractions in the JSONL contract that
../shared/eval/score.py reads, so both tools are scored by one scorer.

    python -m benchmarks.quantulum_baseline DOCS_DIR > quantulum.jsonl
    python ../shared/eval/score.py --gold GOLD --docs DOCS_DIR --pred quantulum.jsonl

quantulum3 reads English only; it is run on every document, as a user pointing it at a mixed
corpus would. Its entities are mapped to our dimensions; its currency units to ISO codes.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

# quantulum3 entity name -> our dimension
DIMENSIONS = {
    "length": "length", "mass": "mass", "currency": "currency", "time": "duration", "volume": "volume",
    "area": "area", "power": "power", "energy": "energy", "speed": "speed", "temperature": "temperature",
}
CURRENCIES = {"dollar": "USD", "united states dollar": "USD", "euro": "EUR", "pound sterling": "GBP",
              "turkish lira": "TRY", "russian ruble": "RUB", "kazakhstani tenge": "KZT"}


def to_row(doc: str, q) -> dict | None:
    entity, unit = q.unit.entity.name, q.unit.name
    if unit == "percentage":
        dimension, code = "percentage", "percent"
    elif unit == "dimensionless":
        dimension, code = "count", "count"
    elif entity.startswith("currency") or unit in CURRENCIES:
        dimension, code = "currency", CURRENCIES.get(unit, unit)
    else:
        dimension, code = DIMENSIONS.get(entity), unit
    if dimension is None:
        return None
    return {"doc": doc, "start": q.span[0], "end": q.span[1], "text": q.surface, "value": q.value,
            "unit": code, "dimension": dimension, "extractor": "quantulum3"}


def main(folder: str) -> None:
    warnings.simplefilter("ignore")
    from quantulum3 import parser
    for path in sorted(Path(folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for q in parser.parse(text):
            row = to_row(path.name, q)
            if row:
                print(json.dumps(row, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1])
