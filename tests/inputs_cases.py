"""Shared inputs of tests/test_inputs_*.py: the two furniture-heavy news pages (tests/inputs/), what
each must give, crawl files around them, and the checks every loaded warehouse must pass."""
from __future__ import annotations

import shutil
from pathlib import Path

from benchmarks import pages
from conftest import invoke
from test_reliability import fetch  # noqa: F401  (the tests import it from here)
from warehouse import db

INPUTS = Path(__file__).resolve().parent / "inputs"
TR_PAGE, EN_PAGE = INPUTS / "tr_ekonomi.html", INPUTS / "en_economy.html"

# what the two pages must give: canonical URL, publication date, language, figures of the article
PAGE_FACTS = {
    "tr_ekonomi.html": dict(url="https://www.ekonomihaber.com.tr/ekonomi/ihracat-mart-ayinda-arti-12345",
                            published="2025-04-02", lang="tr", title="İhracat mart ayında yüzde 8,4 arttı",
                            figures={"23,1 milyar dolara", "30,6 milyar dolar", "64,7 milyar dolar", "7,5 milyar dolar",
                                     "275 milyar dolar"}),
    "en_economy.html": dict(url="https://www.worldbusinessdaily.com/energy/kazakhstan-oil-output-q1-2025",
                            published="2025-04-09", lang="en", title="Kazakhstan's oil output rises 6.2% in first quarter",
                            figures={"26.3 million tonnes", "9.1 million tonnes", "16.8 million tonnes",
                                     "96.2 million tonnes", "$4.5 billion"}),
}
# values that only the pages' furniture holds (ticker, weather, comments, most-read, ads, footer)
FURNITURE_VALUES = {38.42, 41.87, 3412, 9876, 71.35, 128, 27500, 312, 19000, 8750, 4250, 2750, 1.85, 1.99,
                    1450000, 512.40, 1.0931, 3118.20, 8207.5, 65.48, 2341, 87, 1250, 214, 58, 3.4, 336681,
                    298000, 742000, 4401987, 25}
FURNITURE_WORDS = ["DOLAR", "Parçalı bulutlu", "Yorumlar", "En Çok Okunanlar", "Reklam", "Tüm hakları",
                   "USD/KZT", "Light rain", "oilwatcher77", "Most read", "Advertisement", "Circulation"]

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"
CRAWL_URIS = {"tr_ekonomi.html": "https://www.ekonomihaber.com.tr/ekonomi/ihracat-mart-ayinda-arti-12345?from=feed",
              "en_economy.html": "https://www.worldbusinessdaily.com/energy/kazakhstan-oil-output-q1-2025"}


def crawl_records(damaged: bool = False) -> list[bytes]:
    """The two pages as HTTP 200 responses among a warcinfo, requests, metadata, a 404, a 301 and a PNG;
    `damaged` adds a third page whose record states a wrong Content-Length."""
    recs = [pages.warcinfo_record()]
    for page, uri in ((TR_PAGE, CRAWL_URIS["tr_ekonomi.html"]), (EN_PAGE, CRAWL_URIS["en_economy.html"])):
        recs += [pages.request_record(uri), pages.response_record(uri, page.read_bytes()), pages.metadata_record(uri)]
        if damaged and page is TR_PAGE:
            body = pages.http_response(EN_PAGE.read_bytes().replace(b"26.3", b"27.9"))
            recs.append(pages.warc_record("response", "https://x.example/damaged", body, content_length=len(body) - 40))
    recs += [
        pages.response_record("https://www.ekonomihaber.com.tr/yok", b"<html><body><h1>404</h1><p>Sayfa bulunamadi, "
                              b"aradiginiz sayfa 2025 yilinda kaldirilmis olabilir ya da hic olmamis olabilir.</p></body></html>",
                              status="404 Not Found"),
        pages.response_record("https://www.ekonomihaber.com.tr/eski", b"", status="301 Moved Permanently",
                              extra=f"Location: {CRAWL_URIS['tr_ekonomi.html']}\r\n"),
        pages.response_record("https://www.ekonomihaber.com.tr/logo.png", PNG, content_type="image/png"),
    ]
    return recs


def fresh_db(template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copy(template, path)
    return path


def make_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    db.migrate(path)
    return path


def offsets_hold(path) -> bool:
    """Every quantity's offsets point into its stored article text."""
    bad = fetch(path, """SELECT count(*) FROM v_fact_quantity f JOIN dim_article a USING (article_id)
                         WHERE substr(a.article_text, f."start" + 1, f."end" - f."start") <> f.text""")[0][0]
    total = fetch(path, "SELECT count(*) FROM fact_quantity")[0][0]
    return bad == 0 and total > 0


def load(*args):
    return invoke("load", *args, "--workers", 1)
