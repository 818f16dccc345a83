"""Reliability of `warehouse load` on inputs we do not control (issue 4): every bad input is skipped
with one stderr line naming it and the reason, recorded in load_errors with the load id, and the good
inputs still load; legacy encodings decode to the right text; oversized articles are bounded; exit
codes; and migrations keep data when stepping one revision down and up again."""
from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import extractors
from conftest import ROOT, SEEDS, invoke
from warehouse import db, load, read

GOOD = "Exports rose 12 percent to 4.5 million tonnes in 2024, the ministry said."
TR = "Türkiye'nin ihracatı 2024 yılında yüzde 3,2 artarak 255 milyar dolara ulaştı; şirketler üçüncü çeyrekte güçlü büyüdü."
RU = "Товарооборот России и Казахстана в январе-августе 2025 года составил 18,4 млрд долларов, сообщила пресс-служба."
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


@pytest.fixture(scope="module")
def template_db(tmp_path_factory) -> Path:
    """An empty warehouse at head, copied for each test (skips alembic's start-up per test)."""
    path = tmp_path_factory.mktemp("template") / "empty.duckdb"
    db.migrate(path)
    return path


@pytest.fixture
def wh(template_db, tmp_path) -> Path:
    path = tmp_path / "w.duckdb"
    shutil.copy(template_db, path)
    return path


def fetch(path, sql, params=None):
    con = db.connect(path, read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def lines_naming(stderr: str, name: str) -> list[str]:
    return [line for line in stderr.splitlines() if name in line]


def write_good(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    f = folder / "good.txt"
    f.write_text(GOOD, encoding="utf-8")
    return f


# ---------------------------------------------------------------- one bad input among good ones

BAD_INPUTS = {  # case: (name of the bad input as it appears in messages, bytes or None, reason pattern)
    "empty file": ("empty.txt", b"", r"empty file"),
    "blank file": ("blank.txt", b" \n\t\n", r"empty file"),
    "PNG renamed .txt": ("image.txt", PNG + bytes(range(256)), r"binary file \(PNG image\)"),
    "gzip renamed .txt": ("archive.txt", gzip.compress(GOOD.encode() * 50), r"binary file \(gzip data\)"),
    "invalid UTF-8": ("broken.txt", TR[:30].encode() + b"\xff\xfe" + TR[30:].encode(),
                      rf"invalid UTF-8 at byte {len(TR[:30].encode())} .*damaged or mixed-encoding"),
    "truncated UTF-8 sequence": ("cut.txt", "Şirketler ".encode() * 20 + "ş".encode()[:1] + b" 5 ton",
                                 r"invalid UTF-8 at byte 220"),
    "invalid date marker": ("baddate.txt", b" date 2025-13-45 Exports rose 5 percent.",
                            r"invalid publication date '2025-13-45' in the leading ' date' marker"),
    "unparseable date marker": ("baddate2.txt", b" date 25/10/2025 Exports rose 5 percent.",
                                r"unparseable publication date '25/10/2025'"),
    "invalid Yayin Tarihi": ("yayin.txt", "Başlık\nYayın Tarihi: 31.02.2025 10:00\nİhracat yüzde 5 arttı.".encode(),
                             r"invalid publication date 'Yayın Tarihi: 31.02.2025'"),
    "unsupported extension": ("notes.docx", b"PK\x03\x04", r"unsupported file type '.docx'"),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_file_is_skipped_with_one_line_and_recorded(case, tmp_path, wh):
    name, data, reason = BAD_INPUTS[case]
    good = write_good(tmp_path / "in")
    bad = tmp_path / "in" / name
    bad.write_bytes(data)
    # files named on the command line (a .docx in a folder would only be counted as skipped)
    res = invoke("load", good, bad, "--db", wh, "--workers", 1)
    assert res.exit_code == 1, res.output
    mentioned = lines_naming(res.stderr, name)
    assert len(mentioned) == 1, res.stderr
    assert re.fullmatch(rf"skipped {re.escape(str(bad))}: {reason}.*", mentioned[0]), mentioned[0]
    assert "Traceback" not in res.output
    assert "1 articles loaded" in res.stdout and "1 errors" in res.stdout
    (load_id, status), = fetch(wh, "select load_id, status from load_log")
    assert status == "finished"
    rows = fetch(wh, "select load_id, path, reason from load_errors")
    assert len(rows) == 1 and rows[0][0] == load_id and rows[0][1] == str(bad)
    assert re.match(reason, rows[0][2]), rows[0][2]
    assert fetch(wh, "select doc, article_text from dim_article") == [("good.txt", GOOD)]
    assert fetch(wh, "select count(*) from fact_quantity")[0][0] == len(extractors.extract(GOOD, "en"))


def test_missing_path_and_folder_without_articles(tmp_path, wh):
    good = write_good(tmp_path / "in")
    (tmp_path / "nothing" / "sub").mkdir(parents=True)
    (tmp_path / "nothing" / "sub" / "notes.md").write_text("no articles here", encoding="utf-8")
    missing = tmp_path / "no" / "such.txt"
    res = invoke("load", good, missing, tmp_path / "nothing", "--db", wh, "--workers", 1)
    assert res.exit_code == 1
    assert lines_naming(res.stderr, str(missing)) == [f"skipped {missing}: no such file or directory"]
    assert lines_naming(res.stderr, "nothing") == [f"skipped {tmp_path / 'nothing'}: no article files "
                                                   f"(.txt, .jsonl, .html, .htm, .warc, .csv, .tsv, .parquet) in directory"]
    load_id = fetch(wh, "select load_id from load_log")[0][0]
    assert sorted(fetch(wh, "select path, load_id from load_errors")) == sorted(
        [(str(missing), load_id), (str(tmp_path / "nothing"), load_id)])
    assert fetch(wh, "select doc from dim_article") == [("good.txt",)]
    assert fetch(wh, "select skipped, errors from load_log") == [(1, 2)]  # notes.md counted as skipped


def test_malformed_jsonl_lines_among_good_ones(tmp_path, wh):
    f = tmp_path / "news.jsonl"
    good = [{"id": f"g{i}", "lang": "en", "published": "2025-03-0%d" % (i + 1), "text": f"{GOOD} Item {i}."}
            for i in range(3)]
    lines = [json.dumps(good[0]), '{"id": "x", "text": "unterminated', json.dumps(good[1]), "[1, 2, 3]",
             json.dumps({"id": "nt", "title": "no text"}),
             json.dumps({"id": "d", "text": GOOD + " dated", "published": "yesterday"}),
             json.dumps({"id": "d2", "text": GOOD + " dated 2", "published": "2025-02-30"}),
             json.dumps(good[2])]
    f.write_bytes(("\n".join(lines) + "\n").encode("utf-8") + b'{"id": "u", "text": "caf\xe9 5 kg"}\n')
    res = invoke("load", f, "--db", wh, "--workers", 1)
    assert res.exit_code == 1
    want = {2: "malformed JSONL line: ", 4: "malformed JSONL line: line is not a JSON object",
            5: "malformed JSONL line: no text",
            6: "unparseable published date 'yesterday' (expected YYYY-MM-DD, an ISO date-time, DD.MM.YYYY, YYYY-MM or YYYY)",
            7: "unparseable published date '2025-02-30'", 9: "malformed JSONL line: "}
    got = dict(fetch(wh, "select path, reason from load_errors"))
    assert sorted(got) == sorted(f"{f}:{n}" for n in want)
    for n, reason in want.items():
        assert got[f"{f}:{n}"].startswith(reason)
        assert len(lines_naming(res.stderr, f"{f}:{n}:")) == 1
    assert fetch(wh, "select doc, published::varchar from dim_article order by doc") == [
        ("g0", "2025-03-01"), ("g1", "2025-03-02"), ("g2", "2025-03-03")]
    assert fetch(wh, "select count(distinct load_id) from load_errors") == fetch(wh, "select count(*) from load_log")


@pytest.mark.parametrize("text,encoding,lang", [
    (TR, "cp1254", "tr"),       # Windows-1254, Turkish
    (RU, "cp1251", "ru"),       # Windows-1251, Russian
    (TR, "utf-16", "tr"),       # UTF-16 with BOM (Python writes one)
    (RU, "utf-16-be", "ru"),    # big-endian, BOM written by hand below
    (TR, "utf-8-sig", "tr"),    # UTF-8 with BOM: the BOM is not part of the text
    (RU, "koi8_r", "ru"),
])
def test_legacy_encodings_decode_to_the_right_text(tmp_path, wh, text, encoding, lang):
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    f = tmp_path / f"article_{encoding}.txt"
    f.write_bytes(data)
    res = invoke("load", f, "--db", wh, "--workers", 1)
    assert res.exit_code == 0, res.stderr
    assert fetch(wh, "select article_text, lang, n_chars from dim_article") == [(text, lang, len(text))]
    facts = fetch(wh, 'select f.text, a.article_text[f.start + 1:f."end"] from v_fact_quantity f join dim_article a '
                      'using (article_id)')
    assert facts and all(surface == at for surface, at in facts)  # offsets point into the decoded text


def test_decoding_of_ambiguous_and_damaged_bytes():
    # a legacy code page whose bytes happen to form a few valid UTF-8 pairs is still a legacy code page
    quoted = "Пресс-служба «ТАСС» сообщила: ВВП вырос на 3 процента, «РИА» подтвердило."
    assert read.decode(quoted.encode("cp1251")) == quoted
    with pytest.raises(ValueError, match="invalid UTF-16"):
        read.decode(b"\xff\xfe" + "ok".encode("utf-16-le") + b"\x00\xd8")  # lone surrogate
    for magic, kind in [(b"%PDF-1.7\n", "PDF"), (b"PK\x03\x04", "zip"), (b"\xff\xd8\xff\xe0", "JPEG")]:
        with pytest.raises(ValueError, match=f"binary file \\({kind}"):
            read.decode(magic + b"rest of the file")


# ---------------------------------------------------------------- big inputs


def _run_measured(args, cwd) -> tuple[int, str, str, float, int]:
    """Run a command; (exit code, stdout, stderr, seconds, peak RSS in MB of that process).
    The peak is the process's own high-water mark (VmHWM), read until it exits: ru_maxrss would
    carry over the RSS of this test process, which Linux keeps across fork and exec."""
    t0 = time.monotonic()
    out, err = cwd / "out.txt", cwd / "err.txt"
    peak_kb = 0
    with out.open("wb") as o, err.open("wb") as e:
        proc = subprocess.Popen(args, stdout=o, stderr=e, cwd=cwd)
        while True:
            peak_kb = max(peak_kb, _high_water_kb(proc.pid))
            pid, status, _ = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            time.sleep(0.02)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return (proc.returncode, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8"),
            time.monotonic() - t0, peak_kb // 1024)


def _high_water_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0   # (a zombie has no memory map left: its last reading stands)


def test_50_mb_article_is_rejected_unread_and_a_5_mb_line_loads(tmp_path, template_db):
    """Limit: one article (a .txt file or a JSONL line) up to read.MAX_ARTICLE_BYTES (16 MiB) loads;
    a bigger one is rejected before it is read, so memory stays bounded by the limit."""
    assert 5_000_000 < read.MAX_ARTICLE_BYTES < 50_000_000
    filler = ("The delegation discussed regional cooperation, transport corridors and the energy "
              "agenda with their counterparts during the visit. ")
    huge = tmp_path / "huge.txt"
    with huge.open("w", encoding="utf-8") as fh:
        block = filler * 1000
        while fh.tell() < 50_000_000:
            fh.write(block)
    big_text = "Exports rose 12 percent in 2024. " + filler * (5_000_000 // len(filler)) + "Imports fell 3 percent."
    lines = tmp_path / "big.jsonl"
    lines.write_text(json.dumps({"id": "small", "lang": "en", "text": GOOD}) + "\n" +
                     json.dumps({"id": "big", "lang": "en", "text": big_text}) + "\n" +
                     json.dumps({"id": "huge", "lang": "en", "text": filler * (50_000_000 // len(filler))}) + "\n" +
                     json.dumps({"id": "after", "lang": "en", "text": GOOD + " Again."}) + "\n", encoding="utf-8")
    path = tmp_path / "w.duckdb"
    shutil.copy(template_db, path)
    code, out, err, seconds, rss_mb = _run_measured(
        [sys.executable, "-m", "warehouse.cli", "load", str(huge), str(lines), "--db", str(path), "--workers", "1"],
        tmp_path)
    assert code == 1, err
    assert lines_naming(err, "huge.txt") == [f"skipped {huge}: article too large: 50.0 MB, limit 16.8 MB "
                                             "(one article a file or JSONL line; split bigger inputs into articles)"]
    assert len(lines_naming(err, f"{lines}:3: article too large: 50.0 MB")) == 1
    assert sorted(fetch(path, "select doc, n_chars from dim_article")) == [
        ("after", len(GOOD) + 7), ("big", len(big_text)), ("small", len(GOOD))]
    stored = [t for (t,) in fetch(path, "select text from v_quantities where doc = 'big' order by start")]
    assert stored == [q.text for q in extractors.extract(big_text, "en")]
    assert stored[0] == "12 percent" and stored[-1] == "3 percent"
    assert seconds < 60, seconds
    assert rss_mb < 600, rss_mb  # a 50 MB line is skipped in 1 MB pieces, never held whole
    print(f"50 MB + 5 MB inputs: {seconds:.1f} s, peak RSS {rss_mb} MB")


# ---------------------------------------------------------------- exit codes


def test_exit_codes(tmp_path, wh):
    good = write_good(tmp_path / "in")
    assert invoke("load", good, "--db", wh, "--workers", 1).exit_code == 0            # all loaded
    assert invoke("load", good, "--db", wh, "--workers", 1).exit_code == 0            # all already there
    assert invoke("load", good, tmp_path / "gone.txt", "--db", wh).exit_code == 1     # some rejected
    assert invoke("load", "--db", wh).exit_code == 2                                  # usage: no PATHS
    assert invoke("load", good, "--workers", 0, "--db", wh).exit_code == 2            # usage: bad option
    assert invoke("frobnicate").exit_code == 2                                        # usage: no such command
    not_db = tmp_path / "notes.duckdb"
    not_db.write_text("not a database", encoding="utf-8")
    for args in (["load", good, "--db", not_db], ["load", good, "--db", tmp_path / "no" / "dir" / "w.duckdb"],
                 ["query", "select 1", "--db", not_db], ["query", "select nope", "--db", wh],
                 ["stats", "--db", tmp_path / "absent.duckdb"], ["migrate", "--db", not_db]):
        res = invoke(*args)
        assert res.exit_code == 2, args
        assert res.stderr.startswith("error: ") and "Traceback" not in res.output, res.stderr
    assert not_db.read_text(encoding="utf-8") == "not a database"


def test_exit_codes_are_documented():
    help_text = invoke("load", "--help").stdout
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for code, words in [(0, "everything was read"), (1, "some inputs were rejected"), (2, "usage error")]:
        assert re.search(rf"^\s*{code}\s+{words}", help_text, re.M), help_text
        assert re.search(rf"^\| {code} \| {words}", readme, re.M)
    assert re.search(r"^## Reliability\n(?!\(to be filled\))", readme, re.M)


# ---------------------------------------------------------------- migrations keep data


def _snapshot(path) -> dict[str, tuple[list[str], list[tuple]]]:
    """Every table's columns and rows (sorted), views excluded."""
    con = db.connect(path, read_only=True)
    try:
        tables = [r[0] for r in con.execute("select table_name from duckdb_tables() order by 1").fetchall()]
        out = {}
        for t in tables:
            cur = con.execute(f'select * from "{t}"')
            cols = [d[0] for d in cur.description]
            out[t] = (cols, sorted(cur.fetchall(), key=repr))
        return out
    finally:
        con.close()


def _project(snap, table, cols):
    names, rows = snap[table]
    idx = [names.index(c) for c in cols]
    return sorted((tuple(r[i] for i in idx) for r in rows), key=repr)


def test_one_step_down_and_up_keeps_every_row(tmp_path):
    """Load the samples, downgrade one revision from head, upgrade again: every row of every table is
    still there, and every column that survives the downgrade keeps its values throughout."""
    path = tmp_path / "w.duckdb"
    load.load([SEEDS], path, workers=1)
    at_head = _snapshot(path)
    assert at_head["fact_quantity"][1] and at_head["dim_article"][1]
    db.downgrade(path, "-1")
    assert db.current_revision(path) != db.head_revision()
    down = _snapshot(path)
    db.migrate(path)
    assert db.current_revision(path) == db.head_revision()
    again = _snapshot(path)
    assert sorted(again) == sorted(at_head)
    for table, (cols, rows) in at_head.items():
        if table == "alembic_version":
            continue
        assert len(again[table][1]) == len(rows), table
        if table in down:
            kept = [c for c in down[table][0] if c in cols]
            assert _project(down, table, kept) == _project(at_head, table, kept), table
            assert _project(again, table, kept) == _project(at_head, table, kept), table
    con = db.connect(path, read_only=True)
    n = con.execute("select count(*) from v_quantities").fetchone()[0]
    con.close()
    assert n == len(at_head["fact_quantity"][1])
