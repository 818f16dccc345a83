"""Bad records cost only themselves (issue 16, item 2).

Wrong types, NaN, lone surrogates, deep nesting and file names that are not UTF-8 each become one
line on stderr and one `load_errors` row; the rest of the file and the run load, on the first run
and on every rerun. The property tests generate hostile records per input format: a format is one
entry of FORMATS (a strategy of records and a function writing them as files), so a new reader is
one more entry.
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import os
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import invoke
from warehouse import db, load, read
from warehouse.article import Article, content_hash

BAD_JSONL = {  # line -> the words its rejection names
    json.dumps({"id": "b1", "lang": "en", "title": 5, "text": "Exports rose 3 percent."}): "'title' is int",
    '{"id": "b2", "lang": "en", "title": NaN, "text": "Exports rose 4 percent."}': "NaN",
    json.dumps({"id": "b3", "lang": "en", "url": {"a": 1}, "text": "Exports rose 5 percent."}): "'url' is dict",
    json.dumps({"id": "b4", "lang": "en", "published": [2025], "text": "Exports rose 6 percent."}): "'published' is list",
    '{"id": "b5", "lang": "en", "text": "Exports rose 7 percent \\ud800."}': "lone surrogate",
    '{"id": "b6", "lang": "en", "text": "Exports rose 8 percent.", "x": ' + "[" * 1000 + "]" * 1000 + "}": "nested",
    '{"id": "b7", "lang": "en", "text": "Exports rose 9 percent.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}": "nested",
    json.dumps({"id": ["x"], "lang": "en", "text": "Exports rose 10 percent."}): "'id' is list",
    json.dumps({"id": "b9", "lang": 5, "text": "Exports rose 11 percent."}): "'lang' is int",
    '{"id": "b10", "lang": "en", "published": Infinity, "text": "Exports rose 12 percent."}': "Infinity",
    '{"id": "b11", "lang": "en", "text": "Exports rose 13 percent.", "n": 1' + "0" * 5000 + "}": "malformed",
}


def _good(i: int) -> str:
    return json.dumps({"id": f"g{i}", "lang": "en", "published": "2025-03-04",
                       "text": f"Wheat exports fell {i} percent to 2 million tonnes."})


@pytest.fixture
def hostile_folder(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text("\n".join([_good(1), *BAD_JSONL, _good(2)]) + "\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(folder), b"en_\xe9.txt"), "wb") as fh:   # a Latin-1 file name
        fh.write(b"Imports rose 14 percent.")
    (folder / "en_new\nline.txt").write_text("Imports rose 15 percent.", encoding="utf-8")  # a good article
    (folder / "en_ok.txt").write_text("Imports rose 16 percent.", encoding="utf-8")
    return folder


def test_each_bad_record_is_named_once_the_rest_loads_on_every_run(hostile_folder, tmp_path):
    warehouse = tmp_path / "w.duckdb"
    for run in range(2):
        res = invoke("load", hostile_folder, "--db", warehouse, "--workers", "1")
        assert res.exit_code == 1, res.stderr
        assert "Traceback" not in res.stderr
        lines = res.stderr.strip().splitlines()
        assert len(lines) == len(BAD_JSONL) + 1, res.stderr    # one line each, the newline name kept on one
        for n, (_line, words) in enumerate(BAD_JSONL.items(), start=2):
            named = [x for x in lines if f"a.jsonl:{n}:" in x]
            assert len(named) == 1 and words in named[0], (n, lines)
        assert sum("en_\\xe9.txt" in x and "not valid UTF-8" in x for x in lines) == 1, lines
        loaded, present = (4, 0) if run == 0 else (0, 4)
        assert f"{loaded} articles loaded, {present} already present" in res.stdout
    con = db.connect(warehouse, read_only=True)
    try:
        errors = con.execute("select path, reason from load_errors").fetchall()
        docs = {r[0] for r in con.execute("select doc from dim_article").fetchall()}
    finally:
        con.close()
    assert len(errors) == 2 * (len(BAD_JSONL) + 1)
    assert all("\n" not in p + r for p, r in errors)
    assert docs == {"g1", "g2", "en_new\nline.txt", "en_ok.txt"}


def test_extract_names_bad_records_and_reads_the_rest(hostile_folder):
    res = invoke("extract", hostile_folder, "--format", "jsonl")
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert len(res.stderr.strip().splitlines()) == len(BAD_JSONL) + 1
    assert {json.loads(x)["doc"] for x in res.stdout.splitlines()} == {"g1", "g2", "en_new\nline.txt", "en_ok.txt"}


@pytest.mark.parametrize("name, shown", [("a\nb", "a\\nb"), ("a\u2028b", "a\\u2028b"), ("en_\udce9.txt", "en_\\xe9.txt"),
                                         ("lone \ud800", "lone \\ud800"), ("plain ü.txt", "plain ü.txt")],
                         ids=["newline", "line-separator", "latin1-byte", "lone-surrogate", "plain"])
def test_rejections_are_printable_on_one_line(name, shown):
    r = read.Rejected(name, f"reason with {name}")
    assert (r.path, r.reason) == (shown, f"reason with {shown}")
    r.path.encode("utf-8")


def test_a_crawl_page_without_main_text_costs_only_itself(tmp_path):
    """Issue 20, bad input: the page with no article text is named once, its crawl file's pages load."""
    from benchmarks import pages

    good = [pages.response_record(f"https://news.example/{n}", _page_html(PAGE_TEXTS[("en", ("utf-8",))].format(
        n=n, m=n + 1), "en", "utf-8", broken=False).encode()) for n in (1, 2)]
    empty = pages.response_record("https://news.example/index", b'<html><body><nav><a href="/">Home</a></nav>'
                                                                b"<footer>\xc2\xa9 2025, 12 Main St</footer></body></html>")
    crawl = tmp_path / "in" / "crawl.warc.gz"
    crawl.parent.mkdir()
    offset = pages.write_warc_gz(crawl, good[:1] + [empty])
    pages.write_warc_gz(tmp_path / "rest.warc.gz", good[1:])
    crawl.write_bytes(crawl.read_bytes() + (tmp_path / "rest.warc.gz").read_bytes())
    res = invoke("load", crawl.parent, "--db", tmp_path / "w.duckdb", "--workers", "1")
    first_offset = len(gzip.compress(good[0], compresslevel=6))
    assert res.exit_code == 1 and "Traceback" not in res.stderr
    assert res.stderr.splitlines() == [f"skipped {crawl}@{first_offset}: no main text found (an index, gallery or "
                                       f"error page?)"] and offset > first_offset
    articles, _quantities, errors = _warehouse_state(tmp_path / "w.duckdb")
    assert set(articles) == {"https://news.example/1", "https://news.example/2"}
    assert errors == [(f"{crawl}@{first_offset}", "no main text found (an index, gallery or error page?)")]


def test_a_table_row_over_the_article_limit_costs_only_itself(tmp_path):
    """A field far over Python's CSV field limit and over the article limit: its row is named, the rows
    around it load (the reader resumes at the next line)."""
    path = tmp_path / "big.csv"
    huge = "9 " * (read.MAX_ARTICLE_BYTES // 2 + 10)
    path.write_text("id,text\n" + f"a,{_good_text(1)}\nhuge,{huge}\nb,{_good_text(2)}\n", encoding="utf-8")
    items = [item for item, _n in read.iter_articles([path], "en")]
    assert [getattr(i, "doc", None) for i in items] == ["a", None, "b"]
    assert items[1] == read.Rejected(f"{path}:2", read.too_large(read.MAX_ARTICLE_BYTES + 1))


# ------------------------------------------------------------------------------ property tests

@dataclass(frozen=True)
class Record:
    """One input record. A good one must land as an article `doc` whose text is `text` (holds it,
    when not `exact`: a page's text is what trafilatura keeps of it); a bad one must be named once;
    a skipped one (a crawl record that is not a page) is neither."""
    good: bool
    payload: object          # what the format's writer serializes
    text: str = ""
    doc: str | None = None
    skipped: bool = False
    exact: bool = True


# Where a record's rejection is named: the exact path of its `load_errors` row and stderr line, a
# (prefix, start, end) byte span of a crawl file (`prefix@offset`, the offset inside the span), or
# None where the test does not place it (file names the reader escapes).
Place = str | tuple[str, int, int] | None


@dataclass(frozen=True)
class Format:
    records: st.SearchStrategy        # of Record
    write: Callable[[Path, list[Record]], list[Place] | None]   # records -> files in the folder, their places
    tails: st.SearchStrategy | None = None   # of Record: damage that can only end a file (it eats what follows)


_words = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=30)
_hostile_value = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True), _words,
    st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.just("\ud800"), st.just("x\udfffy"), st.just("2025-13-45"), st.just(""))


def _good_text(i: int) -> str:
    return f"Article {i}: wheat exports fell {i % 90 + 2} percent to {i + 3} million tonnes."


@st.composite
def jsonl_records(draw, i: int) -> Record:
    if draw(st.booleans()):
        rec = {"id": f"good{i}", "lang": "en", "published": "2025-03-04", "text": _good_text(i)}
        return Record(True, json.dumps(rec, ensure_ascii=draw(st.booleans())), rec["text"], rec["id"])
    kind = draw(st.sampled_from(["field", "deep", "bytes", "constant"]))
    if kind == "field":
        rec = {"id": f"bad{i}", "lang": "en", "text": _good_text(i)}
        rec[draw(st.sampled_from(list(read.JSONL_FIELDS) + ["other"]))] = draw(_hostile_value)
        line = json.dumps(rec, allow_nan=True)
    elif kind == "deep":
        depth = draw(st.integers(500, 5000))
        line = '{"text": "x", "d": ' + "[" * depth + "]" * depth + "}"
    elif kind == "constant":
        line = '{"text": "Exports rose 5 percent.", "v": ' + draw(st.sampled_from(["NaN", "-Infinity", "1e999"])) + "}"
    else:
        line = draw(st.binary(min_size=1, max_size=60)).replace(b"\n", b" ").decode("latin-1") + "x"
    return Record(False, line)


def write_jsonl(folder: Path, records: list[Record]) -> list[Place]:
    lines = [r.payload.encode("utf-8", "surrogatepass") for r in records]
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    return [f"{folder / 'records.jsonl'}:{n}" for n in range(1, len(records) + 1)]


@st.composite
def txt_records(draw, i: int) -> Record:
    if draw(st.booleans()):
        text = _good_text(i)
        return Record(True, (f"en_good{i}.txt".encode(), text.encode(draw(st.sampled_from(["utf-8", "utf-16"])))), text,
                      f"en_good{i}.txt")
    name = draw(st.sampled_from([f"bad{i}.txt".encode(), f"en_\xe9{i}.txt".encode("latin-1"), f"x\n{i}.txt".encode()]))
    body = draw(st.one_of(st.binary(max_size=80), st.just(b"\x89PNG\r\n" + bytes(20)), st.just(b" date 2025-13-45 Hi."),
                          st.just(b"\xef\xbb\xbf"), st.just("caf\u00e9 \udc80".encode("utf-8", "surrogatepass"))))
    return Record(False, (name, body))


def write_txt(folder: Path, records: list[Record]) -> None:
    for r in records:
        name, body = r.payload
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(body)


# -- tables: CSV, TSV (gzip-compressed, so that a stream can be cut short) and Parquet

TABLE_COLUMNS = ["id", "url", "title", "published", "lang", "text"]
_BAD_DATES = st.sampled_from(["2025-13-45", "yesterday", "2025-02-30", "20255"])
_BAD_LANGS = st.sampled_from(["xx", "../../evil", "5", "en_us", "EN-GB!"])


def _good_row(draw, i: int) -> dict:
    """A good article row, its text and title at times holding the delimiters, quotes and line breaks
    that need quoting, and at times a field far over Python's default CSV field limit (128 KiB)."""
    text = _good_text(i) + draw(st.sampled_from(["", ' Traders said "prices, too,\nrose";\ttoo.', "\r\nSecond line."]))
    title = draw(st.sampled_from([None, f"Wheat, {i}", 'Say "hi"', "T" * 200_000]))
    return {"id": f"good{i}", "url": f"https://news.example/{i}", "title": title, "published": "2025-03-04",
            "lang": "en", "text": text}


@st.composite
def csv_records(draw, i: int, delimiter: str = ",") -> Record:
    """Payload: a row (list of field values, written by csv.writer) or a raw line (bytes, written as is)."""
    if draw(st.booleans()):
        row = _good_row(draw, i)
        return Record(True, [row[c] for c in TABLE_COLUMNS], row["text"], row["id"])
    row = {"id": f"bad{i}", "url": "", "title": "", "published": "", "lang": "en", "text": _good_text(i)}
    kind = draw(st.sampled_from(["published", "lang", "no text", "nul", "surrogate", "latin-1", "columns", "quote"]))
    if kind == "published":
        row["published"] = draw(_BAD_DATES)
    elif kind == "lang":
        row["lang"] = draw(_BAD_LANGS)
    elif kind == "no text":
        row["text"] = draw(st.sampled_from(["", "   ", "\n\t"]))
    elif kind in ("nul", "surrogate", "latin-1"):
        field = draw(st.sampled_from(["text", "title", "url", "id"]))
        row[field] += {"nul": "a\x00b", "surrogate": "\ud800", "latin-1": "\udce9"}[kind]  # (\udce9: byte 0xe9)
    elif kind == "columns":
        cells = [row[c] for c in TABLE_COLUMNS]
        cells = cells[:draw(st.integers(1, 5))] if draw(st.booleans()) else cells + ["extra"] * draw(st.integers(1, 3))
        return Record(False, delimiter.join(cells).encode())
    else:   # a quote inside a quoted field, not doubled
        return Record(False, delimiter.join([f"bad{i}", "", "", "", "en", f'"Exports "rose" {i} percent."']).encode())
    return Record(False, [row[c] for c in TABLE_COLUMNS])


def csv_tails(i: int) -> st.SearchStrategy:
    """A quote left open in the last row: it runs to the end of the file."""
    return st.just(Record(False, f'bad{i},,,,en,"Exports rose {i} percent, and the quote is never closed.'.encode()))


def _table_bytes(records: list[Record], delimiter: str) -> list[bytes]:
    """The header line, then each record's line (bytes: lone surrogates as their UTF-8 lookalikes,
    \\udce9 as the byte 0xe9, as a file in the wrong encoding has them)."""
    def line(cells):
        out = io.StringIO()
        csv.writer(out, delimiter=delimiter, lineterminator="\n").writerow(["" if c is None else c for c in cells])
        return out.getvalue().encode("utf-8", "surrogateescape" if "\udce9" in out.getvalue() else "surrogatepass")
    return [line(TABLE_COLUMNS)] + [r.payload + b"\n" if isinstance(r.payload, bytes) else line(r.payload)
                                    for r in records]


def write_csv(folder: Path, records: list[Record]) -> list[Place]:
    path = folder / "articles.csv"
    path.write_bytes(b"".join(_table_bytes(records, ",")))
    return [f"{path}:{n}" for n in range(1, len(records) + 1)]


@st.composite
def gzip_tails(draw, i: int) -> Record:
    """A gzip stream cut short: the last member stops `cut` of the way through its compressed data."""
    line = f"bad{i}\t\t\t\ten\tThis row is cut short with its gzip member, {i} bytes in, never to be whole.\n".encode()
    return Record(False, ("cut", line, draw(st.floats(0.1, 0.6))))


def write_tsv_gz(folder: Path, records: list[Record]) -> list[Place]:
    path = folder / "articles.tsv.gz"
    body = [r for r in records if not (isinstance(r.payload, tuple) and r.payload[0] == "cut")]
    data = gzip.compress(b"".join(_table_bytes(body, "\t")))
    places: list[Place] = [f"{path}:{n}" for n in range(1, len(body) + 1)]
    if len(body) < len(records):   # the cut member: the damage is named by the file
        _, line, cut = records[-1].payload
        member = gzip.compress(line)
        data += member[:10 + int(cut * (len(member) - 18))]   # (10 header bytes, 8 trailer bytes)
        places.append(str(path))
    path.write_bytes(data)
    return places


# A Parquet column has one type: a bad row's wrong type is its column's, which good rows leave null.
PARQUET_WRONG_TYPES = {"title": 7, "url": [1, 2]}


@st.composite
def parquet_records(draw, i: int) -> Record:
    if draw(st.booleans()):
        text = _good_text(i) + draw(st.sampled_from(["", "\nSecond line, \"quoted\"."]))
        return Record(True, {"id": f"good{i}", "published": "2025-03-04", "text": text}, text, f"good{i}")
    kind = draw(st.sampled_from(["type", "no text", "nul", "published", "lang"]))
    row = {"id": f"bad{i}", "text": _good_text(i)}
    if kind == "type":
        field = draw(st.sampled_from(sorted(PARQUET_WRONG_TYPES)))
        row[field] = PARQUET_WRONG_TYPES[field]
    elif kind == "no text":
        row["text"] = draw(st.sampled_from([None, "", "  "]))
    elif kind == "nul":
        row["text"] += "\x00"
    else:
        row[kind] = draw(_BAD_DATES if kind == "published" else _BAD_LANGS)
    return Record(False, row)


def write_parquet(folder: Path, records: list[Record]) -> list[Place]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    names = sorted({k for r in records for k in r.payload} | {"id", "text"})
    table = pa.table({n: pa.array([r.payload.get(n) for r in records]) for n in names})
    path = folder / "articles.parquet"
    pq.write_table(table, path, row_group_size=3)   # rows read across row groups
    return [f"{path}:{n}" for n in range(1, len(records) + 1)]


# -- web pages: one a file, and the pages of crawl files

PAGE_TEXTS = {   # (language, encodings a page of it may come in) -> its article sentence
    ("en", ("utf-8",)): "Wheat exports fell {n} percent to {m} million tonnes in the first quarter, the ministry said.",
    ("tr", ("utf-8", "cp1254")): "Buğday ihracatı ilk çeyrekte yüzde {n} düşerek {m} milyon tona geriledi, dedi Ticaret "
                                 "Bakanlığı sözcüsü bugün yaptığı açıklamada.",
    ("ru", ("utf-8", "cp1251")): "Экспорт пшеницы в первом квартале снизился на {n} процента до {m} миллионов тонн, "
                                 "сообщило сегодня министерство сельского хозяйства.",
}
# what a page declares its charset to be: nothing, the truth, or a wrong one
_CHARSET_DECLARATIONS = st.sampled_from([None, "truth", "utf-8", "iso-8859-1", "windows-1251"])


def _page_html(sentence: str, lang: str, charset: str | None, broken: bool) -> str:
    head = f'<meta charset="{charset}">' if charset else ""
    page = (f'<!DOCTYPE html><html lang="{lang}"><head>{head}<title>News</title></head><body>'
            f'<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
            f"<article><h1>Headline</h1><p>{sentence}</p></article><footer>© 2025 Daily</footer></body></html>")
    if broken:   # closing tags lost, stray brackets and an unclosed comment at the very end
        page = page.replace("</p>", "").replace("</article>", "<b><i>").replace("</body></html>", "<div <!-- end")
    return page


@st.composite
def good_page(draw, i: int) -> tuple[bytes, str]:
    """(page bytes, its article sentence): in UTF-8 or its language's legacy code page, its charset
    declared right, wrongly or not at all, its markup whole or broken."""
    (lang, encodings), template = draw(st.sampled_from(sorted(PAGE_TEXTS.items())))
    sentence = template.format(n=i % 90 + 2, m=i + 3)
    encoding = draw(st.sampled_from(encodings))
    declared = draw(_CHARSET_DECLARATIONS)
    page = _page_html(sentence, lang, encoding if declared == "truth" else declared, draw(st.booleans()))
    return page.encode(encoding), sentence


@st.composite
def bad_page(draw, i: int) -> bytes:
    kind = draw(st.sampled_from(["no main text", "empty", "binary", "nul", "surrogate", "mixed encodings"]))
    page = _page_html(PAGE_TEXTS[("tr", ("utf-8", "cp1254"))].format(n=i, m=i), "tr", "utf-8", draw(st.booleans()))
    if kind == "no main text":
        return (f'<html><body><nav><a href="/">Home</a> <a href="/{i}">Page {i}</a></nav><ul><li>Most read</li></ul>'
                f'<footer>© 2025 Daily, 12 Main St</footer></body></html>').encode()
    if kind == "empty":
        return draw(st.sampled_from([b"", b" \r\n\t "]))
    if kind == "binary":
        return b"\x89PNG\r\n\x1a\n" + bytes(40)
    if kind == "nul":
        return page.replace("ilk", "i\x00lk").encode()
    if kind == "surrogate":
        return page.replace("ilk", "i\ud800lk").encode("utf-8", "surrogatepass")
    return page.encode().replace("düşerek".encode(), "düşerek".encode("cp1254"))   # one word in another encoding


@st.composite
def html_records(draw, i: int) -> Record:
    """Payload: (file name, bytes); a page may be gzip-compressed, a bad one then cut short."""
    gz = draw(st.booleans())
    name = f"page{i}.htm" if draw(st.booleans()) else f"page{i}.html"
    if draw(st.booleans()):
        page, sentence = draw(good_page(i))
        return Record(True, (name + ".gz" if gz else name, gzip.compress(page) if gz else page), sentence,
                      name + ".gz" if gz else name, exact=False)
    if gz:   # any page, its gzip stream cut short
        page = draw(good_page(i))[0]
        return Record(False, (name + ".gz", gzip.compress(page)[:-draw(st.integers(9, 60))]))
    return Record(False, (name, draw(bad_page(i))))


def write_html(folder: Path, records: list[Record]) -> list[Place]:
    for r in records:
        (folder / r.payload[0]).write_bytes(r.payload[1])
    return [str(folder / r.payload[0]) for r in records]


def _uri(kind: str, i: int) -> str:
    return f"https://news.example/{kind}/{i}"


def _fixed_ids(record: bytes) -> bytes:
    """The record with a WARC-Record-ID of zeros (as long as the random one): hypothesis replays
    the same bytes."""
    return re.sub(rb"urn:uuid:[0-9a-f-]{36}", b"urn:uuid:" + str(uuid.UUID(int=0)).encode(), record)


@st.composite
def warc_records(draw, i: int, plain: bool) -> Record:
    """Payload: one WARC record's bytes."""
    rec = draw(_warc_record(i, plain))
    return replace(rec, payload=_fixed_ids(rec.payload))


@st.composite
def _warc_record(draw, i: int, plain: bool) -> Record:
    from benchmarks import pages

    choice = draw(st.sampled_from(["good", "good", "skipped", "bad"]))
    if choice == "good":
        page, sentence = draw(good_page(i))
        return Record(True, pages.response_record(_uri("good", i), page), sentence, _uri("good", i), exact=False)
    uri = _uri(choice, i)
    if choice == "skipped":   # not an article page: counted, neither loaded nor an error
        return Record(False, draw(st.sampled_from([
            pages.warcinfo_record(), pages.request_record(uri), pages.metadata_record(uri),
            pages.response_record(uri, b"<html><body><p>Not found, the page was removed in 2025.</p></body></html>",
                                  status="404 Not Found"),
            pages.response_record(uri, b"", status="301 Moved Permanently", extra=f"Location: {uri}/new\r\n"),
            pages.response_record(uri, b"\x89PNG\r\n\x1a\n" + bytes(30), content_type="image/png"),
            pages.response_record(uri, b"%PDF-1.4 exports rose 5 percent", content_type="application/pdf"),
            pages.warc_record("revisit", uri, b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n")])), skipped=True)
    kind = draw(st.sampled_from(["page", "content length", "version", "garbage", "length not a number"]))
    if kind == "page":
        return Record(False, pages.response_record(uri, draw(bad_page(i))))
    if kind == "content length":   # shorter than the block
        block = pages.http_response(draw(good_page(i))[0])
        return Record(False, pages.warc_record("response", uri, block, content_length=len(block) - draw(st.integers(1, 60))))
    record = pages.response_record(uri, draw(good_page(i))[0])
    if kind == "version":
        return Record(False, record.replace(b"WARC/1.0", b"WARC/9.9", 1))
    if kind == "garbage":   # (in a plain file, a WARC/1.0 line tells where the garbage starts after a damaged record)
        return Record(False, f"{'WARC/1.0' if plain else 'this is'}\r\nnot a WARC record {i}\r\n\r\n".encode())
    return Record(False, record.replace(b"Content-Length: ", b"Content-Length: x", 1))


@st.composite
def warc_tails(draw, i: int, plain: bool) -> Record:
    """The file cut short inside its last record; in a plain .warc also a Content-Length longer than
    the rest of the file."""
    from benchmarks import pages

    block = pages.http_response(draw(good_page(i))[0])
    if plain and draw(st.booleans()):
        return Record(False, _fixed_ids(pages.warc_record("response", _uri("long", i), block,
                                                          content_length=len(block) + 500)))
    return Record(False, ("cut", _fixed_ids(pages.warc_record("response", _uri("cut", i), block)),
                           draw(st.floats(0.05, 0.9))))


def warc_writer(gz: bool):
    def write(folder: Path, records: list[Record]) -> list[Place]:
        path = folder / ("crawl.warc.gz" if gz else "crawl.warc")
        places, data = [], b""
        for r in records:
            cut = isinstance(r.payload, tuple)
            raw = r.payload[1] if cut else r.payload
            piece = gzip.compress(raw) if gz else raw
            piece = piece[:int(len(piece) * r.payload[2])] if cut else piece
            places.append((str(path), len(data), len(data) + len(piece)))
            data += piece
        path.write_bytes(data)
        return places
    return write


_i = st.integers(0, 10**6)
FORMATS = {
    "jsonl": Format(_i.flatmap(jsonl_records), write_jsonl),
    "txt": Format(_i.flatmap(txt_records), write_txt),
    "csv": Format(_i.flatmap(csv_records), write_csv, _i.flatmap(csv_tails)),
    "tsv.gz": Format(_i.flatmap(lambda i: csv_records(i, "\t")), write_tsv_gz, _i.flatmap(gzip_tails)),
    "parquet": Format(_i.flatmap(parquet_records), write_parquet),
    "html": Format(_i.flatmap(html_records), write_html),
    "warc": Format(_i.flatmap(lambda i: warc_records(i, plain=True)), warc_writer(gz=False), _i.flatmap(lambda i: warc_tails(i, plain=True))),
    "warc.gz": Format(_i.flatmap(lambda i: warc_records(i, plain=False)), warc_writer(gz=True), _i.flatmap(lambda i: warc_tails(i, plain=False))),
}
# formats whose records' fates the strategies know exactly (a JSONL or .txt record drawn as bad may read well)
EXACT_FORMATS = [f for f in FORMATS if f not in ("jsonl", "txt")]


def _unique(records: list[Record]) -> list[Record]:   # one record per text, doc, file name and line
    seen, out = set(), []
    for r in records:
        key = r.text or repr(r.payload)
        doc = ("doc", r.doc) if r.doc else key   # two pages drawn with one index share their URI
        if key not in seen and doc not in seen and (not isinstance(r.payload, tuple) or r.payload[0] not in seen):
            seen |= {key, doc, r.payload[0] if isinstance(r.payload, tuple) else key}
            out.append(r)
    return out


def file_records(fmt: Format, min_size: int) -> st.SearchStrategy:
    """Records of one input, good and bad mixed, and at times a damage that ends it."""
    body = st.lists(fmt.records, min_size=min_size, max_size=8).map(_unique)
    if fmt.tails is None:
        return body
    return st.tuples(body, st.none() | fmt.tails).map(lambda t: t[0] + [t[1]] * (t[1] is not None))


def _folder_of(fmt: Format, records: list[Record]) -> tuple[Path, list[Place] | None]:
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    return folder, fmt.write(folder, records)


PROPERTY = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_reading_hostile_records_never_raises_and_every_article_is_storable(fmt, data):
    records = data.draw(file_records(FORMATS[fmt], 1))
    folder, _places = _folder_of(FORMATS[fmt], records)
    try:
        items = [item for item, _n in read.iter_articles([folder], "en") if item is not None]
    finally:
        shutil.rmtree(folder)
    texts = [a.text for a in items if isinstance(a, Article)]
    assert all(any(r.text in t for t in texts) for r in records if r.good)
    assert len(items) == sum(not r.skipped for r in records)   # each record once: an article or one rejection
    for item in items:
        for value in (item.path, item.reason) if isinstance(item, read.Rejected) else \
                (item.text, item.doc, item.source, item.url or "", item.title or "", item.lang):
            assert isinstance(value, str)
            value.encode("utf-8")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    db.migrate(path)
    return path


@pytest.mark.parametrize("fmt", ["jsonl", "txt"])
@settings(PROPERTY, max_examples=6)
@given(data=st.data())
def test_a_load_of_hostile_records_never_aborts_and_good_records_land(fmt, data, template):
    records = data.draw(file_records(FORMATS[fmt], 2))
    folder, _places = _folder_of(FORMATS[fmt], records)
    warehouse = folder / "w.duckdb"
    try:
        shutil.copy(template, warehouse)
        summary = load.load([folder / f for f in os.listdir(folder) if f != "w.duckdb"]
                            if fmt == "jsonl" else [folder], warehouse, lang="en", workers=1)
        con = db.connect(warehouse, read_only=True)
        try:
            hashes = {r[0] for r in con.execute("select content_hash from dim_article").fetchall()}
            errors = con.execute("select count(*) from load_errors").fetchone()[0]
        finally:
            con.close()
    finally:
        shutil.rmtree(folder)
    assert {content_hash(r.text) for r in records if r.good} <= hashes
    assert summary.articles_loaded + summary.articles_present + summary.errors == len(records)
    assert errors == summary.errors


def _named(place: Place, path: str) -> bool:
    """Whether the rejection of input `path` is the record at `place`."""
    if isinstance(place, str):
        return path == place
    prefix, start, end = place
    head, _, offset = path.rpartition("@")
    return head == prefix and offset.isdigit() and start <= int(offset) < end


def _warehouse_state(warehouse: Path) -> tuple[dict, int, list]:
    con = db.connect(warehouse, read_only=True)
    try:
        articles = dict(con.execute("select doc, article_text from dim_article").fetchall())
        quantities = con.execute("select count(*) from fact_quantity").fetchone()[0]
        errors = con.execute("select path, reason from load_errors").fetchall()
    finally:
        con.close()
    return articles, quantities, errors


@pytest.mark.parametrize("fmt", EXACT_FORMATS)
@settings(PROPERTY, max_examples=4)
@given(data=st.data())
def test_a_load_names_each_bad_record_once_lands_every_good_one_and_a_rerun_adds_nothing(fmt, data, template):
    records = data.draw(file_records(FORMATS[fmt], 2))
    folder, places = _folder_of(FORMATS[fmt], records)
    warehouse = Path(tempfile.mkdtemp(prefix="hostile-db-")) / "w.duckdb"
    shutil.copy(template, warehouse)
    good = [r for r in records if r.good]
    bad = [(r, place) for r, place in zip(records, places) if not r.good and not r.skipped]
    try:
        runs, states = [], []
        for _run in range(2):
            runs.append(invoke("load", folder, "--db", warehouse, "--workers", 1, "--lang", "en"))
            states.append(_warehouse_state(warehouse))
    finally:
        shutil.rmtree(folder)
        shutil.rmtree(warehouse.parent)
    named = []
    for run, res in enumerate(runs):
        assert "Traceback" not in res.output + res.stderr
        assert res.exit_code == (1 if bad else 0), res.stderr
        lines = [line for line in res.stderr.splitlines() if not line.startswith("progress: ")]
        assert len(lines) == len(bad) and all(line.startswith("skipped ") for line in lines), (lines, records)
        named.append(lines)
        loaded, present = (len(good), 0) if run == 0 else (0, len(good))
        assert f"{loaded} articles loaded, {present} already present" in res.stdout, res.stdout
    assert named[0] == named[1]                      # the same names, in the same order
    (articles, quantities, first_errors), (articles_after, quantities_after, all_errors) = states
    assert (articles_after, quantities_after) == (articles, quantities)     # the rerun adds nothing
    assert sorted(all_errors) == sorted(first_errors * 2)                    # and logs the same errors
    for r, place in bad:                              # each bad record named once: one line, one row a run
        assert sum(_named(place, path) for path, _reason in first_errors) == 1, (place, errors, records)
        assert sum(line.startswith("skipped ") and _named(place, line[8:].split(": ")[0]) for line in lines) == 1
    assert set(articles) == {r.doc for r in good}    # every good record, and nothing else
    for r in good:
        assert articles[r.doc] == r.text if r.exact else r.text in articles[r.doc]
