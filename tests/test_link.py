"""Fact linkage (warehouse/link.py, sql/link/): the precision of written values, the blocking and
compatibility rules on hand-made mentions (hard negatives included), clustering without chaining,
and fact ids that stay when new articles join."""
from __future__ import annotations

from collections import Counter
from datetime import date

import pyarrow as pa
import pytest

from warehouse import link


@pytest.mark.parametrize("text, value, resolution", [
    ("113,8 млн тонна", 113.8e6, 1e5),
    ("113 812 тыс. тонн", 113_812e3, 1e3),
    ("$30.8bn", 30.8e9, 1e8),
    ("30,84 млрд долларов", 30.84e9, 1e7),
    ("шамамен 420 шақырым", 420, 10),     # a trailing zero of an integer is rounding
    ("10 milyar dolar", 10e9, 1e9),       # ... down to two significant digits: 10 is not one ten
    ("1 000 meqavat", 1000, 100),
    ("6,0 foizga", 6.0, 0.1),             # a written decimal zero is precision
    ("1,150 km", 1150, 10),               # English thousands separator, not a decimal mark
    ("1 milyon 586 min 400 əcnəbi", 1_586_400, 100),
    ("32,4 mlrd kub metr", 32.4e9, 1e8),
])
def test_resolution_comes_from_the_written_digits(text, value, resolution):
    assert link.written_resolution(text, value) == pytest.approx(resolution)


def _within(a, b):
    """Values of two written figures (text, value, qualifier) are within each other's rounding."""
    def interval(text, value, qualifier):
        return link.value_interval(value, link.written_resolution(text, value), qualifier)
    (lo_a, hi_a), (lo_b, hi_b) = interval(*a), interval(*b)
    return lo_a <= b[1] <= hi_a or lo_b <= a[1] <= hi_b


@pytest.mark.parametrize("a, b, same", [
    (("6,43", 6.43, None), ("6,4", 6.4, None), True),
    (("about 6.4", 6.4, "approximately"), ("6.43", 6.43, None), True),
    (("113 812 тыс.", 113_812e3, None), ("113.8 million", 113.8e6, None), True),
    (("over 32", 32, "more_than"), ("32,4", 32.4, None), True),
    (("yaklaşık 6 milyon", 6e6, "approximately"), ("5 milyon 934 min", 5_934_000, None), True),
    (("6,29", 6.29, None), ("6,4", 6.4, None), False),        # another year's figure
    (("112.9", 112.9, None), ("112.8", 112.8, None), False),
    (("8,75%", 8.75, None), ("8,8%", 8.8, None), False),      # exactly half a unit apart: not a rounding
    (("10 млрд", 10e9, None), ("6,4 млрд", 6.4e9, None), False),
    (("over 32", 32, "more_than"), ("31,8", 31.8, None), False),
])
def test_values_equal_within_the_rounding_of_the_less_precise(a, b, same):
    assert _within(a, b) is same


def _row(qid, article, value, text=None, *, dimension="mass", unit="kg", qualifier=None, indicator=None,
         entities=(), period=None, target=False, published=date(2024, 2, 1), quantified=None, lang="en"):
    start, end = (date.fromisoformat(period[0]), date.fromisoformat(period[1])) if period else (None, None)
    return {"quantity_id": qid, "article_id": article, "published": published, "url": None, "doc": article,
            "lang": lang, "text": text or f"{value:g}", "value": value, "value_max": None, "base_value": value,
            "base_unit": unit, "dimension": dimension, "qualifier": qualifier, "indicator": indicator,
            "entities": list(entities), "period_start": start, "period_end": end, "period_is_target": target,
            "quantified": quantified}


def _link(rows, con=None):
    """{quantity_id: fact id} of the rows, linked against what `con` stores (a fresh database if None)."""
    con = con or link.memory_connection()
    source = {f: [r[f] for r in rows] for f in link.SOURCE_FIELDS}
    linked = link.link_new(con, link.mention_table(source))
    link.store(con, linked)
    return dict(zip(linked.column("quantity_id").to_pylist(), linked.column("fact_id").to_pylist()))


Y2023 = ("2023-01-01", "2023-12-31")
COAL = dict(indicator="coal_production", entities=("KAZ",))


def test_one_fact_across_rounding_scale_and_unknown_parts():
    facts = _link([
        _row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL),
        _row("b1", "B", 113.812e9, "113 812 тыс. тонн", period=Y2023, entities=("KAZ",)),
        _row("c1", "C", 113.8e9, "113,8 млн тонна", **COAL),   # period unstated, published in its window
    ])
    assert facts["a1"] == facts["b1"] == facts["c1"] == "a1"  # named after its first mention


@pytest.mark.parametrize("other, why", [
    (dict(period=("2022-01-01", "2022-12-31"), **COAL), "another year"),
    (dict(period=Y2023, indicator="coal_production", entities=("UZB",)), "another country"),
    (dict(period=Y2023, indicator="coal_exports", entities=("KAZ",)), "another indicator"),
    (dict(period=Y2023, target=True, **COAL), "a target against the outcome"),
    (dict(period=Y2023, published=date(2026, 5, 1), **COAL), "unstated period, published long after"),
])
def test_hard_negatives_never_link(other, why):
    published = other.pop("published", date(2024, 2, 1))
    period = other.pop("period")
    facts = _link([
        _row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL),
        _row("a2", "A2", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL),
        _row("b1", "B", 113.8e9, "113,8 млн тонна", period=period if why != "unstated period, published long after"
             else None, published=published, **other),
    ])
    assert facts["a1"] == facts["a2"]
    assert facts["b1"] != facts["a1"], why


def test_a_year_holds_its_half_but_a_month_is_not_the_cumulative_figure():
    h1, jun = ("2023-01-01", "2023-06-30"), ("2023-06-01", "2023-06-30")
    usd = dict(dimension="currency", unit="USD", indicator="trade_turnover")
    facts = _link([_row("a1", "A", 30.84e9, "30,84", period=h1, **usd),
                   _row("b1", "B", 30.8e9, "30.8", period=Y2023, **usd)])  # "in 2023" for its first half
    assert facts["a1"] == facts["b1"]
    facts = _link([_row("a1", "A", 30.84e9, "30,84", period=h1, **usd),
                   _row("c1", "C", 30.8e9, "30.8", period=jun, **usd)])
    assert facts["a1"] != facts["c1"]


def test_two_figures_of_one_article_are_one_fact_only_when_the_value_repeats():
    facts = _link([
        _row("a1", "A", 2.1, "2,1%", dimension="percentage", unit="percent", **COAL),
        _row("a2", "A", 2.0, "2%", dimension="percentage", unit="percent", **COAL),       # headline, rounded
        _row("a3", "A", 3.2, "3,2%", dimension="percentage", unit="percent", **COAL),
    ])
    assert facts["a1"] == facts["a2"] != facts["a3"]


def test_no_chaining_through_a_mention_with_unknown_parts():
    # B (no entity) is compatible with A (KAZ) and with C (UZB); A and C conflict: B joins one side only
    facts = _link([
        _row("a1", "A", 5.1, "5.1%", dimension="percentage", unit="percent", indicator="gdp_growth",
             entities=("KAZ",), period=Y2023),
        _row("b1", "B", 5.1, "5,1%", dimension="percentage", unit="percent", indicator="gdp_growth", period=Y2023),
        _row("c1", "C", 5.1, "5,1 foiz", dimension="percentage", unit="percent", indicator="gdp_growth",
             entities=("UZB",), period=Y2023),
    ])
    assert facts["a1"] != facts["c1"]
    assert facts["b1"] in (facts["a1"], facts["c1"])


def test_a_weak_match_alone_does_not_link():
    # a one-digit value with nothing else in common is no evidence of one fact
    facts = _link([
        _row("a1", "A", 2.0, "2%", dimension="percentage", unit="percent"),
        _row("b1", "B", 2.0, "2%", dimension="percentage", unit="percent"),
    ])
    assert facts["a1"] != facts["b1"]


def test_fact_ids_stay_when_new_articles_join():
    con = link.memory_connection()
    first = _link([_row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, published=date(2024, 2, 3), **COAL),
                   _row("b1", "B", 113.8e9, "113,8 млн т", period=Y2023, published=date(2024, 2, 4), **COAL)], con)
    # a later batch holds an article published earlier: it joins the stored fact, whose id stays
    later = _link([_row("c1", "C", 113.8e9, "113,8 million tonna", period=Y2023, published=date(2024, 2, 1), **COAL),
                   _row("d1", "D", 116.2e9, "116,2 млн т", period=("2021-01-01", "2021-12-31"), **COAL)], con)
    assert first == {"a1": "a1", "b1": "a1"}
    assert later == {"c1": "a1", "d1": "d1"}


def test_chunks_of_whole_dimension_and_unit_groups_link_as_one_pass():
    rows = [_row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL),
            _row("p1", "A", 4.2, "4.2%", dimension="percentage", unit="percent", period=Y2023, **COAL),
            _row("b1", "B", 113.812e9, "113 812 тыс. тонн", period=Y2023, entities=("KAZ",)),
            _row("p2", "B", 4.2, "4,2%", dimension="percentage", unit="percent", period=Y2023, **COAL),
            _row("c1", "C", 113.8e9, "113,8 млн тонна", **COAL)]
    mentions = link.mention_table({f: [r[f] for r in rows] for f in link.SOURCE_FIELDS})
    chunks = list(link._chunks(mentions, 1))
    assert sorted(sorted(c.column("quantity_id").to_pylist()) for c in chunks) == [["a1", "b1", "c1"], ["p1", "p2"]]
    con = link.memory_connection()
    link.link_and_store(con, mentions, chunk_mentions=1)
    chunked = dict(con.execute("SELECT quantity_id, fact_id FROM link_mention").fetchall())
    assert chunked == _link(rows) == {"a1": "a1", "b1": "a1", "c1": "a1", "p1": "p1", "p2": "p1"}


def test_a_new_mention_joins_a_stored_fact_only_if_it_links_to_every_member():
    # the stored fact {a1, b1}; c1 conflicts with a1 on the entity (a comparison level), d1 on the
    # indicator (the blocking already keeps them apart); e1 agrees with both and joins
    con = link.memory_connection()
    gdp = dict(dimension="percentage", unit="percent", period=Y2023)
    first = _link([_row("a1", "A", 5.1, "5.1%", indicator="gdp_growth", entities=("KAZ",), **gdp),
                   _row("b1", "B", 5.1, "5,1%", **gdp)], con)
    later = _link([_row("c1", "C", 5.1, "5,1 foiz", indicator="gdp_growth", entities=("UZB",), **gdp),
                   _row("d1", "D", 5.1, "5.1%", indicator="inflation", **gdp),
                   _row("e1", "E", 5.1, "5,1%", indicator="gdp_growth", entities=("KAZ",), **gdp)], con)
    assert first == {"a1": "a1", "b1": "a1"}
    assert later["c1"] != "a1" and later["d1"] != "a1" and later["e1"] == "a1"



def test_a_link_stage_that_fails_in_a_transaction_shows_its_own_error(tmp_path, monkeypatch):
    """A query failing as it runs inside the batch's transaction (e.g. DuckDB out of memory) must
    surface, not the "Current transaction is aborted" of the clean-up after it, which hides the cause."""
    import duckdb

    failing = tmp_path / "pairs.sql"
    failing.write_text("SELECT error('the pairs query failed as it ran') FROM (SELECT $reach)", encoding="utf-8")
    monkeypatch.setattr(link, "PAIRS_SQL", failing)
    con = link.memory_connection()
    con.begin()
    row = _row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL)
    with pytest.raises(duckdb.Error, match="the pairs query failed as it ran"):
        link.link_new(con, link.mention_table({f: [row[f]] for f in link.SOURCE_FIELDS}))


def test_a_fact_is_compared_through_its_representatives_with_the_same_outcome_as_through_every_member():
    """A stored fact of many mentions keeps a few representatives (sql/link/representatives.sql); a
    new mention joins it exactly when it would after comparing with every member."""
    import random
    from datetime import timedelta

    rng = random.Random(7)

    def mention(qid, days, words, periods):
        # a one-decimal share with no indicator or entity: whether it links turns on the dates and words
        return _row(qid, qid, 5.1, "5.1%", dimension="percentage", unit="percent", period=rng.choice(periods),
                    published=date(2023, 6, 1) + timedelta(days=rng.randrange(-days, days)),
                    quantified=rng.choice(words))

    members = [mention(f"m{i}", 25, ["economic growth", "growth rate"], [None, Y2023]) for i in range(300)]
    stored = link.mention_table({f: [r[f] for r in members] for f in link.SOURCE_FIELDS})
    stored = stored.set_column(stored.schema.get_field_index("fact_id"), "fact_id", pa.array(["m0"] * len(members)))
    with_representatives, with_every_member = link.memory_connection(), link.memory_connection()
    for con in (with_representatives, with_every_member):
        link.store(con, stored)
    with_every_member.execute("DELETE FROM link_representative")
    with_every_member.execute("INSERT INTO link_representative SELECT * EXCLUDE (article_id, outlet, lang, resolution, "
                              "qualifier) FROM link_mention")
    assert with_representatives.execute("SELECT count(*) FROM link_representative").fetchone()[0] < len(members) / 3
    joined = []
    for i in range(200):
        new = mention(f"n{i}", 80, ["economic growth", "growth rate", "inflation rate", None],
                      [None, Y2023, ("2022-01-01", "2022-12-31")])
        source = {f: [new[f]] for f in link.SOURCE_FIELDS}
        facts = [link.link_new(con, link.mention_table(source)).column("fact_id")[0].as_py()
                 for con in (with_representatives, with_every_member)]
        assert facts[0] == facts[1], new
        joined.append(facts[0] == "m0")
    assert 0 < sum(joined) < len(joined)


def test_new_mentions_queried_a_few_at_a_time_link_as_in_one_query():
    rows = [_row("a1", "A", 113.8e9, "113.8 million tonnes", period=Y2023, **COAL),
            _row("b1", "B", 113.812e9, "113 812 тыс. тонн", period=Y2023, entities=("KAZ",)),
            _row("c1", "C", 113.8e9, "113,8 млн тонна", **COAL),
            _row("d1", "D", 113.8e9, "113,8 млн тонна", entities=("UZB",), period=Y2023),
            _row("p1", "A", 4.2, "4.2%", dimension="percentage", unit="percent", period=Y2023, **COAL),
            _row("p2", "B", 4.2, "4,2%", dimension="percentage", unit="percent", period=Y2023, **COAL)]
    mentions = link.mention_table({f: [r[f] for r in rows] for f in link.SOURCE_FIELDS})
    one_at_a_time = link.link_new(link.memory_connection(), mentions, probe_mentions=1)
    facts = dict(zip(one_at_a_time.column("quantity_id").to_pylist(), one_at_a_time.column("fact_id").to_pylist()))
    assert facts == _link(rows) == {"a1": "a1", "b1": "a1", "c1": "a1", "d1": "d1", "p1": "p1", "p2": "p1"}


def _complete_linkage(mentions: pa.Table, con) -> dict[str, str]:
    """The facts of `mentions` by the rules alone: every pair compared whole (link_levels, no
    blocking), then clusters merged best pair first while every cross pair links, each named by its
    first mention (earliest publication, then quantity id)."""
    con.register("reference_mentions", mentions)
    pairs = con.execute("""
        SELECT qa, qb FROM (SELECT a.quantity_id AS qa, b.quantity_id AS qb, link_levels(a, b) AS lv
                            FROM reference_mentions AS a JOIN reference_mentions AS b
                              ON a.quantity_id < b.quantity_id AND a.dimension = b.dimension AND a.base_unit = b.base_unit)
        WHERE link_pair_compatible(lv) AND link_pair_score(lv) >= link_threshold()
        ORDER BY link_pair_score(lv) DESC, qa, qb""").fetchall()
    linked = set(pairs)
    cluster_of = {q: {q} for q in mentions.column("quantity_id").to_pylist()}
    for a, b in pairs:
        ca, cb = cluster_of[a], cluster_of[b]
        if ca is not cb and all((min(x, y), max(x, y)) in linked for x in ca for y in cb):
            ca |= cb
            for m in cb:
                cluster_of[m] = ca
    first = dict(zip(mentions.column("quantity_id").to_pylist(), mentions.column("published").to_pylist()))
    return {q: min(c, key=lambda m: (first[m], m)) for q, c in cluster_of.items()}


def test_a_story_many_articles_repeat_links_as_when_every_two_mentions_are_compared_whole():
    """A batch's mentions that compare alike but for their dates are paired as groups (sql/link/groups.sql)
    and clustered a pair of groups at a time (link.cluster): the facts are those of comparing and
    clustering every mention on its own, also where dates a week apart decide which pair comes first."""
    import random
    from datetime import timedelta

    rng = random.Random(11)
    stories = [dict(value=v, text=t, indicator=i, entities=e, period=p, quantified=w)
               for v, t in ((5.1, "5.1%"), (5.12, "5.12%"))
               for i, e, p, w in (("gdp_growth", ("KAZ",), Y2023, "economic growth"),
                                  ("gdp_growth", ("KAZ", "UZB"), Y2023, "growth rate"),
                                  (None, ("KAZ",), None, "economic growth"),
                                  (None, (), ("2023-01-01", "2023-06-30"), None),
                                  ("gdp_growth", (), None, "growth"))]
    rows = []
    for _ in range(160):
        story = dict(rng.choice(stories))
        qid = f"{rng.getrandbits(40):010x}"
        rows.append(_row(qid, qid, story.pop("value"), story.pop("text"), dimension="percentage", unit="percent",
                         published=date(2023, 9, 1) + timedelta(days=rng.randrange(-500, 500)), **story))
    mentions = link.mention_table({f: [r[f] for r in rows] for f in link.SOURCE_FIELDS})
    linked = link.link_new(link.memory_connection(), mentions)
    facts = dict(zip(linked.column("quantity_id").to_pylist(), linked.column("fact_id").to_pylist()))
    assert facts == _complete_linkage(mentions, link.memory_connection())
    sizes = sorted(Counter(facts.values()).values())
    assert len(sizes) >= 3 and sizes[-1] > 20
