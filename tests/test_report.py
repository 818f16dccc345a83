"""`warehouse report` opened in a real browser (headless Chromium, Debian's `chromium` package that
.ci/run installs), and `warehouse export` read back by DuckDB and pandas."""
from __future__ import annotations

import html
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import DEV_DOCS, SHARED, invoke

FACTS_DEV_DOCS = SHARED / "eval" / "facts_dev" / "docs"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def dev_warehouse(tmp_path_factory) -> Path:
    """A warehouse of ../shared/eval/facts_dev/docs and ../shared/eval/dev/docs."""
    db = tmp_path_factory.mktemp("report") / "dev.duckdb"
    res = invoke("load", FACTS_DEV_DOCS, DEV_DOCS, "--db", db, "--workers", "1", "--quiet")
    assert res.exit_code == 0, res.stderr
    return db


@pytest.fixture(scope="module")
def report_page(dev_warehouse, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "report.html"
    res = invoke("report", "--db", dev_warehouse, "--out", out)
    assert res.exit_code == 0, res.stderr
    assert f"wrote {out}" in res.stdout
    return out


def chromium(page: Path, *args: str) -> subprocess.CompletedProcess:
    """Open `page` in headless Chromium with no network (every host unresolvable) and console
    messages logged to stderr."""
    assert CHROMIUM, "headless Chromium is needed: apt-get install chromium (.ci/run installs it)"
    return subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0",
         "--host-resolver-rules=MAP * ~NOTFOUND", *args, page.resolve().as_uri()],
        capture_output=True, text=True, timeout=120)


def console_messages(stderr: str) -> list[str]:
    return re.findall(r":CONSOLE:\d+\] (.*)", stderr)


def test_console_check_sees_a_script_error(tmp_path):
    """The check below would notice a page that fails in the browser."""
    bad = tmp_path / "bad.html"
    bad.write_text("<!DOCTYPE html><html><body><script>notDefined();</script></body></html>", encoding="utf-8")
    assert any("notDefined" in m for m in console_messages(chromium(bad, "--dump-dom").stderr))


def test_report_renders_offline_with_coverage_series_and_disagreements(report_page):
    source = report_page.read_text(encoding="utf-8")
    # self-contained: no script, nothing fetched
    assert "<script" not in source
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", source)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//|@import", source)

    run = chromium(report_page, "--dump-dom")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    dom = run.stdout
    sections = dict(re.findall(r'<h2 id="(\w+)">.*?</h2>(.*?)(?=<h2 |</body>)', dom, re.S))
    assert set(sections) == {"coverage", "series", "disagreements", "languages"}

    coverage = sections["coverage"]
    for title in ("Articles per month and language", "Articles per outlet", "Quantities per dimension and language"):
        assert title in coverage
    assert coverage.count("<svg") == 3
    assert len(re.findall(r'aria-roledescription="bar"', coverage)) > 10      # the bars are drawn
    assert "<table>" in coverage and "finished" in coverage                     # the load history

    series = sections["series"]
    assert "Trade turnover (USD)" in series
    points = re.findall(r'aria-roledescription="point"[^>]*><title>(.*?)</title>', series, re.S)
    assert len(points) >= 20
    hover = [html.unescape(p) for p in points]
    # each point: entities, period and value; who reported it in which languages; the sentence
    assert any(re.match(r"UZB, 2023-01\.\.2023-06: 30,800,000,000 USD\nreported by .+ \(az, en, ru, uz\)\n“.+”$", h)
               for h in hover), hover[:5]
    assert all(h.count("\n") == 2 and h.endswith("”") and len(h.split("\n")[2]) > 10 for h in hover)

    disagreements = sections["disagreements"]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", disagreements, re.S)
    assert len(rows) >= 4
    assert "6,100,000,000 USD" in disagreements and "28,700,000,000 USD" in disagreements   # tr and ru disagree
    assert "По итогам прошлого года объём взаимной торговли достиг 28,7 млрд долларов." in html.unescape(disagreements)

    languages = sections["languages"]
    assert re.search(r'<td class="num">4</td>', languages)


def test_report_screenshot_is_drawn(report_page, tmp_path):
    shot = tmp_path / "report.png"
    run = chromium(report_page, f"--screenshot={shot}", "--window-size=1280,2400", "--hide-scrollbars")
    assert run.returncode == 0, run.stderr[-2000:]
    assert console_messages(run.stderr) == []
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 50_000   # a blank page compresses to a few kB


def test_report_filters_by_indicator_entity_and_since(dev_warehouse, tmp_path):
    out = tmp_path / "kaz.html"
    res = invoke("report", "--db", dev_warehouse, "--out", out, "--indicator", "trade_turnover",
                 "--entity", "KAZ", "--since", "2024-01-01")
    assert res.exit_code == 0, res.stderr
    page = html.unescape(out.read_text(encoding="utf-8"))
    assert "for indicator trade_turnover, entity KAZ, since 2024-01-01" in page
    charts = re.findall(r"<h3>(.*?)</h3>", page.split('id="series"')[1].split('id="disagreements"')[0])
    assert charts == ["Trade turnover (USD)"]
    lines = set(re.findall(r"<title>([^,\n]+(?:, [A-Z_]+)*), \d{4}", page.split('id="series"')[1]))
    assert lines and all("KAZ" in line for line in lines), lines
    months = re.findall(r"<title>(\d{4}-\d{2}), \w\w: articles", page)
    assert months and min(months) >= "2024-01"


def test_report_rejects_unknown_indicator_and_missing_warehouse(dev_warehouse, tmp_path):
    res = invoke("report", "--db", dev_warehouse, "--out", tmp_path / "x.html", "--indicator", "no_such_thing")
    assert res.exit_code == 2 and "unknown indicator 'no_such_thing'" in res.stderr
    res = invoke("report", "--db", tmp_path / "none.duckdb", "--out", tmp_path / "x.html")
    assert res.exit_code == 2 and "no warehouse at" in res.stderr
    assert not (tmp_path / "x.html").exists()
    res = invoke("report", "--db", dev_warehouse, "--out", tmp_path / "no folder" / "x.html")
    assert res.exit_code == 2 and "cannot write the report" in res.stderr


def test_report_of_an_empty_warehouse_says_so(tmp_path):
    db = tmp_path / "empty.duckdb"
    assert invoke("migrate", "--db", db).exit_code == 0
    out = tmp_path / "empty.html"
    res = invoke("report", "--db", db, "--out", out)
    assert res.exit_code == 0, res.stderr
    page = out.read_text(encoding="utf-8")
    assert "No indicator series" in page and "No load recorded" in page and "<svg" not in page


# ---------------------------------------------------------------- export

def test_export_parquet_partitioned_reads_back_in_duckdb_and_pandas(dev_warehouse, tmp_path):
    import pandas as pd

    res = invoke("export", "v_quantities", "--db", dev_warehouse, "--format", "parquet", "--out", tmp_path)
    assert res.exit_code == 0, res.stderr
    expected = duckdb.connect(str(dev_warehouse), read_only=True).execute(
        "SELECT count(*), count(DISTINCT lang) FROM v_quantities").fetchone()
    assert f"exported v_quantities: {expected[0]:,} rows" in res.stdout
    folder = tmp_path / "v_quantities"
    langs = sorted(p.name for p in folder.iterdir())
    assert len(langs) == expected[1] and all(re.fullmatch(r"lang=\w\w", name) for name in langs)
    assert any(re.fullmatch(r"year=20\d\d", p.name) for p in (folder / "lang=en").iterdir())

    glob = str(folder / "**" / "*.parquet")
    n_duckdb = duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()[0]
    frame = pd.read_parquet(folder)
    assert n_duckdb == len(frame) == expected[0]
    assert set(frame["lang"].astype(str)) == {p.removeprefix("lang=") for p in langs}


def test_export_csv_and_the_fact_views(dev_warehouse, tmp_path):
    res = invoke("export", "v_indicator_series", "--db", dev_warehouse, "--format", "csv", "--out", tmp_path)
    assert res.exit_code == 0, res.stderr
    n = duckdb.connect(str(dev_warehouse), read_only=True).execute("SELECT count(*) FROM v_indicator_series").fetchone()[0]
    assert duckdb.sql(f"SELECT count(*) FROM read_csv('{tmp_path / 'v_indicator_series.csv'}')").fetchone()[0] == n
    res = invoke("export", "v_indicator_series", "--db", dev_warehouse, "--out", tmp_path)   # parquet by default
    assert res.exit_code == 0, res.stderr
    assert any(p.name.startswith("lang=") and "_" in p.name for p in (tmp_path / "v_indicator_series").iterdir())


def test_export_accepts_only_the_views_present(dev_warehouse, tmp_path):
    for name in ("fact_quantity", "v_quantities; DROP TABLE dim_article", 'v_quantities" --'):
        res = invoke("export", name, "--db", dev_warehouse, "--out", tmp_path)
        assert res.exit_code == 2, name
        assert "choose one of" in res.stderr and "v_quantities" in res.stderr
    assert list(tmp_path.iterdir()) == []


# ---------------------------------------------------------------- readable numbers

@pytest.mark.parametrize("sql, shown", [
    ("SELECT 714600000000.0::DOUBLE AS v", "714,600,000,000"),
    ("SELECT 7.146e14::DOUBLE AS v", "714,600,000,000,000"),
    ("SELECT 1e15::DOUBLE AS v", "1,000,000,000,000,000"),
    ("SELECT 123456.789::DOUBLE AS v", "123,456.789"),
    ("SELECT 0.0000125::DOUBLE AS v", "0.0000125"),
    ("SELECT -2500000.5::DOUBLE AS v", "-2,500,000.5"),
    ("SELECT 2024 AS v", "2024"),                       # integers (years, counts, keys) stay as they are
])
def test_query_table_prints_numbers_in_full(dev_warehouse, sql, shown):
    res = invoke("query", sql, "--db", dev_warehouse)
    assert res.exit_code == 0, res.stderr
    assert res.stdout.splitlines()[2].strip() == shown
    assert "e+" not in res.stdout and "e-" not in res.stdout


def test_query_csv_and_json_keep_full_precision(dev_warehouse):
    sql = "SELECT 714612345678.125::DOUBLE AS v, 1.0000000000000002::DOUBLE AS w"
    csv_out = invoke("query", sql, "--db", dev_warehouse, "--format", "csv").stdout
    json_out = invoke("query", sql, "--db", dev_warehouse, "--format", "json").stdout
    assert "714612345678.125,1.0000000000000002" in csv_out
    assert '"v": 714612345678.125' in json_out and '"w": 1.0000000000000002' in json_out


def test_report_period_text():
    from warehouse.report import period_text

    assert period_text(date(2024, 1, 1), date(2024, 12, 31)) == "2024"
    assert period_text(date(2025, 1, 1), date(2025, 7, 31)) == "2025-01..2025-07"
    assert period_text(date(2023, 6, 1), date(2023, 6, 30)) == "2023-06"
    assert period_text(date(2024, 2, 10), date(2024, 2, 20)) == "2024-02-10..2024-02-20"
    assert period_text(None, None) == "no period stated"


def test_report_benchmark_runs_on_a_small_warehouse(tmp_path):
    """benchmarks/report.py's code path (its figures are in benchmarks/README.md, not asserted here)."""
    from benchmarks.report import bench_report

    r = bench_report(3000, tmp_path)
    assert r["mentions"] >= 3000 and r["report_s"] > 0 and 0 < r["page_mb"] < 5
    assert r["series"] >= 1 and r["charts"] == r["series"] + 3


def test_export_of_every_view_keeps_its_rows(dev_warehouse, tmp_path):
    views = ("v_quantities", "v_indicator_series", "v_facts", "v_fact_links", "v_fact_conflicts")
    with duckdb.connect(str(dev_warehouse), read_only=True) as con:
        expected = {view: con.execute(f"SELECT count(*) FROM {view}").fetchone()[0] for view in views}
    for view in views:
        res = invoke("export", view, "--db", dev_warehouse, "--out", tmp_path)
        assert res.exit_code == 0, res.stderr
        glob = str(tmp_path / view / "**" / "*.parquet")
        assert duckdb.sql(f"SELECT count(*) FROM read_parquet('{glob}', hive_partitioning = true)").fetchone()[0] \
            == expected[view], view


def test_export_into_a_file_is_an_error(dev_warehouse, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    res = invoke("export", "v_quantities", "--db", dev_warehouse, "--out", blocker / "sub")
    assert res.exit_code == 2 and "error:" in res.stderr
