"""Compressed files, tables of articles and dates (issue 20): .jsonl.gz, .csv (quoted commas, quotes and
newlines), .tsv and .parquet of three articles each, .bz2/.xz/.zst around any format, column names
mapped by options, dates to the month or year and date-times with time zones; damaged inputs give one
line and one load_errors row each while the rest of the file loads."""
from __future__ import annotations

import bz2
import csv
import gzip
import io
import json
import lzma

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from inputs_cases import fetch, fresh_db, load, make_template, offsets_hold

ARTICLES = [
    {"id": "a1", "url": "https://news.example/a1", "title": "Exports, up", "published": "2025-03-07", "lang": "en",
     "text": 'Exports rose 12 percent to 4.5 million tonnes in 2024, the "trade" ministry said.\n\nImports, meanwhile, fell 3 percent.'},
    {"id": "a2", "url": "https://news.example/a2", "title": "İhracat", "published": "2025-03-08T23:30:00+03:00",
     "lang": "tr", "text": "Türkiye'nin ihracatı 2024 yılında yüzde 3,2 artarak 255 milyar dolara ulaştı, dedi \"Bakan\"."},
    {"id": "a3", "url": "https://news.example/a3", "title": "Товарооборот", "published": "2025", "lang": "ru",
     "text": "Товарооборот России и Казахстана в январе-августе 2025 года составил 18,4 млрд долларов."},
]
WANT = {("a1", "2025-03-07", "day"), ("a2", "2025-03-08", "day"), ("a3", "2025-01-01", "year")}


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    return make_template(tmp_path_factory)


def jsonl_bytes(rows=ARTICLES) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def csv_bytes(rows=ARTICLES, delimiter=",", rename=None) -> bytes:
    out = io.StringIO()
    names = [(rename or {}).get(k, k) for k in rows[0]]
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(names)
    for r in rows:
        writer.writerow(list(r.values()))
    return out.getvalue().encode("utf-8")


def parquet_file(path, rows=ARTICLES):
    pq.write_table(pa.Table.from_pylist(rows), path)
    return path


COMPRESS = {".gz": gzip.compress, ".bz2": bz2.compress, ".xz": lzma.compress,
            ".zst": lambda b: zstandard.ZstdCompressor().compress(b)}


def loaded(db):
    return set(fetch(db, "SELECT doc, CAST(published AS VARCHAR), published_precision FROM dim_article"))


@pytest.mark.parametrize("name", ["news.jsonl.gz", "news.csv", "news.tsv", "news.parquet", "news.csv.zst",
                                  "news.jsonl.bz2", "news.tsv.xz"])
def test_table_and_compressed_formats_load_three_articles(name, template, tmp_path):
    path = tmp_path / name
    if name.endswith(".parquet"):
        parquet_file(path)
    else:
        data = csv_bytes(delimiter="\t") if ".tsv" in name else csv_bytes() if ".csv" in name else jsonl_bytes()
        suffix = path.suffix
        path.write_bytes(COMPRESS[suffix](data) if suffix in COMPRESS else data)
    db = fresh_db(template, tmp_path)
    res = load(path, "--db", db)
    assert res.exit_code == 0, res.output
    assert loaded(db) == WANT
    texts = dict(fetch(db, "SELECT doc, article_text FROM dim_article"))
    assert texts == {a["id"]: a["text"] for a in ARTICLES}   # quoted commas, quotes and newlines kept
    assert set(fetch(db, "SELECT doc, url, lang, title FROM dim_article")) == {
        (a["id"], a["url"], a["lang"], a["title"]) for a in ARTICLES}
    assert offsets_hold(db)


def test_other_column_names_are_mapped_by_options(template, tmp_path):
    path = tmp_path / "dump.csv"
    path.write_bytes(csv_bytes(rename={"text": "body", "id": "guid", "published": "date", "title": "headline",
                                       "url": "link", "lang": "language"}))
    db = fresh_db(template, tmp_path)
    res = load(path, "--db", db, "--text-column", "body", "--id-column", "guid", "--published-column", "date",
               "--title-column", "headline", "--url-column", "link", "--lang-column", "language")
    assert res.exit_code == 0, res.output
    assert loaded(db) == WANT
    assert set(fetch(db, "SELECT url, title FROM dim_article")) == {(a["url"], a["title"]) for a in ARTICLES}


def test_table_without_text_column_is_rejected_named_and_skipped_in_a_folder(template, tmp_path):
    bad = tmp_path / "named.csv"
    bad.write_bytes(csv_bytes(rename={"text": "body"}))
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "units.csv").write_bytes(b"code,name\nkm,kilometre\n")
    (folder / "news.jsonl").write_bytes(jsonl_bytes())
    db = fresh_db(template, tmp_path)
    res = load(bad, folder, "--db", db)
    assert res.exit_code == 1
    reason = ("no text column 'text' in the table (columns: id, url, title, published, lang, body); "
              "name the column that holds the article text with --text-column")
    assert [line for line in res.stderr.splitlines() if "named.csv" in line] == [f"skipped {bad}: {reason}"]
    assert fetch(db, "SELECT path, reason FROM load_errors") == [(str(bad), reason)]
    assert "1 other files or records skipped" in res.stdout   # the folder's units.csv
    assert loaded(db) == WANT


def test_truncated_gzip_keeps_the_lines_before_the_cut(template, tmp_path):
    rows = [{"id": f"r{i}", "lang": "en", "text": f"Exports rose {i} percent to {i * 7 + 3} tonnes in {1990 + i}."}
            for i in range(40)]
    data = gzip.compress(jsonl_bytes(rows))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[:len(data) // 2])
    db = fresh_db(template, tmp_path)
    res = load(path, "--db", db)
    assert res.exit_code == 1
    lines = [line for line in res.stderr.splitlines() if "cut.jsonl.gz" in line]
    assert len(lines) == 1 and "damaged or truncated gzip data" in lines[0], res.stderr
    assert fetch(db, "SELECT count(*) FROM load_errors") == [(1,)]
    docs = [d for d, in fetch(db, "SELECT doc FROM dim_article ORDER BY article_id")]
    assert len(docs) >= 10 and set(docs) <= {r["id"] for r in rows}


def test_unknown_compression_is_rejected_by_name_in_a_folder_too(template, tmp_path):
    (tmp_path / "in").mkdir()
    bad = tmp_path / "in" / "news.jsonl.lz4"
    bad.write_bytes(b"\x04\x22\x4d\x18whatever")
    (tmp_path / "in" / "good.jsonl").write_bytes(jsonl_bytes())
    db = fresh_db(template, tmp_path)
    res = load(tmp_path / "in", "--db", db)
    assert res.exit_code == 1
    assert [line for line in res.stderr.splitlines() if "lz4" in line] == [
        f"skipped {bad}: unknown compression '.lz4': expected .gz, .bz2, .xz, .zst (or none)"]
    assert fetch(db, "SELECT count(*) FROM load_errors") == [(1,)]
    assert loaded(db) == WANT


def test_dates_to_the_month_and_year_and_with_time_zones(template, tmp_path):
    (tmp_path / "en_month.txt").write_text(" date 2025-03 Exports rose 12 percent in March.", encoding="utf-8")
    (tmp_path / "en_year.txt.gz").write_bytes(gzip.compress(b" date 2024 Imports fell 3 percent."))
    (tmp_path / "dated.jsonl").write_bytes(jsonl_bytes([
        {"id": "y", "published": "2025", "text": "Output rose 4 percent."},
        {"id": "tz", "published": "2025-03-31T22:30:00-05:00", "text": "Output rose 5 percent."},
        {"id": "z", "published": "2025-03-31T23:59:59Z", "text": "Output rose 6 percent."}]))
    db = fresh_db(template, tmp_path)
    res = load(tmp_path, "--db", db)
    assert res.exit_code == 0, res.output
    assert loaded(db) == {("en_month.txt", "2025-03-01", "month"), ("en_year.txt.gz", "2024-01-01", "year"),
                          ("y", "2025-01-01", "year"), ("tz", "2025-03-31", "day"), ("z", "2025-03-31", "day")}
