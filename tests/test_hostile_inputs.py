"""Bad records cost only themselves (issue 16, item 2).

Wrong types, NaN, lone surrogates, deep nesting and file names that are not UTF-8 each become one
line on stderr and one `load_errors` row; the rest of the file and the run load, on the first run
and on every rerun. The property tests generate hostile records per input format: a format is one
entry of FORMATS (a strategy of records and a function writing them as files), so a new reader is
one more entry.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass
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


# ------------------------------------------------------------------------------ property tests

@dataclass(frozen=True)
class Record:
    """One input record: good ones carry the text that must land in dim_article."""
    good: bool
    payload: object          # what the format's writer serializes
    text: str = ""


@dataclass(frozen=True)
class Format:
    records: st.SearchStrategy        # of Record
    write: Callable[[Path, list[Record]], None]   # records -> files in the folder


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
        return Record(True, json.dumps(rec, ensure_ascii=draw(st.booleans())), rec["text"])
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


def write_jsonl(folder: Path, records: list[Record]) -> None:
    lines = [r.payload.encode("utf-8", "surrogatepass") for r in records]
    (folder / "records.jsonl").write_bytes(b"\n".join(lines) + b"\n")


@st.composite
def txt_records(draw, i: int) -> Record:
    if draw(st.booleans()):
        text = _good_text(i)
        return Record(True, (f"en_good{i}.txt".encode(), text.encode(draw(st.sampled_from(["utf-8", "utf-16"])))), text)
    name = draw(st.sampled_from([f"bad{i}.txt".encode(), f"en_\xe9{i}.txt".encode("latin-1"), f"x\n{i}.txt".encode()]))
    body = draw(st.one_of(st.binary(max_size=80), st.just(b"\x89PNG\r\n" + bytes(20)), st.just(b" date 2025-13-45 Hi."),
                          st.just(b"\xef\xbb\xbf"), st.just("caf\u00e9 \udc80".encode("utf-8", "surrogatepass"))))
    return Record(False, (name, body))


def write_txt(folder: Path, records: list[Record]) -> None:
    for r in records:
        name, body = r.payload
        with open(os.path.join(os.fsencode(folder), name), "wb") as fh:
            fh.write(body)


FORMATS = {
    "jsonl": Format(st.integers(0, 10**6).flatmap(jsonl_records), write_jsonl),
    "txt": Format(st.integers(0, 10**6).flatmap(txt_records), write_txt),
}


def _unique(records: list[Record]) -> list[Record]:   # one record per text, file name and line
    seen, out = set(), []
    for r in records:
        key = r.text or repr(r.payload)
        if key not in seen and (not isinstance(r.payload, tuple) or r.payload[0] not in seen):
            seen |= {key, r.payload[0] if isinstance(r.payload, tuple) else key}
            out.append(r)
    return out


def _folder_of(fmt: Format, records: list[Record]) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="hostile-"))
    fmt.write(folder, records)
    return folder


PROPERTY = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                            HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("fmt", FORMATS)
@PROPERTY
@given(data=st.data())
def test_reading_hostile_records_never_raises_and_every_article_is_storable(fmt, data):
    records = _unique(data.draw(st.lists(FORMATS[fmt].records, min_size=1, max_size=8)))
    folder = _folder_of(FORMATS[fmt], records)
    try:
        items = [item for item, _n in read.iter_articles([folder], "en") if item is not None]
    finally:
        shutil.rmtree(folder)
    texts = {a.text for a in items if isinstance(a, Article)}
    assert {r.text for r in records if r.good} <= texts
    assert len(items) == len(records)           # each record once: an article or one rejection
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


@pytest.mark.parametrize("fmt", FORMATS)
@settings(PROPERTY, max_examples=6)
@given(data=st.data())
def test_a_load_of_hostile_records_never_aborts_and_good_records_land(fmt, data, template):
    records = _unique(data.draw(st.lists(FORMATS[fmt].records, min_size=2, max_size=8)))
    folder = _folder_of(FORMATS[fmt], records)
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
