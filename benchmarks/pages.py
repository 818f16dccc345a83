"""Corpus-scale web pages: a WARC.gz of news pages built from the benchmark articles, loaded end to end.

    python -m benchmarks.pages [--pages 20000] [--workers 2] [--keep] [--workdir DIR]

Each page is one article of benchmarks/corpus.py (sentences of the sample and development articles
recombined, so every page's text is new) set in one of three page templates with the furniture of a
news site: a menu, a currency ticker, a weather box, a most-read list, comments with their counts, an
ad and a footer, all full of numbers that are not the article's. The date is given the three ways
pages give it (a meta tag, JSON-LD, a <time> element), and each page sits in an HTTP 200 response
record after a request record, behind a warcinfo record, gzip per record as crawlers write them.

Reported: pages/s and MB/s of HTML per core end to end (`warehouse load`), the HTML stage's share of
the time (formats/html.py measured alone on the same pages) and the peak RSS, beside the goal of
1 MB/s of HTML per core. The WARC helpers here (warc_record, http_response, ...) also build the
test crawl files of tests/test_inputs_warc.py.
"""
from __future__ import annotations

import argparse
import gzip
import html
import random
import shutil
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator

from benchmarks import corpus as C

MB = 1e6
TARGET_HTML_MBPS_PER_CORE = 1.0
CRAWL_DATE = "2025-11-20T06:00:00Z"


# ---------------------------------------------------------------- WARC records

def warc_record(rec_type: str, uri: str | None, block: bytes, *, content_type: str = "application/http; msgtype=response",
                date: str = CRAWL_DATE, content_length: int | None = None) -> bytes:
    """One WARC/1.0 record; `content_length` overrides the true length (a damaged record)."""
    headers = [f"WARC-Type: {rec_type}", f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>", f"WARC-Date: {date}"]
    if uri:
        headers.append(f"WARC-Target-URI: {uri}")
    headers += [f"Content-Type: {content_type}",
                f"Content-Length: {len(block) if content_length is None else content_length}"]
    return ("WARC/1.0\r\n" + "\r\n".join(headers) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(body: bytes, status: str = "200 OK", content_type: str = "text/html; charset=utf-8",
                  extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n{extra}\r\n"
            .encode() + body)


def response_record(uri: str, body: bytes, **kw) -> bytes:
    return warc_record("response", uri, http_response(body, **kw))


def request_record(uri: str) -> bytes:
    host = uri.split("/")[2]
    return warc_record("request", uri, f"GET / HTTP/1.1\r\nHost: {host}\r\nUser-Agent: bench\r\n\r\n".encode(),
                       content_type="application/http; msgtype=request")


def warcinfo_record() -> bytes:
    return warc_record("warcinfo", None, b"software: benchmarks/pages.py\r\nformat: WARC File Format 1.0\r\n",
                       content_type="application/warc-fields")


def metadata_record(uri: str) -> bytes:
    return warc_record("metadata", uri, b"fetchTimeMs: 112\r\n", content_type="application/warc-fields")


def write_warc_gz(path: Path, records: Iterable[bytes]) -> int:
    """Write the records gzip per record (one gzip member each), as crawlers do; returns bytes written."""
    with Path(path).open("wb") as fh:
        for rec in records:
            fh.write(gzip.compress(rec, compresslevel=6))
        return fh.tell()


# ---------------------------------------------------------------- pages

_TEMPLATES = [
    # 1: a Turkish-style portal, date in a meta tag
    """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} | Gündem Haber</title>
<link rel="canonical" href="{url}"><meta property="article:published_time" content="{published}T09:{minute:02d}:00+03:00">
</head><body><header><nav><a href="/">Ana Sayfa</a> <a href="/ekonomi">Ekonomi</a> <a href="/spor">Spor</a>
<a href="/dunya">Dünya</a></nav><div class="ticker">DOLAR {r1} EURO {r2} ALTIN {r3} BIST {r4}</div>
<div class="weather">İstanbul {t1}°C Ankara {t2}°C</div></header>
<main><article><h1>{title}</h1>{paragraphs}</article>
<section class="comments"><h3>Yorumlar ({c1})</h3><div class="comment">{c2} yıldır okuyorum, kira {c3} lira oldu.
<span>{c4} beğeni</span></div></section></main>
<aside class="most-read"><h3>En Çok Okunanlar</h3><ol>{most_read}</ol></aside>
<div class="ad">Reklam: yüzde {c5} indirim</div>
<footer>© {year} Gündem Haber. Günlük {f1} okur. Tel: 0212 {f2} {f3} {f4}</footer></body></html>""",
    # 2: an English-style paper, date in JSON-LD
    """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} - Daily Ledger</title>
<link rel="canonical" href="{url}"><script type="application/ld+json">{{"@context":"https://schema.org",
"@type":"NewsArticle","headline":"{title_attr}","datePublished":"{published}T07:{minute:02d}:00Z"}}</script></head>
<body><div class="top"><div class="market-ticker">USD/KZT {r1} EUR/USD {r2} Gold ${r3} FTSE {r4}</div>
<div class="weather-widget">London {t1}°C Astana {t2}°C</div><nav><a href="/">Home</a> | <a href="/world">World</a>
| <a href="/markets">Markets</a></nav></div><div id="content"><article class="story"><h1>{title}</h1>
{paragraphs}</article><div class="share">{c1} shares · {c4} comments</div>
<section id="comments"><div class="comment">I paid ${c3} last winter, {c2} times more. Recommend {c5}</div>
</section></div><aside class="most-popular"><h2>Most read</h2><ol>{most_read}</ol></aside>
<footer>© 1998-{year} Daily Ledger Ltd. Registered No. {f1}. Call +44 20 {f2} {f3}</footer></body></html>""",
    # 3: a Russian-style agency, date in a <time> element
    """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>{title} — Агентство Новостей</title>
<link rel="canonical" href="{url}"></head><body><div class="header"><ul class="menu"><li><a href="/">Главная</a></li>
<li><a href="/economy">Экономика</a></li><li><a href="/sport">Спорт</a></li></ul>
<div class="rates">USD {r1} EUR {r2} Нефть {r3} Индекс {r4}</div><div class="weather">Алматы {t1}°C Москва {t2}°C</div>
</div><div class="page"><article><h1>{title}</h1><time datetime="{published}T11:{minute:02d}:00+05:00">{published}</time>
{paragraphs}</article><div class="comments-block"><h4>Комментарии: {c1}</h4><p class="comment">Уже {c2} лет жду,
цена {c3} тенге. {c4} голосов</p></div></div><aside class="popular"><h3>Самое читаемое</h3><ul>{most_read}</ul></aside>
<div class="banner">Скидка {c5}%</div><footer>© {year} Агентство. Тираж {f1}. Телефон +7 727 {f2} {f3}</footer>
</body></html>""",
]


def _numbers(rng: random.Random) -> dict:
    return {"r1": f"{rng.uniform(30, 600):.2f}", "r2": f"{rng.uniform(0.9, 50):.4f}", "r3": f"{rng.randint(1000, 4000):,}",
            "r4": f"{rng.uniform(5000, 12000):,.1f}", "t1": rng.randint(-15, 35), "t2": rng.randint(-15, 35),
            "c1": rng.randint(2, 900), "c2": rng.randint(2, 60), "c3": f"{rng.randint(500, 90000):,}",
            "c4": rng.randint(1, 500), "c5": rng.randint(5, 70), "f1": f"{rng.randint(10000, 2000000):,}",
            "f2": rng.randint(100, 999), "f3": rng.randint(10, 99), "f4": rng.randint(10, 99),
            "minute": rng.randint(0, 59)}


def page_html(art: dict, template: int, most_read: list[str], rng: random.Random) -> str:
    """One article dict of benchmarks/corpus.py as a page of template `template`."""
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in art["text"].split("\n\n"))
    items = "".join(f'<li><a href="/n/{i}">{html.escape(t)}</a></li>' for i, t in enumerate(most_read))
    return _TEMPLATES[template].format(
        lang=art["lang"], title=html.escape(art["title"]), title_attr=html.escape(art["title"]).replace('"', "&quot;"),
        url=html.escape(art["url"]), published=art["published"], paragraphs=paragraphs, most_read=items,
        year=art["published"][:4], **_numbers(rng))


@dataclass(frozen=True)
class PagesInfo:
    path: Path
    pages: int
    html_bytes: int     # bytes of HTML of the article pages: what MB/s divides
    file_bytes: int


def iter_pages(n: int, langs=C.ALL_LANGS, seed: int = 0) -> Iterator[tuple[dict, str]]:
    """(article, page HTML) of n pages."""
    rng = random.Random(seed)
    pool = [s for sents in C.sentence_pools(langs).values() for s in sents if len(s) < 120]
    for i, art in enumerate(C.iter_articles(langs, 10 ** 15, seed=seed, prefix="pg")):
        if i >= n:
            return
        yield art, page_html(art, i % len(_TEMPLATES), rng.sample(pool, 5), rng)


def write_pages_warc(path: Path, n: int, langs=C.ALL_LANGS, seed: int = 0) -> PagesInfo:
    """A .warc.gz of n article pages (each after its request record), streamed to `path`."""
    html_bytes = 0

    def records():
        nonlocal html_bytes
        yield warcinfo_record()
        for art, page in iter_pages(n, langs, seed):
            body = page.encode("utf-8")
            html_bytes += len(body)
            yield request_record(art["url"])
            yield response_record(art["url"], body)
    size = write_warc_gz(path, records())
    return PagesInfo(Path(path), n, html_bytes, size)


# ---------------------------------------------------------------- measuring

def html_stage_seconds(n: int, langs=C.ALL_LANGS, seed: int = 0) -> tuple[float, int]:
    """(CPU seconds, HTML bytes) of formats/html.py alone on the first n pages, one process, warm."""
    from warehouse.formats import html as html_stage

    pages = [(art, page.encode("utf-8")) for art, page in iter_pages(n, langs, seed)]
    art, body = pages[0]   # untimed: loading trafilatura and the language model (once a process)
    html_stage.page_article(body, doc=art["id"], source=art["id"], url=art["url"])
    t0 = time.process_time()   # CPU time: the machine may be shared
    for art, body in pages:
        html_stage.page_article(body, doc=art["id"], source=art["id"], url=art["url"])
    return time.process_time() - t0, sum(len(b) for _, b in pages)


def cpu_seconds(workdir: Path) -> float | None:
    """User + system CPU seconds of the last measured run and its waited-for children (its workers),
    from /usr/bin/time -v: per-core speed that a busy shared machine does not distort."""
    import re

    path = workdir / "time-v.txt"
    if not path.exists():
        return None
    text = path.read_text()
    found = [float(m) for m in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", text)]
    return sum(found) if found else None


def bench_pages(workdir: Path, n: int, workers: int, seed: int = 0, sample: int = 300) -> list[dict]:
    """Rows (name, value, unit, target, note) of the pages benchmark."""
    from benchmarks import run

    info = write_pages_warc(workdir / "pages.warc.gz", n, seed=seed)
    res = run.warehouse_load([info.path], workdir / "pages.duckdb", workers, workdir)
    loaded = run._first_int(run.subprocess.run(
        [*run.warehouse_cmd(), "query", "SELECT count(*) FROM dim_article", "--db", str(workdir / "pages.duckdb"),
         "--format", "json"], capture_output=True, text=True).stdout)
    cpu = cpu_seconds(workdir) or res["seconds"] * (workers + 1)
    html_s, html_b = html_stage_seconds(min(sample, n), seed=seed)
    html_share = (html_s / html_b * info.html_bytes) / cpu
    mbps_core = info.html_bytes / MB / cpu
    rss = res["tree_rss"] or res["max_rss"]

    def row(metric, value, unit, target="", passed=None, note=""):
        return dict(metric=metric, value=value, unit=unit, target=target, passed=passed, note=note)
    return [
        row(f"pages: warehouse load {n:,}-page WARC.gz, --workers {workers}", n / res["seconds"], "pages/s",
            note=f"{loaded:,} articles, {res['facts']:,} facts, {res['seconds']:.0f} s; "
                 f"{info.html_bytes / MB:.0f} MB HTML, {info.file_bytes / MB:.0f} MB gzip"),
        row("pages: HTML end to end, per CPU second", mbps_core, "MB/s per core", f">= {TARGET_HTML_MBPS_PER_CORE:g}",
            mbps_core >= TARGET_HTML_MBPS_PER_CORE,
            note=f"{cpu:.0f} CPU s (user + system, all processes); the HTML stage runs in the extraction workers"),
        row("pages: HTML stage alone (trafilatura), 1 process", html_b / MB / html_s, "MB/s",
            note=f"{min(sample, n)} pages"),
        row("pages: HTML stage's share of the end-to-end CPU time", html_share * 100, "%"),
        row("pages: peak RSS, all processes", rss / MB if rss else None, "MB",
            "< 1000 at 3,000 pages" if n <= 3000 else "", (rss < 1e9 if rss else None) if n <= 3000 else None,
            note=f"largest process {res['max_rss'] / MB:.0f} MB" if res["max_rss"] else ""),
    ]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.pages", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=20_000, help="pages in the WARC.gz (default 20000)")
    ap.add_argument("--workers", type=int, default=2, help="extraction processes of warehouse load (default 2)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--workdir", type=Path, help="where the WARC and the database go (default: a temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    args = ap.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="nqw-pages-", dir=args.workdir))
    try:
        from benchmarks.run import Report

        report = Report(machine=[])
        for row in bench_pages(workdir, args.pages, args.workers, args.seed):
            report.add(**row)
        print(report.text())
    finally:
        if args.keep:
            print(f"kept {workdir}", file=sys.stderr)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
