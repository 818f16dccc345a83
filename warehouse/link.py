"""Link stage: which quantity mentions report the same fact, across articles, outlets and languages.

Splink-style record linkage in DuckDB SQL over the mention table `link_mention`:

1. Mention rows (`mention_table`): each quantity with what comparisons need, derived here once:
   the interval of values its written precision and qualifier allow (`value_lo`, `value_hi`: 6.4
   stands for [6.35, 6.45), "over 32" for [31.5, 33]), its significant digits, a value bucket for
   blocking, the outlet, and stems of its context words.
2. Blocking and comparison (sql/link/candidates.sql, macros in sql/link/macros.sql): new mentions,
   in groups that compare alike but for their dates (sql/link/groups.sql), against other new ones
   and the stored facts' representatives (`link_representative`: of each group of a fact's mentions
   that compare alike but for their date, the earliest and the latest,
   sql/link/representatives.sql) with the same dimension, base unit and a nearby value bucket;
   each pair gets comparison levels (value, digits, indicator, entities, period, publication date,
   context words: all but the period and publication ones once a pair of groups, sql/link/pairs.sql),
   a score, and whether hard constraints allow it.
3. Clustering (`cluster`): greedy, best-scoring pair first; two clusters merge only when every
   cross pair links (complete linkage: no chaining A~B~C when A and C conflict or barely compare)
   and at most one of them is a stored fact. A fact's id is the id of its stored fact, else the quantity id of its first
   mention (earliest publication, then quantity id): ids never change when new articles join.

`link_batch` is what `warehouse load` calls after each committed batch, `relink` recomputes every
fact, and `link_quantities` runs the same code in an in-memory DuckDB for `warehouse extract`.
"""
from __future__ import annotations

from contextlib import suppress

import hashlib
import math
import operator
import re
from datetime import date
from pathlib import Path
from typing import Iterable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse.resources import link_sql_dir

SQL_DIR = link_sql_dir()
MACROS_SQL = SQL_DIR / "macros.sql"
CANDIDATES_SQL = SQL_DIR / "candidates.sql"
PAIRS_SQL = SQL_DIR / "pairs.sql"
GROUPS_SQL = SQL_DIR / "groups.sql"
REPRESENTATIVES_SQL = SQL_DIR / "representatives.sql"
PROBE_MENTIONS = 20_000       # new mentions (whole groups) a candidates query pairs at a time: its pairs stay bounded
# what the candidates query reads of a stored mention: link_representative's columns
REPRESENTATIVE_COLUMNS = ("quantity_id", "fact_id", "published", "dimension", "base_unit", "value", "value_lo",
                          "value_hi", "value_bucket", "bucket_lo", "bucket_hi", "digits", "indicator", "entities",
                          "period_start", "period_end", "period_is_target", "words")

BUCKETS_PER_DECADE = 100      # value buckets for blocking: 100 a decade, each about 2.3% wide
WIDEST = 2.2                  # a value interval never reaches beyond value / WIDEST .. value * WIDEST


def _reach(digits: int) -> int:
    """Buckets an interval of a value with `digits` significant digits can reach from the value's
    own: its rounding and qualifier take at most one unit of the last digit, value / 10^(digits-1),
    and never more than WIDEST (1 digit, and ranges)."""
    if digits <= 1:
        return math.ceil(BUCKETS_PER_DECADE * math.log10(WIDEST)) + 1
    return math.ceil(BUCKETS_PER_DECADE * -math.log10(1 - 10.0 ** (1 - digits))) + 1


REACH_BY_DIGITS = [_reach(d) for d in (1, 2, 3, 4)]  # the last class holds 4 digits and more
HALF = 0.5 * (1 - 1e-9)       # half a unit of the last digit, open: 8.75 is not 8.8 rounded

MENTION_SCHEMA = pa.schema([
    ("quantity_id", pa.string()), ("fact_id", pa.string()), ("article_id", pa.string()),
    ("published", pa.date32()), ("outlet", pa.string()), ("lang", pa.string()),
    ("dimension", pa.string()), ("base_unit", pa.string()), ("value", pa.float64()),
    ("value_lo", pa.float64()), ("value_hi", pa.float64()), ("value_bucket", pa.int32()),
    ("bucket_lo", pa.int32()), ("bucket_hi", pa.int32()),
    ("resolution", pa.float64()), ("digits", pa.int32()), ("qualifier", pa.string()),
    ("indicator", pa.string()), ("entities", pa.list_(pa.string())), ("period_start", pa.date32()),
    ("period_end", pa.date32()), ("period_is_target", pa.bool_()), ("words", pa.list_(pa.string())),
])

# What a mention row is built from: a fact_quantity row joined to its article (or a Quantity and
# its Article in `warehouse extract`).
SOURCE_FIELDS = ("quantity_id", "article_id", "published", "url", "doc", "lang", "text", "value", "value_max",
                 "base_value", "base_unit", "dimension", "qualifier", "indicator", "entities", "period_start",
                 "period_end", "period_is_target", "quantified")

_NUMBER_DIGITS = re.compile(r"(?<![^\W\d_])\d+")   # digit runs not glued to a letter (m3, CO2 are units)
_DECIMAL = re.compile(r"\d[.,](?:\d{1,2}|\d{4,})(?!\d)")  # a decimal mark: not 1-3 digits of thousands
_WORD = re.compile(r"[^\W\d_]{4,}")
_HOST = re.compile(r"://(?:www\.)?([^/:?#]+)")
WORD_STEM = 5                 # context words compare by their first letters (suffixes differ)


# ---------------------------------------------------------------- precision of a written value


def written_resolution(text: str | None, value: float, has_range: bool = False) -> float:
    """The size of one unit of the last written digit, in the value's unit: 113,8 млн → 100,000;
    113 812 тыс. → 1,000; 420 → 10 (trailing zeros of an integer are rounding); 10 → 1; 6,0 → 0.1.

    From the surface digits: the value divided by the written digits gives the place of the last
    digit (the scale words applied). Ranges, spelled-out numbers and fractions, whose digits do not
    make the value, count one significant digit."""
    if value == 0 or not math.isfinite(value):
        return 1.0
    digits = "".join(_NUMBER_DIGITS.findall(text or ""))
    written = int(digits) if digits and not has_range else 0
    if written:
        place = math.log10(abs(value) / written)
        if abs(place - round(place)) < 1e-6:
            unit = 10.0 ** round(place)
            if unit < 1 or _DECIMAL.search(text or ""):
                return unit
            # trailing zeros of an integer are rounding, down to two significant digits ("420" is
            # 42 tens; "10 billion" stays 10, not one ten)
            return unit * 10 ** min(len(digits) - len(digits.rstrip("0")), max(0, len(digits) - 2))
    return 10.0 ** math.floor(math.log10(abs(value)))


def value_interval(value: float, resolution: float, qualifier: str | None,
                   value_max: float | None = None) -> tuple[float, float]:
    """The values a written figure can stand for: half a unit of its last digit either side; a whole
    unit on the side a qualifier opens and none on the side it closes (about: a unit both sides;
    over 32: [32, 33]; up to 1: [0, 1]); never wider than WIDEST times the value."""
    if value == 0:
        return 0.0, 0.0
    top = value if value_max is None else value_max
    below = {"approximately": resolution, "less_than": resolution, "at_most": resolution,
             "more_than": 0.0, "at_least": 0.0}.get(qualifier or "", resolution * HALF)
    above = {"approximately": resolution, "more_than": resolution, "at_least": resolution,
             "less_than": 0.0, "at_most": 0.0}.get(qualifier or "", resolution * HALF)
    lo, hi = value - below, top + above
    if value > 0:
        lo, hi = max(lo, value / WIDEST), min(hi, value * WIDEST)
    elif value < 0:
        lo, hi = max(lo, value * WIDEST), min(hi, value / WIDEST)
    return lo, hi


def value_bucket(value: float) -> int:
    """Blocking key of a value: its position in BUCKETS_PER_DECADE steps a decade, signed, growing
    with the value (so a value inside an interval has a bucket between the interval's ends)."""
    if value == 0 or not math.isfinite(value):
        return 0
    b = math.floor(math.log10(abs(value)) * BUCKETS_PER_DECADE) + 10_000
    return b if value > 0 else -b


def significant_digits(value: float, resolution: float) -> int:
    if value == 0 or resolution <= 0:
        return 1
    return max(1, math.floor(math.log10(abs(value) / resolution) + 1e-9) + 1)


def outlet(url: str | None, doc: str | None) -> str | None:
    """The outlet of an article: its URL's host, else its file name."""
    m = _HOST.search(url or "")
    return m.group(1).lower() if m else doc


def context_words(quantified: str | None) -> list[str]:
    return sorted({w.lower()[:WORD_STEM] for w in _WORD.findall(quantified or "")})


# ---------------------------------------------------------------- mention rows


def mention_table(source: dict[str, list]) -> pa.Table:
    """Mention rows (MENTION_SCHEMA) of source columns (SOURCE_FIELDS, one list each); rows
    without a value in base units or a dimension are not linked. Built column by column: one pass
    a field instead of one Python call a field and row."""
    keep = [i for i, (base, value, dimension) in enumerate(zip(source["base_value"], source["value"], source["dimension"]))
            if base is not None and value is not None and math.isfinite(base) and dimension]
    if len(keep) == len(source["base_value"]):
        col = source.__getitem__
    else:
        def col(name: str) -> list:
            values = source[name]
            return [values[i] for i in keep]
    base, value, value_max, qualifier = col("base_value"), col("value"), col("value_max"), col("qualifier")
    factor = [abs(b / v) if v else 1.0 for b, v in zip(base, value)]
    resolution = [written_resolution(text, v, v_max is not None) * f
                  for text, v, v_max, f in zip(col("text"), value, value_max, factor)]
    lo, hi = [], []
    for b, res, q, v_max, f in zip(base, resolution, qualifier, value_max, factor):
        low, high = value_interval(b, res, q, None if v_max is None else v_max * f)
        lo.append(low), hi.append(high)
    outlets: dict[tuple, str | None] = {}   # one per article
    out = {
        "quantity_id": col("quantity_id"), "fact_id": [None] * len(keep), "article_id": col("article_id"),
        "published": [_date(p) for p in col("published")],
        "outlet": [outlets[k] if k in outlets else outlets.setdefault(k, outlet(*k)) for k in zip(col("url"), col("doc"))],
        "lang": col("lang"), "dimension": col("dimension"), "base_unit": col("base_unit"), "value": base,
        "value_lo": lo, "value_hi": hi, "value_bucket": [value_bucket(b) for b in base],
        "bucket_lo": [value_bucket(x) for x in lo], "bucket_hi": [value_bucket(x) for x in hi],
        "resolution": resolution, "digits": [significant_digits(b, res) for b, res in zip(base, resolution)],
        "qualifier": qualifier, "indicator": col("indicator"), "entities": [list(e or []) for e in col("entities")],
        "period_start": [_date(p) for p in col("period_start")], "period_end": [_date(p) for p in col("period_end")],
        "period_is_target": [bool(p) for p in col("period_is_target")],
        "words": [context_words(q) for q in col("quantified")],
    }
    return pa.table(out, schema=MENTION_SCHEMA)


def _date(v) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


# ---------------------------------------------------------------- clustering


CLUSTER_SLICE = 1024          # pairs whose mentions were already joined are dropped this many at a time


def cluster(unit: np.ndarray, stored_from: int, a: np.ndarray, b: np.ndarray, first: np.ndarray) -> np.ndarray:
    """The fact of each new mention: the number of the mention that names it. Mentions are numbered
    0..n-1, the new ones below `stored_from`, then one for each stored fact (a fact's only member here,
    named by itself); `unit` is each mention's group (sql/link/groups.sql; a stored fact a group of its
    own), and every two members of a group pair with any other mention alike.

    (a[k], b[k]) are the pairs that link (score at the threshold), best first. Clusters merge best pair
    first, and only when every cross pair links (complete linkage: a weak or conflicting pair anywhere
    keeps them apart), at most one of them stored. A new fact is named by its new mention of the least
    `first` (earliest publication, then quantity id).

    Whether every cross pair links is decided a pair of groups at a time: most pairs of groups link in
    every pair of their members (`whole`); only the others are looked up member by member. Pairs
    whose mentions share a cluster already are dropped a slice at a time, and a pair of clusters that
    cannot merge never can after either grows, so it is looked at once."""
    n = len(unit)
    n_units = int(unit.max()) + 1 if n else 1
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    unit_key = np.minimum(unit[lo], unit[hi]).astype(np.int64) * n_units + np.maximum(unit[lo], unit[hi])
    keys, key_of_pair, linked = np.unique(unit_key, return_inverse=True, return_counts=True)
    size = np.bincount(unit, minlength=n_units).astype(np.int64)
    key_lo, key_hi = keys // n_units, keys % n_units
    is_whole = linked == np.where(key_lo == key_hi, size[key_lo] * (size[key_lo] - 1) // 2, size[key_lo] * size[key_hi])
    whole = set(keys[is_whole].tolist())
    in_part = ~is_whole[key_of_pair]
    part = set(zip(lo[in_part].tolist(), hi[in_part].tolist()))
    unit_of = unit.tolist()

    owner = list(range(n))                  # mention -> cluster key (a member's number)
    owner_at = np.arange(n)                 # the same, for slices of pairs at once
    groups: dict[int, dict[int, list[int]]] = {}   # cluster key -> its members by group (clusters of two and more)
    stored = set(range(stored_from, n))     # clusters holding a stored fact
    size_of: dict[int, int] = {}            # cluster key -> members (clusters of two and more)
    apart: dict[int, set[int]] = {}         # clusters that can never merge

    def parts(c: int) -> dict[int, list[int]]:
        return groups.get(c) or {unit_of[c]: [c]}

    def all_linked(c: int, d: int) -> bool:
        of_d = parts(d).items()
        for g, xs in parts(c).items():
            for h, ys in of_d:
                if (g * n_units + h if g <= h else h * n_units + g) in whole:
                    continue
                for x in xs:
                    for y in ys:
                        if ((x, y) if x < y else (y, x)) not in part:
                            return False
        return True

    def merge(c: int, d: int) -> None:
        if size_of.get(d, 1) > size_of.get(c, 1):
            c, d = d, c
        into = groups[c] = parts(c)
        size_of[c] = size_of.get(c, 1) + size_of.pop(d, 1)
        for g, ms in (groups.pop(d, None) or parts(d)).items():
            into.setdefault(g, []).extend(ms)
            for m in ms:
                owner[m] = c
            owner_at[ms] = c
        if d in stored:
            stored.add(c)
        for k in apart.pop(d, ()):
            apart[k].discard(d)
            apart[k].add(c)
            apart.setdefault(c, set()).add(k)

    for start in range(0, len(a), CLUSTER_SLICE):
        xs, ys = a[start:start + CLUSTER_SLICE], b[start:start + CLUSTER_SLICE]
        apart_now = owner_at[xs] != owner_at[ys]
        for x, y in zip(xs[apart_now].tolist(), ys[apart_now].tolist()):
            cx, cy = owner[x], owner[y]
            if cx == cy or cy in apart.get(cx, ()):
                continue
            if (cx in stored and cy in stored) or not all_linked(cx, cy):
                apart.setdefault(cx, set()).add(cy)
                apart.setdefault(cy, set()).add(cx)
                continue
            merge(cx, cy)

    key = owner_at[:stored_from]
    by_first = np.argsort(first[:stored_from], kind="stable")
    keys, at = np.unique(key[by_first], return_index=True)
    name = np.empty(n, np.int64)
    name[keys] = by_first[at]
    for fact in range(stored_from, n):
        name[owner[fact]] = fact
    return name[key]


# ---------------------------------------------------------------- running it


def install_macros(con) -> None:
    """The comparison macros of sql/link/macros.sql (created or replaced): in the in-memory database
    of `warehouse extract`, and in the warehouse each time it links, so the stored macros that
    v_fact_links reads are those of the code that linked."""
    for stmt in _statements(MACROS_SQL):
        con.execute(stmt)


def _statements(path: Path) -> list[str]:
    import duckdb

    return [s.query for s in duckdb.extract_statements(path.read_text(encoding="utf-8"))]


def link_new(con, new: pa.Table, probe_mentions: int = PROBE_MENTIONS) -> pa.Table:
    """`new` mention rows with their fact ids, linked against link_mention (not inserted)."""
    if new.num_rows == 0:
        return new
    con.execute("SET enable_progress_bar = false")  # stdout is the commands' output
    con.register("link_new_rows", new)
    try:
        # a temporary table, not the Arrow view: DuckDB pushes join filters into its own scans only
        con.execute("CREATE OR REPLACE TEMP TABLE link_new AS SELECT * FROM link_new_rows")
        for stmt in _statements(GROUPS_SQL):
            con.execute(stmt)
        members = con.execute("SELECT quantity_id, grp, published FROM link_new_member ORDER BY n").to_arrow_table()
        pairs = _pairs(con, probe_mentions)
    except BaseException:   # the transaction is aborted (its rollback drops the tables): its error is the one to see
        with suppress(Exception):
            con.unregister("link_new_rows")
        raise
    for table in ("link_new", "link_new_member", "link_new_group"):
        con.execute(f"DROP TABLE IF EXISTS {table}")
    con.unregister("link_new_rows")
    # mentions by number: the new ones in quantity id order (link_new_member.n), then each stored fact
    # that a new mention links to as one member of its own (sql/link/pairs.sql)
    ids = members.column("quantity_id").combine_chunks()
    b_fact = pairs.column("b_fact_id")
    facts = pc.unique(b_fact.drop_null()).cast(pa.string())
    stored_from = len(ids)
    a = pairs.column("a_n").to_numpy()
    b = np.where(pc.is_null(b_fact).to_numpy(zero_copy_only=False),
                 pairs.column("b_n").fill_null(0).to_numpy(),
                 stored_from + pc.index_in(b_fact, value_set=facts).fill_null(0).to_numpy())
    unit = np.concatenate([members.column("grp").to_numpy(), members.column("grp").length() + np.arange(len(facts))])
    order = _pair_order(pairs, ids)
    # a new fact is named by its first mention: earliest publication (unknown last), then quantity id
    published = members.column("published").cast(pa.int32()).fill_null(np.iinfo(np.int32).max).to_numpy()
    first = np.empty(stored_from, np.int64)
    first[np.lexsort((np.arange(stored_from), published))] = np.arange(stored_from)
    name = cluster(unit, stored_from, a[order], b[order], first)
    fact_ids = pa.concat_arrays([ids.cast(pa.string()), facts]).take(pa.array(name))
    return new.set_column(new.schema.get_field_index("fact_id"), "fact_id",
                          fact_ids.take(pc.index_in(new.column("quantity_id"), value_set=ids)))


def _pair_order(pairs: pa.Table, ids: pa.Array) -> np.ndarray:
    """The clustering's order of `pairs`: best score first, then by the first mention's quantity id,
    then by the other's (a new mention's, a_n and b_n its place in `ids`, sorted, or a stored
    representative's, b_id)."""
    stored = np.flatnonzero(pc.is_null(pairs.column("b_n")).to_numpy(zero_copy_only=False))
    reps, rep_of_pair = np.unique(pairs.column("b_id").take(stored).cast(pa.string()).to_numpy(zero_copy_only=False),
                                  return_inverse=True)
    new_ids = ids.to_numpy(zero_copy_only=False)
    # every b's place among the new ids and the representatives' ids together
    b_rank = pairs.column("b_n").fill_null(0).to_numpy().astype(np.int64)
    b_rank += np.searchsorted(reps, new_ids)[b_rank]
    b_rank[stored] = (np.arange(len(reps)) + np.searchsorted(new_ids, reps))[rep_of_pair]
    scores, score_rank = np.unique(-pairs.column("score").to_numpy(), return_inverse=True)
    n_b = len(new_ids) + len(reps)
    if len(scores) * len(new_ids) * n_b < 2 ** 63:   # one integer key
        return np.argsort((score_rank * len(new_ids) + pairs.column("a_n").to_numpy()) * n_b + b_rank)
    return np.lexsort((b_rank, pairs.column("a_n").to_numpy(), score_rank))


def _pairs(con, probe_mentions: int) -> pa.Table:
    """The pairs of sql/link/pairs.sql for every mention of link_new, queried for the groups of about
    `probe_mentions` new mentions at a time (whole groups, one at least): each pair is found once,
    from its first mention's group, so the slices together give the pairs of one query over all."""
    query = PAIRS_SQL.read_text(encoding="utf-8").replace("{candidates}", CANDIDATES_SQL.read_text(encoding="utf-8"))
    sizes = con.execute("SELECT grp, size FROM link_new_group ORDER BY grp").to_arrow_table()
    ends = np.cumsum(sizes.column("size").to_numpy())
    parts, start = [], 0
    while start < len(ends):
        done = ends[start - 1] if start else 0
        stop = max(start + 1, int(np.searchsorted(ends, done + probe_mentions, side="right")))
        con.register("link_probe_groups", sizes.slice(start, stop - start))
        con.execute("CREATE OR REPLACE TEMP TABLE link_probe AS "
                    "SELECT * FROM link_new_group WHERE grp IN (SELECT grp FROM link_probe_groups)")
        con.unregister("link_probe_groups")
        parts.append(con.execute(query, {"reach": REACH_BY_DIGITS}).to_arrow_table())
        start = stop
    con.execute("DROP TABLE IF EXISTS link_probe")
    return pa.concat_tables(parts)


def memory_connection(threads: int | None = None):
    """An in-memory DuckDB with the comparison macros and an empty link_mention and
    link_representative: linkage without a warehouse; `threads` DuckDB threads (default: one a core)."""
    import duckdb

    con = duckdb.connect(config={"threads": threads} if threads else {})
    install_macros(con)
    con.register("link_empty", MENTION_SCHEMA.empty_table())
    con.execute("CREATE TABLE link_mention AS SELECT * FROM link_empty")
    con.execute(f"CREATE TABLE link_representative AS SELECT {', '.join(REPRESENTATIVE_COLUMNS)} FROM link_empty")
    con.unregister("link_empty")
    return con


def store(con, linked: pa.Table) -> None:
    """INSERT linked mention rows into link_mention, and update their facts' representatives."""
    if not linked.num_rows:
        return
    con.register("link_linked", linked)
    try:
        cols = ", ".join(MENTION_SCHEMA.names)
        con.execute(f"INSERT INTO link_mention ({cols}) SELECT {cols} FROM link_linked")
        reps = ", ".join(REPRESENTATIVE_COLUMNS)
        # the extremes of old and new members are among the old extremes and the new members
        replace_representatives(con, "link_linked", f"""
            SELECT {reps} FROM link_representative WHERE fact_id IN (SELECT fact_id FROM link_linked)
            UNION ALL SELECT {reps} FROM link_linked""")
    finally:
        con.unregister("link_linked")


def replace_representatives(con, facts_of: str, members: str) -> None:
    """Replace the representatives of the facts of relation `facts_of` with those of `members` (a
    query of link_representative's columns: every member of those facts, or a set with the same
    representatives)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE link_new_representative AS WITH link_members AS ({members}) "
                + REPRESENTATIVES_SQL.read_text(encoding="utf-8"))
    con.execute(f"DELETE FROM link_representative WHERE fact_id IN (SELECT fact_id FROM {facts_of})")
    con.execute("INSERT INTO link_representative SELECT * FROM link_new_representative")
    con.execute("DROP TABLE link_new_representative")


def rebuild_representatives(con, facts_of: str | None = None) -> None:
    """The representatives of the facts of relation `facts_of` (every fact without it) from all of
    their stored mentions: after mentions were forgotten, and when migration 0013 creates the table."""
    facts_of = facts_of or "link_mention"
    replace_representatives(con, facts_of, f"SELECT {', '.join(REPRESENTATIVE_COLUMNS)} FROM link_mention "
                                           f"WHERE fact_id IN (SELECT fact_id FROM {facts_of})")


def link_quantities(articles_and_quantities, threads: int | None = None) -> dict[tuple[str, int], str]:
    """Fact ids for `warehouse extract`: {(article_id, ordinal): fact id} of [(article, quantities)],
    linked by the same SQL in an in-memory DuckDB of `threads` threads (default: one a core)."""
    article_fields = ("quantity_id", "article_id", "published", "url", "doc")
    quantity_fields = [f for f in SOURCE_FIELDS if f not in article_fields]
    of_quantity = operator.attrgetter(*quantity_fields)
    columns: dict[str, list] = {f: [] for f in article_fields}
    rows: list[tuple] = []
    keys: dict[str, tuple[str, int]] = {}
    for art, quantities in articles_and_quantities:
        for i, q in enumerate(quantities):
            qid = quantity_id(art.article_id, i, q.start, q.end)
            keys[qid] = (art.article_id, i)
            for f, v in zip(article_fields, (qid, art.article_id, art.published, art.url, art.doc)):
                columns[f].append(v)
        rows.extend(map(of_quantity, quantities))
    columns.update(zip(quantity_fields, map(list, zip(*rows))) if rows else ((f, []) for f in quantity_fields))
    mentions = mention_table(columns)
    if not mentions.num_rows:   # nothing to link: no database
        return {}
    con = memory_connection(threads)
    try:
        linked = link_new(con, mentions)
    finally:
        con.close()
    return {keys[q]: f for q, f in zip(linked.column("quantity_id").to_pylist(), linked.column("fact_id").to_pylist())}


def quantity_id(article_id: str, ordinal: int, start: int, end: int) -> str:
    """The loader's quantity key (sha256 of article, ordinal and offsets), so both paths name facts alike."""
    return hashlib.sha256("\x1f".join(map(str, (article_id, ordinal, start, end))).encode()).hexdigest()[:16]


PENDING_SQL = SQL_DIR / "pending.sql"
PENDING_ALL = "WITH pending_facts AS (FROM fact_quantity), pending_links AS (SELECT quantity_id FROM link_mention) "
# a batch's articles only (table link_batch_articles): no scan of the whole of either table's keys
PENDING_BATCH = ("WITH batch AS (FROM link_batch_articles), "
                 "pending_facts AS (FROM fact_quantity WHERE article_id IN (FROM batch)), "
                 "pending_links AS (SELECT quantity_id FROM link_mention WHERE article_id IN (FROM batch)) ")


def link_pending(con, forget: bool = False, article_ids: list[str] | None = None) -> int:
    """Link every stored mention that has no fact yet to the stored facts and to each other, in one
    transaction; returns how many were linked. `forget` first drops every link in the same
    transaction (relink). With `article_ids`, only those articles' mentions are looked at (the
    batch just committed: what runs after each batch of a load) and the macros are not installed
    again (the run did that when it started, warehouse.load.RUN_START_STAGES)."""
    con.begin()
    try:
        if article_ids is None:
            install_macros(con)  # the rules of this version, also for v_fact_links of a warehouse linked before
        if forget:
            con.execute("DELETE FROM link_mention")
            con.execute("DELETE FROM link_representative")
        n = link_unlinked(con, article_ids)
        con.commit()
    except BaseException:
        con.rollback()
        raise
    return n


CHUNK_MENTIONS = 50_000       # relink links pending mentions in chunks of whole (dimension, base unit) groups


def link_unlinked(con, article_ids: list[str] | None = None) -> int:
    """link_pending inside the caller's transaction (migration 0010 links what was stored before it).

    Many pending mentions (relink) are linked chunk by chunk: each chunk whole (dimension, base unit)
    groups, which never link to each other (blocking joins on both), so the facts are those of one
    pass, while the candidate pairs, the join memory and the clustering stay those of a chunk."""
    pending = PENDING_SQL.read_text(encoding="utf-8")
    if article_ids is None:
        source = con.execute(PENDING_ALL + pending).to_arrow_table().to_pydict()
    else:
        con.register("link_batch_articles", pa.table({"article_id": pa.array(article_ids, pa.string())}))
        try:
            source = con.execute(PENDING_BATCH + pending).to_arrow_table().to_pydict()
        finally:
            con.unregister("link_batch_articles")
    mentions = mention_table(source)
    link_and_store(con, mentions)
    return mentions.num_rows


def link_and_store(con, mentions: pa.Table, chunk_mentions: int = CHUNK_MENTIONS) -> None:
    for chunk in _chunks(mentions, chunk_mentions):
        store(con, link_new(con, chunk))


def _chunks(mentions: pa.Table, size: int) -> Iterable[pa.Table]:
    """`mentions` in slices of whole (dimension, base unit) groups, each `size` rows or one group."""
    if mentions.num_rows <= size:
        yield mentions
        return
    grouped = mentions.sort_by([("dimension", "ascending"), ("base_unit", "ascending")])
    keys = list(zip(grouped.column("dimension").to_pylist(), grouped.column("base_unit").to_pylist()))
    start = 0
    for end in range(1, len(keys) + 1):
        if end == len(keys) or (end - start >= size and keys[end] != keys[end - 1]):
            yield grouped.slice(start, end - start)
            start = end


def link_written(con, written) -> None:
    """The post-write stage of `warehouse load` and `reextract` (warehouse.load.POST_WRITE_STAGES):
    forget the links of quantities a transaction replaced, then link the batch's mentions."""
    if written.replaced and written.article_ids:
        con.register("link_written_articles", pa.table({"article_id": pa.array(written.article_ids, pa.string())}))
        try:
            con.execute("""CREATE OR REPLACE TEMP TABLE link_forgotten AS
                           SELECT quantity_id, fact_id FROM link_mention
                           WHERE article_id IN (SELECT article_id FROM link_written_articles)
                           AND quantity_id NOT IN (SELECT quantity_id FROM fact_quantity
                                                   WHERE article_id IN (SELECT article_id FROM link_written_articles))""")
            con.execute("DELETE FROM link_mention WHERE quantity_id IN (SELECT quantity_id FROM link_forgotten)")
            rebuild_representatives(con, "link_forgotten")
            con.execute("DROP TABLE link_forgotten")
        finally:
            con.unregister("link_written_articles")
    if written.quantities:
        link_pending(con, article_ids=written.article_ids)


def link_at_run_start(con) -> None:
    """What a run does before its first batch (warehouse.load.RUN_START_STAGES): install this
    version's macros and link what a run that died before linking left pending."""
    link_pending(con)


RELINK_MEMORY_LIMIT = "2GB"   # relink joins every mention with its neighbours: more than a batch needs


def relink(con) -> int:
    """Recompute every fact from scratch: forget all links, then link every mention. Uses up to
    RELINK_MEMORY_LIMIT and every core unless WAREHOUSE_MEMORY_LIMIT / WAREHOUSE_THREADS say otherwise."""
    import os

    con.execute(f"SET memory_limit = '{os.environ.get('WAREHOUSE_MEMORY_LIMIT', RELINK_MEMORY_LIMIT)}'")
    con.execute(f"SET threads = {int(os.environ.get('WAREHOUSE_THREADS', os.cpu_count() or 1))}")
    return link_pending(con, forget=True)
