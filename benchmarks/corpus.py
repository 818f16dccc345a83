"""Reproducible benchmark corpora, built on the fly and never committed.

Sentences of the sample articles (`seeds/*.txt`) and of the dev articles
(`/work/shared/eval/dev/docs/*.txt`, or `$BENCH_DEV_DOCS`) are recombined at random with a fixed
seed into articles of realistic size (2-8 KB of text, paragraphs of 2-5 sentences), each with a
language, a title, a url and a synthetic published date. The corpus is written as JSONL (one article a
line: id, url, title, published, lang, text), streamed article by article, so a corpus of any size
never sits in memory. Its size is a number of bytes of article text (UTF-8), so a scale factor is a
multiplication.

Languages are a parameter: any language with sentences in the sample or dev articles can join a
corpus (`write_corpus(path, langs=("ru", "kk", "uz"), ...)`) with no code change here.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Sequence

from extractors.tables import available_languages

ROOT = Path(__file__).resolve().parent.parent
SEEDS_DIR = ROOT / "seeds"
DEV_DOCS_DIR = Path(os.environ.get("BENCH_DEV_DOCS", "/work/shared/eval/dev/docs"))

# The seed articles carry no language in their file name: their languages, by number.
SEED_LANGS = {"000": "tr", "001": "tr", "002": "tr", "003": "en", "004": "az"}

MIXED_LANGS = ("tr", "az", "en")
ALL_LANGS = tuple(available_languages())   # every language table present (the registry)

_DATE_LINE = re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+")
# A sentence ends at . ! ? … (optionally followed by a closing quote or bracket) before whitespace.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+")
_FIRST_DATE = dt.date(2015, 1, 1)
_DATE_SPAN_DAYS = (dt.date(2025, 12, 31) - _FIRST_DATE).days


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`: split on line breaks and on sentence-final punctuation."""
    out = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        out.extend(s.strip() for s in _SENTENCE_END.split(line) if s.strip())
    return out


def _source_files() -> list[tuple[str, Path]]:
    files = []
    for path in sorted(SEEDS_DIR.glob("*.txt")):
        lang = SEED_LANGS.get(path.name[:3])
        if lang:
            files.append((lang, path))
    if DEV_DOCS_DIR.is_dir():
        for path in sorted(DEV_DOCS_DIR.glob("*.txt")):
            lang = path.name.split("_", 1)[0]
            if lang.isalpha() and len(lang) == 2:
                files.append((lang, path))
    return files


def sentence_pools(langs: Sequence[str]) -> dict[str, list[str]]:
    """The sentences available for each language of `langs` (sorted sources, so reproducible)."""
    pools: dict[str, list[str]] = {lang: [] for lang in langs}
    for lang, path in _source_files():
        if lang in pools:
            text = _DATE_LINE.sub("", path.read_text(encoding="utf-8"), count=1)
            # keep sentences that look like prose, not captions or bylines
            pools[lang].extend(s for s in split_sentences(text) if len(s) >= 25)
    missing = [lang for lang, sents in pools.items() if not sents]
    if missing:
        raise ValueError(f"no sample sentences for languages {missing} (looked in {SEEDS_DIR} and {DEV_DOCS_DIR})")
    return pools


def iter_articles(langs: Sequence[str], total_bytes: int, seed: int = 0, prefix: str = "bench",
                  min_bytes: int = 2048, max_bytes: int = 8192) -> Iterator[dict]:
    """Articles (dicts of the JSONL fields) until their texts add up to at least `total_bytes` (UTF-8).

    Deterministic for a given (langs, total_bytes, seed, prefix): the same seed gives the same corpus.
    Languages take turns at random with equal weight.
    """
    pools = sentence_pools(langs)
    rng = random.Random(f"{seed}:{','.join(langs)}")
    langs = list(langs)
    written = 0
    i = 0
    while written < total_bytes:
        lang = rng.choice(langs)
        pool = pools[lang]
        target = rng.randint(min_bytes, max_bytes)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            para = " ".join(rng.choice(pool) for _ in range(rng.randint(2, 5)))
            paragraphs.append(para)
            size += len(para.encode("utf-8")) + 2
        text = "\n\n".join(paragraphs)
        title = rng.choice(pool)
        if len(title) > 90:
            title = title[:90].rsplit(" ", 1)[0]
        published = _FIRST_DATE + dt.timedelta(days=rng.randint(0, _DATE_SPAN_DAYS))
        art_id = f"{prefix}-{i:08d}"
        yield {"id": art_id, "url": f"https://bench.example.org/{lang}/{art_id}", "title": title,
               "published": published.isoformat(), "lang": lang, "text": text}
        written += len(text.encode("utf-8"))
        i += 1


@dataclass(frozen=True)
class CorpusInfo:
    path: Path
    langs: tuple[str, ...]
    articles: int
    text_bytes: int   # UTF-8 bytes of article text: what throughput in MB/s divides
    file_bytes: int


def write_corpus(path: str | Path, langs: Sequence[str], total_bytes: int, seed: int = 0,
                 prefix: str = "bench") -> CorpusInfo:
    """Stream a corpus of at least `total_bytes` of text into the JSONL file `path`."""
    path = Path(path)
    articles = text_bytes = 0
    with path.open("w", encoding="utf-8") as fh:
        for art in iter_articles(langs, total_bytes, seed=seed, prefix=prefix):
            fh.write(json.dumps(art, ensure_ascii=False))
            fh.write("\n")
            articles += 1
            text_bytes += len(art["text"].encode("utf-8"))
    return CorpusInfo(path, tuple(langs), articles, text_bytes, path.stat().st_size)


def read_corpus(path: str | Path) -> Iterator[dict]:
    """The articles of a JSONL corpus, one at a time."""
    with Path(path).open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


if __name__ == "__main__":  # python -m benchmarks.corpus OUT.jsonl MB [lang,lang,...]
    import sys
    out, mb = sys.argv[1], float(sys.argv[2])
    langs = tuple(sys.argv[3].split(",")) if len(sys.argv) > 3 else MIXED_LANGS
    info = write_corpus(out, langs, int(mb * 1e6))
    print(f"{info.path}: {info.articles} articles, {info.text_bytes / 1e6:.1f} MB of text, langs {','.join(info.langs)}")
