"""`warehouse report`: one self-contained HTML page of what the warehouse holds (coverage), how the
indicators moved (one chart per indicator series), where outlets disagree and which facts were
reported in the most languages.

Every number on the page comes from the SQL aggregates in sql/report/ (capped by LIMITS, so the page
does not grow with the mentions). The charts are Vega-Lite specifications written with Altair and
rendered to SVG at build time by vl-convert: the page has no script and loads nothing, so it opens
offline. What a point shows on hover is an SVG <title> (see `_hover_titles`)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb

from warehouse import db
from warehouse.output import readable_number
from warehouse.resources import report_sql_dir

# caps on what one page shows: the page's size is bounded whatever the warehouse holds
LIMITS = {
    "max_outlets": 25,     # coverage: outlets with the most articles; also outlets named per fact
    "max_loads": 20,       # coverage: latest runs in the load history
    "max_charts": 12,      # indicator series charts (an indicator in one unit each)
    "max_lines": 8,        # entity sets a chart draws
    "max_points": 40,      # latest periods a line draws
    "max_groups": 20,      # groups of disagreeing facts
    "max_group_facts": 6,  # facts shown in a group (the most reported)
    "max_facts": 20,       # facts reported in the most languages
}
SENTENCE_CHARS = 300       # a longer sentence is cut, with an ellipsis
CHART_WIDTH = 420

_PARAMETER = re.compile(r"\$(\w+)")


@dataclass
class Report:
    path: Path
    charts: int
    series: int
    bytes: int

    def text(self) -> str:
        return (f"wrote {self.path}: {self.charts} charts ({self.series} indicator series), "
                f"{self.bytes / 1e3:,.0f} kB")


def build_report(db_path, out, indicator: str | None = None, entity: str | None = None,
                 since: date | None = None) -> Report:
    """Write the report page of the warehouse at `db_path` to `out`; filters as `warehouse report`."""
    con = db.connect(db_path, read_only=True)
    try:
        _check(con, db_path, indicator, entity)
        page = _Page(con)
        page.run("facts", indicator=indicator, entity=entity, since=since)
        html_text = page.render(filters={"indicator": indicator, "entity": entity, "since": since})
    except duckdb.Error as exc:
        raise db.WarehouseError(f"report of {db_path} failed: {exc}") from None
    finally:
        con.close()
    out = Path(out)
    try:
        out.write_text(html_text, encoding="utf-8")
    except OSError as exc:
        raise db.WarehouseError(f"cannot write the report to {out}: {exc}") from None
    return Report(out, page.charts, page.series, out.stat().st_size)


def _check(con, db_path, indicator, entity) -> None:
    if not db.is_current(con):
        raise db.WarehouseError(f"the schema of {db_path} is not this program's: run "
                                f"`warehouse migrate --db {db_path}` first")
    for value, table, key in ((indicator, "dim_indicator", "indicator_id"), (entity, "dim_entity", "entity_id")):
        if value is not None and not con.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", [value]).fetchone():
            raise db.WarehouseError(f"unknown {key.removesuffix('_id')} {value!r}: see "
                                    f"`warehouse query \"select {key}, name from {table}\" --db {db_path}`")


class _Page:
    """The queries of sql/report/ on one read-only connection, and the page built from their rows."""

    def __init__(self, con) -> None:
        self.con = con
        self.charts = 0
        self.series = 0

    def run(self, name: str, **params) -> list[dict]:
        """Rows (as dicts) of sql/report/NAME.sql; it gets the parameters it names, LIMITS included."""
        sql = (report_sql_dir() / f"{name}.sql").read_text(encoding="utf-8")
        given = {**LIMITS, **params}
        cur = self.con.execute(sql, {p: given[p] for p in set(_PARAMETER.findall(sql))})
        if cur.description is None:
            return []
        columns = [d[0] for d in cur.description]
        return [dict(zip(columns, r)) for r in cur.fetchall()]

    def render(self, filters: dict) -> str:
        since = filters["since"]
        months = self.run("articles_per_month", since=since)
        outlets = self.run("articles_per_outlet", since=since)
        dimensions = self.run("quantities_per_dimension", since=since)
        loads = self.run("load_history")
        series = self.run("series")
        disagreements = self.run("disagreements")
        languages = self.run("languages")
        details = self._details({r["fact"] for r in series + disagreements + languages})
        charts = _Charts(self)
        return page(
            filters=filters,
            coverage=[charts.articles_per_month(months), charts.articles_per_outlet(outlets),
                      charts.quantities_per_dimension(dimensions)],
            loads=loads,
            series=charts.indicator_series(series, details),
            disagreements=[{**r, **details.get(r["fact"], {})} for r in disagreements],
            languages=[{**r, **details.get(r["fact"], {})} for r in languages])

    def _details(self, facts: set[str]) -> dict[str, dict]:
        """Outlets and one sentence of each shown fact (sql/report/fact_details.sql)."""
        if not facts:
            return {}
        import pyarrow as pa

        self.con.register("report_shown", pa.table({"fact": pa.array(sorted(facts), pa.string())}))
        try:
            rows = self.run("fact_details")
        finally:
            self.con.unregister("report_shown")
        return {r["fact"]: {"outlets": _named(r["outlets"], r["n_outlets"]), "sentence": _short(r["sentence"])}
                for r in rows}


def _named(names: list[str], total: int) -> str:
    more = total - len(names)
    return ", ".join(names) + (f" and {more} more" if more > 0 else "")


def _short(sentence: str | None) -> str:
    s = " ".join((sentence or "").split())
    return s if len(s) <= SENTENCE_CHARS else s[: SENTENCE_CHARS - 1] + "…"


def period_text(start: date | None, end: date | None) -> str:
    """2024 for a whole year, 2025-01..2025-07 for whole months, else the two days."""
    if start is None:
        return "no period stated"
    whole_months = start.day == 1 and date.fromordinal(end.toordinal() + 1).day == 1
    if whole_months and start.month == 1 and end.month == 12 and start.year == end.year:
        return str(start.year)
    if whole_months:
        first, last = f"{start:%Y-%m}", f"{end:%Y-%m}"
        return first if first == last else f"{first}..{last}"
    return f"{start.isoformat()}..{end.isoformat()}"


def value_text(value: float | None, unit: str | None) -> str:
    return "" if value is None else f"{readable_number(value)} {unit or ''}".strip()


class _Charts:
    """Altair charts rendered to inline SVG; each returns (title, svg or None when there is no data)."""

    def __init__(self, page: _Page) -> None:
        self.page = page

    def _svg(self, chart) -> str:
        import vl_convert

        self.page.charts += 1
        return _hover_titles(vl_convert.vegalite_to_svg(chart.to_dict()))

    def articles_per_month(self, rows: list[dict]):
        import altair as alt

        title = "Articles per month and language"
        rows = [r for r in rows if r["month"] is not None]
        if not rows:
            return title, None
        data = [{"month": r["month"].isoformat(), "lang": r["lang"], "articles": r["articles"],
                 "hover": f"{r['month']:%Y-%m}, {r['lang']}: articles {r['articles']:,}"} for r in rows]
        chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
            x=alt.X("month:T", title="month published", timeUnit="yearmonth"),
            y=alt.Y("articles:Q", title="articles", stack=True),
            color=alt.Color("lang:N", title="language"), description="hover:N",
        ).properties(width=CHART_WIDTH, height=220)
        return title, self._svg(chart)

    def articles_per_outlet(self, rows: list[dict]):
        import altair as alt

        title = f"Articles per outlet (the {LIMITS['max_outlets']} with the most) and language"
        if not rows:
            return title, None
        data = [{**r, "hover": f"{r['outlet']}, {r['lang']}: articles {r['articles']:,}"} for r in rows]
        chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
            y=alt.Y("outlet:N", title=None, sort=alt.EncodingSortField("total", order="descending")),
            x=alt.X("articles:Q", title="articles", stack=True),
            color=alt.Color("lang:N", title="language"), description="hover:N",
        ).properties(width=CHART_WIDTH - 160)
        return title, self._svg(chart)

    def quantities_per_dimension(self, rows: list[dict]):
        import altair as alt

        title = "Quantities per dimension and language"
        if not rows:
            return title, None
        data = [{**r, "hover": f"{r['dimension']}, {r['lang']}: quantities {r['quantities']:,}"} for r in rows]
        chart = alt.Chart(alt.Data(values=data)).mark_bar().encode(
            y=alt.Y("dimension:N", title=None, sort="-x"),
            x=alt.X("quantities:Q", title="quantities", stack=True),
            color=alt.Color("lang:N", title="language"), description="hover:N",
        ).properties(width=CHART_WIDTH - 120)
        return title, self._svg(chart)

    def indicator_series(self, rows: list[dict], details: dict[str, dict]) -> list[tuple[str, str]]:
        """One chart per indicator and unit: value per period, one line per entity set, each point
        with the value, outlets, languages and sentence on hover."""
        charts: dict[tuple[str, str], list[dict]] = {}
        for r in rows:
            charts.setdefault((r["indicator_name"], r["unit"]), []).append(r)
        return [self._series_chart(name, unit, points, details) for (name, unit), points in charts.items()]

    def _series_chart(self, name: str, unit: str, points: list[dict], details: dict[str, dict]):
        import altair as alt

        self.page.series += 1
        data = []
        for r in points:
            d = details.get(r["fact"], {})
            data.append({
                "period": r["period_middle"].isoformat(), "value": r["value"], "entity": r["entity"],
                "hover": "\n".join([
                    f"{r['entity']}, {period_text(r['period_start'], r['period_end'])}: {value_text(r['value'], unit)}",
                    f"reported by {d.get('outlets', '?')} ({r['languages']})"
                    + ("; other outlets report another value" if r["disagreement"] else ""),
                    f"“{d.get('sentence', '')}”"]),
            })
        base = alt.Chart(alt.Data(values=data)).encode(
            x=alt.X("period:T", title="period (middle)", axis=alt.Axis(format="%b %Y", labelOverlap=True)),
            y=alt.Y("value:Q", title=unit, axis=alt.Axis(format="~s")),
            color=alt.Color("entity:N", title="entities"))
        chart = (base.mark_line(aria=False, opacity=0.6)
                 + base.mark_point(filled=True, size=60).encode(description="hover:N")
                 ).properties(width=CHART_WIDTH, height=240)
        return f"{name} ({unit})", self._svg(chart)


_HOVER_POINT = re.compile(r'<path aria-label="([^"]*)" role="graphics-symbol"([^>]*?)/>')


def _hover_titles(svg: str) -> str:
    """Turn each mark's description (Vega writes it as aria-label) into an SVG <title>, which browsers
    show on hover with no script and screen readers read as its name. The text is already escaped."""
    return _HOVER_POINT.sub(r'<path role="graphics-symbol"\2><title>\1</title></path>', svg)


# ---------------------------------------------------------------- the page

STYLE = """
body { font: 14px/1.45 system-ui, sans-serif; margin: 1.5em auto; max-width: 1200px; color: #222; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { border-bottom: 1px solid #ccc; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: .4em 0; }
.charts { display: flex; flex-wrap: wrap; gap: 1.2em; }
figure { margin: 0; padding: .6em; border: 1px solid #e3e3e3; border-radius: 4px; }
table { border-collapse: collapse; margin: .6em 0; width: 100%; }
th, td { border-bottom: 1px solid #e3e3e3; padding: .25em .5em; text-align: left; vertical-align: top; }
td.num { text-align: right; white-space: nowrap; }
tr.group td { border-top: 2px solid #999; }
.sentence { color: #444; font-style: italic; }
.note, .empty { color: #666; }
"""


def _e(value) -> str:
    return html.escape("" if value is None else str(value))


def _figure(title: str, svg: str | None) -> str:
    body = svg if svg else '<p class="empty">No data.</p>'
    return f"<figure><h3>{_e(title)}</h3>{body}</figure>"


def _table(columns: list[str], rows: list[list[tuple[str, str]]], row_classes: list[str] | None = None) -> str:
    """An HTML table; each cell is (css class, html)."""
    head = "".join(f"<th>{_e(c)}</th>" for c in columns)
    body = "".join(
        f'<tr class="{(row_classes or [""] * len(rows))[i]}">'
        + "".join(f'<td class="{cls}">{cell}</td>' for cls, cell in row) + "</tr>"
        for i, row in enumerate(rows))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _loads_table(loads: list[dict]) -> str:
    if not loads:
        return '<p class="empty">No load recorded.</p>'
    return _table(["started (UTC)", "kind", "status", "articles loaded", "already present", "quantities", "errors",
                   "seconds"],
                  [[("", _e(f"{r['started']:%Y-%m-%d %H:%M}" if r["started"] else "")), ("", _e(r["kind"])),
                    ("", _e(r["status"]))] + [("num", _e(f"{r[k]:,}" if r[k] is not None else ""))
                                              for k in ("articles_loaded", "articles_present", "quantities", "errors")]
                   + [("num", _e(r["seconds"]))] for r in loads])


def _disagreement_table(rows: list[dict]) -> str:
    if not rows:
        return '<p class="empty">No two outlets report different values for the same indicator, entities and period.</p>'
    classes, cells, last = [], [], None
    for r in rows:
        group = (r["indicator"], r["entity"], r["period_start"], r["period_end"], r["unit"])
        classes.append("group" if group != last else "")
        first = group != last
        last = group
        cells.append([("", _e(r["indicator_name"]) if first else ""), ("", _e(r["entity"]) if first else ""),
                      ("", _e(period_text(r["period_start"], r["period_end"])) if first else ""),
                      ("num", _e(value_text(r["value"], r["unit"]))), ("", _e(r.get("outlets", ""))),
                      ("", _e(r["languages"])), ("sentence", _e(r.get("sentence", "")))])
    return _table(["indicator", "entities", "period", "value", "outlets", "languages", "sentence"], cells, classes)


def _languages_table(rows: list[dict]) -> str:
    if not rows:
        return '<p class="empty">No facts.</p>'
    return _table(["languages", "indicator", "entities", "period", "value", "outlets", "sentence"],
                  [[("num", _e(r["n_languages"])), ("", _e(r["indicator_name"] or "")), ("", _e(r["entity"])),
                    ("", _e(period_text(r["period_start"], r["period_end"])
                            + (" (target)" if r["period_is_target"] else ""))),
                    ("num", _e(value_text(r["value"], r["unit"]))),
                    ("", _e(f"{r.get('outlets', '')} ({r['languages']})")), ("sentence", _e(r.get("sentence", "")))]
                   for r in rows])


def page(filters: dict, coverage: list, loads: list[dict], series: list, disagreements: list[dict],
         languages: list[dict]) -> str:
    shown = ", ".join(f"{k} {v}" for k, v in filters.items() if v is not None)
    series_html = ("".join(_figure(t, s) for t, s in series) if series else
                   '<p class="empty">No indicator series: no fact has an indicator, entities and a stated period.</p>')
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warehouse report</title><style>{STYLE}</style></head>
<body>
<h1>Warehouse report</h1>
<p class="note">Built {date.today().isoformat()}{' for ' + _e(shown) if shown else ''}. Hover over a point or bar
for its figures. Values are in base units (currencies unconverted).</p>
<h2 id="coverage">Coverage</h2>
<div class="charts">{''.join(_figure(t, s) for t, s in coverage)}</div>
<h3>Load history (latest {LIMITS['max_loads']} runs)</h3>
{_loads_table(loads)}
<h2 id="series">Indicator series</h2>
<p class="note">One chart per indicator (in one unit): the value of each linked fact at the middle of its
period, one line per set of entities; at most {LIMITS['max_charts']} charts, {LIMITS['max_lines']} lines a chart
and the latest {LIMITS['max_points']} periods a line.</p>
<div class="charts">{series_html}</div>
<h2 id="disagreements">Where outlets disagree</h2>
<p class="note">Facts with the same indicator, entities and period whose values do not round to each other
(v_fact_conflicts); one group a figure, one row a reported value.</p>
{_disagreement_table(disagreements)}
<h2 id="languages">Facts reported in the most languages</h2>
{_languages_table(languages)}
</body></html>
"""
