"""The rows the writer takes, declared once by name: `ARTICLE_SCHEMA` and `QUANTITY_SCHEMA`, the
Arrow batches of warehouse/write.py, built by `article_batch` and `quantity_batch` from Articles
and the quantities the extraction workers send back (QuantityRows: Arrow tables of QUANTITY_FIELDS,
built in the workers by `quantity_fields`); and the deterministic row keys."""
from __future__ import annotations

import hashlib
from datetime import date
from itertools import chain
from typing import Callable

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from warehouse import read
from warehouse.article import Article
from warehouse.extraction_workers import QuantityColumns, QuantityRows, quantity_rows


def key(*parts) -> str:
    """A deterministic row key: 16 hex digits of sha256 over the parts."""
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def extractor_key(extractor: str, version: str) -> str:
    """Key of a dim_extractor row."""
    return key(extractor, version)


def phrase_key(text: str) -> int:
    """Key of a descriptive string in dim_phrase, dim_entity_set or dim_quantity_kind: the first 15 hex
    digits of its sha256 as a (positive) BIGINT; `phrase_key_sql` is the same in SQL."""
    return int(hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:15], 16)


def phrase_key_sql(expr: str) -> str:
    """phrase_key of a SQL string expression (NULL stays NULL)."""
    return f"('0x' || substr(sha256({expr}), 1, 15))::BIGINT"


def phrase_keys(strings) -> pa.Array:
    """phrase_key of each string of an Arrow array (NULL stays NULL), each distinct string hashed once."""
    if isinstance(strings, pa.ChunkedArray):
        strings = strings.combine_chunks()
    encoded = pc.dictionary_encode(strings)
    keys = pa.array([phrase_key(s) for s in encoded.dictionary.to_pylist()], pa.int64())
    return keys.take(encoded.indices)


# The lists of entities and the quantity kinds are keyed as one string: the parts joined by chr(31)
# (a NULL part of a kind as chr(30)); in SQL as entities_string_sql and KIND_STRING_SQL.
PART_SEPARATOR, NULL_PART = "\x1f", "\x1e"
KIND_FIELDS = ("unit_key", "lang", "extractor_key", "base_unit", "dimension", "qualifier", "indicator")
KIND_STRING_SQL = "concat_ws(chr(31), " + ", ".join(f"coalesce({f}, chr(30))" for f in KIND_FIELDS) + ")"


def entities_string_sql(expr: str) -> str:
    return f"array_to_string({expr}, chr(31))"


def entities_keys(entities) -> pa.Array:
    """dim_entity_set keys of a column of entity lists."""
    return phrase_keys(pc.binary_join(entities, PART_SEPARATOR))


def kind_keys(columns: list) -> pa.Array:
    """dim_quantity_kind keys of the KIND_FIELDS columns (in that order), row by row."""
    return phrase_keys(pc.binary_join_element_wise(*[pc.fill_null(c, NULL_PART) for c in columns], PART_SEPARATOR))


def article_extractor_key(version: str) -> str:
    """Key of the extractor run that read an article (dim_article.extractor_key): the installed
    extractors.EXTRACTOR_VERSION, which is also what each Quantity.extractor says."""
    return extractor_key(version, version)


def finite(x) -> float | None:
    """x as a float, None when it is missing or not a number."""
    if x is None:
        return None
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def date_key(d: date | None) -> int | None:
    return d.year * 10000 + d.month * 100 + d.day if d else None


# ---------------------------------------------------------------- the writer's batches

ARTICLE_SCHEMA = pa.schema([
    ("article_id", pa.string()), ("doc", pa.string()), ("source", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("lang", pa.string()), ("content_hash", pa.string()),
    ("n_chars", pa.int32()), ("article_text", pa.string()), ("load_id", pa.string()),
    ("published_precision", pa.string()), ("extractor_key", pa.string()), ("fetched", pa.timestamp("us")),
])

# One row a quantity: its article's keys, its position among the article's quantities, and the
# QuantityColumns fields, and the extractor's dim_extractor key.
_ARTICLE_KEYS = [("article_id", pa.string()), ("published_date_key", pa.int32()), ("article_lang", pa.string()),
                 ("ordinal", pa.int32()), ("quantity_id", pa.string())]
_INT_FIELDS = ("start", "end", "sentence_start", "sentence_end")
_FLOAT_FIELDS = ("value", "value_max", "base_value")
_STRING_FIELDS = ("text", "base_unit", "dimension", "qualifier", "quantified", "subject", "period", "indicator",
                  "fact", "unit", "lang", "extractor", "sentence_text")
# The keys of the descriptive strings (dim_phrase, dim_entity_set), made in the extraction workers
# beside the strings: fact_quantity column -> the string column it keys.
PHRASE_KEYS = {"quantified_key": "quantified", "subject_key": "subject", "period_key": "period",
               "fact_statement_key": "fact", "text_key": "text"}
_KEY_FIELDS = [(k, pa.int64()) for k in (*PHRASE_KEYS, "entities_key")]
QUANTITY_SCHEMA = pa.schema(
    _ARTICLE_KEYS
    + [(f, pa.int32()) for f in _INT_FIELDS] + [(f, pa.float64()) for f in _FLOAT_FIELDS]
    + [(f, pa.string()) for f in _STRING_FIELDS]
    + [("period_start", pa.date32()), ("period_end", pa.date32()), ("period_is_target", pa.bool_()),
       ("entities", pa.list_(pa.string()))] + _KEY_FIELDS + [("extractor_key", pa.string())])


def _array(values: list, type_: pa.DataType, fix: Callable) -> pa.Array:
    """pa.array of a column; values of an unexpected type go through `fix` (the slow path)."""
    try:
        return pa.array(values, type_)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError, OverflowError):
        return pa.array([fix(v) for v in values], type_)


def _str_or_none(v):
    return None if v is None else str(v)


def _iso_date(value) -> date | None:
    return value if isinstance(value, date) else read.parse_date(value)


def _dates(values: list) -> pa.Array:
    """ISO date strings (or dates) as date32, each distinct value parsed once."""
    memo = {v: _iso_date(v) for v in set(values)}
    return pa.array([memo[v] for v in values], pa.date32())


def article_batch(articles: list[Article], load_id: str, version: str) -> pa.Table:
    """dim_article rows (ARTICLE_SCHEMA) of `articles`, read by extractor `version`."""
    return pa.Table.from_pydict({
        "article_id": [a.article_id for a in articles], "doc": [a.doc for a in articles],
        "source": [a.source for a in articles], "url": [a.url for a in articles],
        "title": [a.title for a in articles], "published": [a.published for a in articles],
        "lang": [a.lang for a in articles], "content_hash": [a.content_hash for a in articles],
        "n_chars": [len(a.text) for a in articles], "article_text": [a.text for a in articles],
        "load_id": [load_id] * len(articles), "published_precision": [a.published_precision for a in articles],
        "extractor_key": [article_extractor_key(version)] * len(articles),
        "fetched": [a.fetched for a in articles],
    }, schema=ARTICLE_SCHEMA)


# The QuantityColumns fields as typed Arrow columns and the keys of their strings: what a worker
# sends back (QuantityRows).
QUANTITY_FIELDS = pa.schema([QUANTITY_SCHEMA.field(f)
                             for f in ("quantity_id", *QuantityColumns._fields, *dict(_KEY_FIELDS))])


def quantity_id(article_id: str, ordinal: int, start: int | None, end: int | None) -> str:
    """fact_quantity.quantity_id: 16 hex digits of sha256 over the article, the quantity's position
    among its quantities and its offsets (a missing offset left out, as SQL's concat_ws does)."""
    parts = (article_id, ordinal, start, end)
    return hashlib.sha256("\x1f".join(str(p) for p in parts if p is not None).encode()).hexdigest()[:16]


def quantity_fields(columns: list[QuantityColumns], article_ids: list[str]) -> pa.Table:
    """The quantities of articles (their QuantityColumns, in order; the articles' ids `article_ids`)
    as one table of QUANTITY_FIELDS."""
    flat = {f: list(chain.from_iterable(getattr(cols, f) for cols in columns)) for f in QuantityColumns._fields}
    data = {"quantity_id": pa.array([quantity_id(a, i, s, e) for a, cols in zip(article_ids, columns)
                                     for i, (s, e) in enumerate(zip(cols.start, cols.end))], pa.string())}
    for f in _INT_FIELDS:
        data[f] = _array(flat[f], pa.int32(), lambda v: None if v is None else int(v))
    for f in _FLOAT_FIELDS:
        data[f] = _array(flat[f], pa.float64(), finite)
    for f in _STRING_FIELDS:
        data[f] = _array(flat[f], pa.string(), _str_or_none)
    data["period_start"] = _dates(flat["period_start"])
    data["period_end"] = _dates(flat["period_end"])
    data["period_is_target"] = _array(flat["period_is_target"], pa.bool_(), lambda v: bool(v))
    entities = _array(flat["entities"], pa.list_(pa.string()), lambda v: [str(e) for e in v] if v else [])
    data["entities"] = pc.fill_null(entities, pa.scalar([], pa.list_(pa.string())))
    for key, f in PHRASE_KEYS.items():
        data[key] = phrase_keys(data[f])
    data["entities_key"] = entities_keys(data["entities"])
    return pa.Table.from_pydict(data, schema=QUANTITY_FIELDS)


def _as_rows(extracted: list[tuple[Article, object]]) -> list[QuantityRows | None]:
    """Each article's quantities as QuantityRows; QuantityColumns (the benchmark, `warehouse
    extract`) are converted here, all in one table."""
    out = [q if q is None or isinstance(q, QuantityRows) else None for _, q in extracted]
    todo = [i for i, (_, q) in enumerate(extracted) if q is not None and not isinstance(q, QuantityRows)]
    for i, r in zip(todo, quantity_rows([extracted[i][1] for i in todo], [extracted[i][0].article_id for i in todo])):
        out[i] = r
    return out


def _fields_of(quantities: list[QuantityRows | None]) -> pa.Table:
    """The QUANTITY_FIELDS rows of the articles' quantities, in article order: their tables' rows
    taken (a whole table as it is when every row of it is wanted, in order)."""
    segments: list[tuple[pa.Table, list]] = []
    for q in quantities:
        if q is None or not q.length:
            continue
        if not segments or segments[-1][0] is not q.table:
            segments.append((q.table, []))
        segments[-1][1].append(np.arange(q.offset, q.offset + q.length, dtype=np.int64))
    parts = []
    for table, ranges in segments:
        idx = np.concatenate(ranges)
        whole = len(idx) == table.num_rows and (len(idx) < 2 or bool(np.all(np.diff(idx) == 1))) and idx[0] == 0
        parts.append(table if whole else table.take(_arrow_ints(idx, pa.int64())))
    return pa.concat_tables(parts) if parts else QUANTITY_FIELDS.empty_table()


_NUMPY_INTS = {pa.int32(): np.int32, pa.int64(): np.int64}


def _arrow_ints(values: np.ndarray, arrow_type: pa.DataType) -> pa.Array:
    """NumPy integers as an Arrow array through their buffer: pa.array(ndarray) first imports
    numpy.ma to look for a masked array, 0.4 CPU-s of the writer's process."""
    values = np.ascontiguousarray(values, dtype=_NUMPY_INTS[arrow_type])
    return pa.Array.from_buffers(arrow_type, len(values), [None, pa.py_buffer(values)])


def quantity_batch(extracted: list[tuple[Article, object]], version: str) -> pa.Table:
    """The quantities (QUANTITY_SCHEMA) of `extracted` articles [(article, QuantityRows,
    QuantityColumns or None)]: the workers' Arrow columns, and the article keys beside them."""
    quantities = _as_rows(extracted)
    counts = np.array([q.length if q else 0 for q in quantities], dtype=np.int64)
    n = int(counts.sum())
    fields = _fields_of(quantities)
    which = _arrow_ints(np.repeat(np.arange(len(extracted), dtype=np.int32), counts), pa.int32())
    firsts = np.repeat(np.cumsum(counts) - counts, counts)  # each quantity's article's first row
    data = {
        "article_id": pa.array([a.article_id for a, _ in extracted], pa.string()).take(which),
        "published_date_key": pa.array([date_key(a.published) for a, _ in extracted], pa.int32()).take(which),
        "article_lang": pa.array([a.lang for a, _ in extracted], pa.string()).take(which),
        "ordinal": _arrow_ints(np.arange(n, dtype=np.int64) - firsts, pa.int32()),
    }
    for f in QUANTITY_FIELDS.names:
        data[f] = fields[f]
    names = pc.unique(fields["extractor"]).drop_null()
    data["extractor_key"] = pc.take(pa.array([extractor_key(e, version) for e in names.to_pylist()], pa.string()),
                                    pc.index_in(fields["extractor"], value_set=names))
    return pa.table([data[f] for f in QUANTITY_SCHEMA.names], schema=QUANTITY_SCHEMA)
