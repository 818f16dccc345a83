"""Adversarial inputs: extraction speed (MB/s) on texts no newsroom writes, beside news.

    python -m benchmarks.adversarial [--mb 1] [--shapes numbers,digits] [--lang en]

Each shape is one article of `--mb` MB (10^6 bytes of UTF-8) given to `extractors.extract` in this
process; the news row is the same size of the English benchmark corpus, article by article. Reading
must stay near news speed whatever the text (linear time): a shape far below news is a super-linear
part of the engine. `benchmarks.run` adds these rows when given `--adversarial`.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, Iterator

MB = 1e6


def _repeat(pieces: Iterator[str], nbytes: int) -> str:
    """Pieces joined until the UTF-8 text reaches `nbytes` (cut there)."""
    out, size = [], 0
    for piece in pieces:
        out.append(piece)
        size += len(piece.encode("utf-8"))
        if size >= nbytes:
            break
    return "".join(out).encode("utf-8")[:nbytes].decode("utf-8", "ignore")


def _number_words() -> Iterator[str]:
    words = ("million", "percent", "tonnes", "dollars", "people", "about", "more than", "per day")
    for i in itertools.count():
        yield f"{i} {words[i % len(words)]} "


# name -> (what it is, generator of `nbytes` of text)
SHAPES: dict[str, tuple[str, Callable[[int], str]]] = {
    "numbers": ("bare numbers `0 1 2 3 ...`, no sentence break",
                lambda n: _repeat((f"{i} " for i in itertools.count()), n)),
    "digits": ("one endless run of digits `1234567890...`",
               lambda n: _repeat(itertools.repeat("1234567890"), n)),
    "huge line": ("words without a sentence break (one huge line)",
                  lambda n: _repeat(itertools.cycle(("the ", "economy ", "grew ", "and ", "trade ", "rose ", "with ")), n)),
    "parentheses": ("deep punctuation `((((...` then `))))...`",
                    lambda n: "(" * (n // 2) + ")" * (n - n // 2)),
    "lists": ("repeated lists `1,2,3,...`",
              lambda n: _repeat((f"{i}," for i in itertools.count()), n)),
    "number words": ("alternating numbers and unit/scale/qualifier words",
                     lambda n: _repeat(_number_words(), n)),
}


def shape_text(name: str, nbytes: int) -> str:
    return SHAPES[name][1](nbytes)


def _rate(nbytes: int, seconds: float) -> float:
    return nbytes / MB / seconds if seconds > 0 else float("inf")


def time_extract(texts: list[str], lang: str) -> tuple[float, float, int]:
    """(wall seconds, CPU seconds, quantities) of extract() over `texts`, the language table compiled
    beforehand. CPU time is what to compare on a machine shared with other work."""
    from extractors import extract
    extract("warm up 1 percent", lang)
    t0, c0 = time.perf_counter(), time.process_time()
    found = sum(len(extract(t, lang)) for t in texts)
    return time.perf_counter() - t0, time.process_time() - c0, found


def news_texts(nbytes: int, lang: str = "en") -> list[str]:
    from benchmarks import corpus as C
    with tempfile.TemporaryDirectory() as tmp:
        info = C.write_corpus(Path(tmp) / "news.jsonl", [lang], nbytes, seed=11)
        return [a["text"] for a in C.read_corpus(info.path)]


def measure(nbytes: int, shapes: list[str], lang: str = "en") -> list[dict]:
    """One row a shape and one for news: {shape, what, bytes, seconds, cpu_seconds, mb_per_s,
    cpu_mb_per_s, quantities}."""
    news = news_texts(nbytes, lang)
    texts = [("news", f"the {lang} benchmark corpus, article by article", news)]
    texts += [(name, SHAPES[name][0], [shape_text(name, nbytes)]) for name in shapes]
    rows = []
    for name, what, batch in texts:
        seconds, cpu, found = time_extract(batch, lang)
        size = sum(len(t.encode("utf-8")) for t in batch)
        rows.append({"shape": name, "what": what, "bytes": size, "seconds": seconds, "cpu_seconds": cpu,
                     "mb_per_s": _rate(size, seconds), "cpu_mb_per_s": _rate(size, cpu), "quantities": found})
    return rows


def table(rows: list[dict]) -> str:
    out = [f"{'shape':<14} {'MB':>6} {'seconds':>8} {'MB/s':>7} {'CPU s':>7} {'CPU MB/s':>8} {'quantities':>10}  what"]
    out += [f"{r['shape']:<14} {r['bytes'] / MB:>6.2f} {r['seconds']:>8.2f} {r['mb_per_s']:>7.3f} "
            f"{r['cpu_seconds']:>7.2f} {r['cpu_mb_per_s']:>8.3f} {r['quantities']:>10}  {r['what']}" for r in rows]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of each shape's article, MB (default 1)")
    ap.add_argument("--shapes", default=",".join(SHAPES), help=f"comma-separated, of: {', '.join(SHAPES)}")
    ap.add_argument("--lang", default="en", help="language table to read with (default en)")
    args = ap.parse_args(argv)
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        ap.error(f"unknown shape(s) {', '.join(unknown)}; choose from {', '.join(SHAPES)}")
    print(table(measure(int(args.mb * MB), shapes, args.lang)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
