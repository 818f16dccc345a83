"""Crawl files (issue 20): the HTTP 200 HTML responses of a WARC are the articles; every other record
is skipped and counted; WARC-Date is `fetched`, never `published`; damaged records and files are
rejected with one line each while the good records load."""
from __future__ import annotations

import gzip
from datetime import datetime

import pytest

from benchmarks import pages
from inputs_cases import CRAWL_URIS, PAGE_FACTS, crawl_records, fetch, fresh_db, load, make_template, offsets_hold


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory)


def test_warc_gz_of_two_pages_among_other_records_gives_exactly_two_articles(template, tmp_path):
    warc = tmp_path / "crawl.warc.gz"
    pages.write_warc_gz(warc, crawl_records())
    db = fresh_db(template, tmp_path)
    res = load(warc, "--db", db)
    assert res.exit_code == 0, res.output
    # warcinfo, 2 requests, 2 metadata, the 404, the 301 and the PNG
    assert "2 articles loaded" in res.stdout and "8 other files or records skipped" in res.stdout
    rows = fetch(db, "SELECT url, CAST(published AS VARCHAR), fetched, doc FROM dim_article ORDER BY url")
    want = sorted((f["url"], f["published"]) for f in PAGE_FACTS.values())
    assert [(url, published) for url, published, _, _ in rows] == want   # canonical URLs, the pages' dates
    assert {fetched for _, _, fetched, _ in rows} == {datetime(2025, 11, 20, 6, 0)}   # WARC-Date
    assert {doc for *_, doc in rows} == set(CRAWL_URIS.values())
    assert fetch(db, "SELECT skipped, errors FROM load_log") == [(8, 0)]
    assert offsets_hold(db)


def test_plain_warc_and_target_uri_when_no_canonical(template, tmp_path):
    body = pages.page_html({"lang": "en", "title": "Wheat harvest", "url": "", "published": "2025-07-01",
                            "text": "Kazakhstan harvested 17.1 million tonnes of wheat this year, the ministry said."},
                           1, [], __import__("random").Random(0)).replace('<link rel="canonical" href="">', "")
    warc = tmp_path / "one.warc"
    warc.write_bytes(pages.warcinfo_record() + pages.response_record("https://news.example/wheat", body.encode()))
    db = fresh_db(template, tmp_path)
    assert load(warc, "--db", db).exit_code == 0
    assert fetch(db, "SELECT url, CAST(published AS VARCHAR) FROM dim_article") == [
        ("https://news.example/wheat", "2025-07-01")]


def test_record_with_wrong_content_length_is_rejected_and_the_rest_loads(template, tmp_path):
    warc = tmp_path / "damaged.warc.gz"
    pages.write_warc_gz(warc, crawl_records(damaged=True))
    db = fresh_db(template, tmp_path)
    res = load(warc, "--db", db)
    assert res.exit_code == 1
    lines = [line for line in res.stderr.splitlines() if "damaged" in line]
    assert len(lines) == 1 and "https://x.example/damaged: its block does not match its Content-Length" in lines[0]
    assert fetch(db, "SELECT count(*) FROM load_errors WHERE reason LIKE '%Content-Length%'") == [(1,)]
    assert fetch(db, "SELECT count(*) FROM dim_article") == [(2,)]


def test_truncated_warc_gz_keeps_the_records_before_the_cut(template, tmp_path):
    whole = b"".join(gzip.compress(r) for r in crawl_records())
    first_page_end = len(b"".join(gzip.compress(r) for r in crawl_records()[:4]))
    warc = tmp_path / "cut.warc.gz"
    warc.write_bytes(whole[:first_page_end + 700])   # inside the next page's gzip member
    db = fresh_db(template, tmp_path)
    res = load(warc, "--db", db)
    assert res.exit_code == 1
    lines = [line for line in res.stderr.splitlines() if "cut.warc.gz" in line]
    assert len(lines) == 1 and "the file is cut short here" in lines[0], res.stderr
    assert fetch(db, "SELECT url FROM dim_article") == [(PAGE_FACTS["tr_ekonomi.html"]["url"],)]
    assert fetch(db, "SELECT count(*) FROM load_errors") == [(1,)]


def test_benchmark_pages_of_every_template_load_without_their_furniture(template, tmp_path):
    warc = tmp_path / "bench.warc.gz"
    info = pages.write_pages_warc(warc, 6)
    db = fresh_db(template, tmp_path)
    res = load(warc, "--db", db)
    assert res.exit_code == 0, res.output
    assert fetch(db, "SELECT count(*), count(published), count(fetched) FROM dim_article") == [(info.pages,) * 3]
    for text, in fetch(db, "SELECT article_text FROM dim_article"):
        assert not [w for w in ("DOLAR", "USD/KZT", "Нефть", "°C", "Yorumlar", "Recommend", "©") if w in text]
    assert offsets_hold(db)


def test_the_loader_reads_pages_where_it_extracts_them(tmp_path):
    """Deferred reading (what `warehouse load` asks for): each page comes as a read.Unread that
    pickles (it travels to a worker process) and reads into the article the reader gives otherwise."""
    import pickle

    from warehouse import read

    warc = tmp_path / "crawl.warc.gz"
    pages.write_warc_gz(warc, crawl_records())
    deferred = [item for b in read.iter_batches([warc], defer=True) for item in b.items]
    assert deferred and all(isinstance(item, read.Unread) for item in deferred)
    assert [pickle.loads(pickle.dumps(item)).article() for item in deferred] == \
        [item for b in read.iter_batches([warc]) for item in b.items]
