"""Facts in the warehouse: dim_indicator, dim_entity, the bridge, v_facts and v_fact_conflicts."""
from __future__ import annotations

import json

from conftest import ROOT, invoke, query_json

def test_v_facts_shows_the_cpc_share_in_two_languages(seeded_db):
    rows = query_json(seeded_db, "select * from v_facts where indicator = 'oil_route_share' and value = 80")
    assert len(rows) == 1
    r = rows[0]
    assert (r["articles"], r["languages"], r["language_codes"]) == (2, 2, "en, tr")
    assert r["indicator"] == "oil_route_share" and r["entity_ids"] == ["CPC", "EUROPE", "KAZ"]
    assert r["value"] == 80 and r["unit"] == "percent" and r["period_start"] is None
    assert r["docs"].startswith("000_") and "003_" in r["docs"]
    assert r["example_sentence"]


def test_views_and_new_tables_are_commented(seeded_db):
    for view in ("v_facts", "v_fact_conflicts"):
        cols = query_json(seeded_db, f"select column_name, comment from duckdb_columns() where table_name = '{view}'")
        assert cols and [c["column_name"] for c in cols if not (c["comment"] or "").strip()] == []
        assert query_json(seeded_db, f"select comment from duckdb_views() where view_name = '{view}'")[0]["comment"]


def test_dimensions_come_from_the_seeds(seeded_db):
    n = query_json(seeded_db, "select (select count(*) from dim_indicator) i, (select count(*) from dim_entity) e")[0]
    assert n["i"] >= 40 and n["e"] > 250
    kinds = {r["entity_id"]: r["kind"] for r in query_json(
        seeded_db, "select entity_id, kind from dim_entity where entity_id in ('KAZ', 'CPC', 'MIDDLE_CORRIDOR', 'KMG')")}
    assert kinds == {"KAZ": "country", "CPC": "pipeline", "MIDDLE_CORRIDOR": "route", "KMG": "company"}


def test_bridge_holds_the_entities_of_each_quantity(seeded_db):
    rows = query_json(seeded_db, """
        select count(*) as n from (
            select quantity_id, unnest(entities) as entity_id from v_fact_quantity
            except select quantity_id, entity_id from bridge_quantity_entity)""")
    assert rows[0]["n"] == 0
    assert query_json(seeded_db, "select count(*) as n from bridge_quantity_entity")[0]["n"] > 0


def _articles(tmp_path, items):
    path = tmp_path / "facts.jsonl"
    path.write_text("\n".join(json.dumps(dict(zip(("id", "lang", "published", "url", "text"), i)),
                                         ensure_ascii=False) for i in items) + "\n", encoding="utf-8")
    return path


def test_one_fact_across_languages_and_a_conflict(tmp_path):
    src = _articles(tmp_path, [
        ("ru1", "ru", "2025-11-03", "https://www.kursiv.kz/a", "Добыча нефти в Казахстане в 2024 году составила 87,7 млн тонн."),
        ("en1", "en", "2025-11-04", "https://astanatimes.com/b", "Kazakhstan's oil production reached 87.7 million tonnes in 2024."),
        ("tr1", "tr", "2025-11-05", "https://www.aa.com.tr/c", "Kazakistan’ın petrol üretimi 2024 yılında 87,7 milyon ton oldu."),
        ("en2", "en", "2025-11-06", "https://example.org/d", "Kazakhstan's oil production reached 88.9 million tonnes in 2024."),
    ])
    db = tmp_path / "w.duckdb"
    assert invoke("load", src, "--db", db, "--workers", 1, "--quiet").exit_code == 0
    facts = query_json(db, "select fact, articles, languages, outlets, first_published from v_facts "
                           "where indicator = 'oil_production' order by articles desc")
    first = query_json(db, "select quantity_id from v_quantities where doc = 'ru1'")[0]["quantity_id"]
    assert facts[0]["fact"] == first  # a fact is named after its first mention
    assert (facts[0]["articles"], facts[0]["languages"], facts[0]["outlets"]) == (3, 3, 3)
    assert facts[0]["first_published"] == "2025-11-03"
    conflicts = query_json(db, "select value_a, docs_a, value_b, docs_b from v_fact_conflicts")
    assert [sorted([(c["value_a"], c["docs_a"]), (c["value_b"], c["docs_b"])]) for c in conflicts] == [
        [(8.77e10, "en1, ru1, tr1"), (8.89e10, "en2")]]
    for q in ("20_facts_three_outlets_two_languages", "21_fact_conflicts_in_a_month"):
        res = invoke("query", ROOT / "sql" / "queries" / f"{q}.sql", "--db", db, "--format", "json")
        assert res.exit_code == 0 and json.loads(res.stdout), q
    # loading again adds nothing, the bridge included
    before = query_json(db, "select count(*) as n from bridge_quantity_entity")[0]["n"]
    assert invoke("load", src, "--db", db, "--workers", 1, "--quiet").exit_code == 0
    assert query_json(db, "select count(*) as n from bridge_quantity_entity")[0]["n"] == before


def test_facts_keep_representatives_that_relink_rebuilds(tmp_path):
    src = _articles(tmp_path, [(f"en{i}", "en", f"2025-11-{i + 1:02d}", f"https://example.org/{i}",
                                "Kazakhstan's oil production reached 87.7 million tonnes in 2024. Reported by "
                                + "ABCDEF"[i] + ".") for i in range(6)])  # six texts: one article each
    db = tmp_path / "w.duckdb"
    assert invoke("load", src, "--db", db, "--workers", 1, "--quiet").exit_code == 0
    reps = "select fact_id, quantity_id, published from link_representative order by all"
    before = query_json(db, reps)
    # six mentions alike but for their dates: the fact keeps its earliest and its latest
    oil = [r for r in before if r["fact_id"] == query_json(
        db, "select fact from v_quantities where doc = 'en0' and text like '87%'")[0]["fact"]]
    assert sorted(r["published"] for r in oil) == ["2025-11-01", "2025-11-06"]
    assert query_json(db, "select count(*) as n from link_representative anti join link_mention "
                          "using (quantity_id, fact_id)")[0]["n"] == 0
    assert invoke("relink", "--db", db).exit_code == 0
    assert query_json(db, reps) == before
