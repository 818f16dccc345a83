"""Web pages (issue 20): a folder of two furniture-heavy news pages loads as two articles holding the
article's figures and none of the furniture's, with the canonical URL, the page's date and language."""
from __future__ import annotations

import gzip
import shutil

import pytest

from inputs_cases import (EN_PAGE, FURNITURE_VALUES, FURNITURE_WORDS, PAGE_FACTS, TR_PAGE, fetch, fresh_db, load,
                          make_template, offsets_hold)


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory)


@pytest.fixture(scope="module")
def pages_db(template, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pages")
    for page in (TR_PAGE, EN_PAGE):
        shutil.copy(page, folder)
    db = fresh_db(template, tmp_path_factory.mktemp("db"))
    res = load(folder, "--db", db)
    assert res.exit_code == 0, res.output
    assert "2 articles loaded" in res.stdout
    return db


def test_pages_load_with_canonical_url_date_language_and_title(pages_db):
    rows = fetch(pages_db, "SELECT doc, url, CAST(published AS VARCHAR), published_precision, lang, title, fetched "
                           "FROM dim_article ORDER BY doc")
    assert [r[0] for r in rows] == sorted(PAGE_FACTS)
    for doc, url, published, precision, lang, title, fetched in rows:
        want = PAGE_FACTS[doc]
        assert (url, published, precision, lang, title) == (want["url"], want["published"], "day", want["lang"],
                                                            want["title"])
        assert fetched is None   # not a crawl record


def test_article_figures_are_in_v_quantities_and_furniture_figures_are_not(pages_db):
    for doc, want in PAGE_FACTS.items():
        texts = {t for t, in fetch(pages_db, "SELECT text FROM v_quantities WHERE doc = ?", [doc])}
        assert want["figures"] <= texts, (doc, want["figures"] - texts)
    values = {round(v, 4) for v, in fetch(pages_db, "SELECT value FROM v_quantities WHERE value IS NOT NULL")}
    assert not values & FURNITURE_VALUES, values & FURNITURE_VALUES
    for text, in fetch(pages_db, "SELECT article_text FROM dim_article"):
        assert not [w for w in FURNITURE_WORDS if w in text]


def test_offsets_point_into_the_stored_page_text(pages_db):
    assert offsets_hold(pages_db)


def test_page_without_main_text_is_rejected_and_others_load(template, tmp_path):
    empty = tmp_path / "index.html"
    empty.write_text('<html lang="en"><body><nav><a href="/">Home</a> <a href="/w">World</a></nav>'
                     '<footer>© 2025 Daily, 12 Main St</footer></body></html>', encoding="utf-8")
    page = tmp_path / "en_economy.htm.gz"
    page.write_bytes(gzip.compress(EN_PAGE.read_bytes()))
    db = fresh_db(template, tmp_path)
    res = load(empty, page, "--db", db)
    assert res.exit_code == 1
    assert [line for line in res.stderr.splitlines() if "index.html" in line] == [
        f"skipped {empty}: no main text found (an index, gallery or error page?)"]
    assert fetch(db, "SELECT path, reason FROM load_errors") == [
        (str(empty), "no main text found (an index, gallery or error page?)")]
    assert fetch(db, "SELECT doc, url FROM dim_article") == [("en_economy.htm.gz", PAGE_FACTS["en_economy.html"]["url"])]


def test_page_language_is_checked_against_the_text(template, tmp_path):
    """A page that states the wrong language (a site template's) is read in the language of its text."""
    page = tmp_path / "wrong_lang.html"
    page.write_bytes(TR_PAGE.read_bytes().replace(b'lang="tr-TR"', b'lang="en"'))
    db = fresh_db(template, tmp_path)
    assert load(page, "--db", db).exit_code == 0
    assert fetch(db, "SELECT lang FROM dim_article") == [("tr",)]


def test_title_and_date_are_those_of_trafilaturas_whole_metadata():
    """The page's title and date, read by trafilatura's and htmldate's steps for those two fields only,
    are what its whole metadata extraction gives (on the two test pages and one page of each
    benchmark template: date in a meta tag, in JSON-LD, in a <time> element)."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.utils import load_html

    from benchmarks import pages
    from warehouse.formats import html

    found = [(None, path.read_text(encoding="utf-8")) for path in (TR_PAGE, EN_PAGE)]
    found += [(art["url"], page) for art, page in pages.iter_pages(3)]
    for url, page in found:
        whole = extract_metadata(load_html(page), url, html._date_params())
        assert html._title_and_date(load_html(page), url) == (whole.title, whole.date)
        assert whole.title and whole.date
