"""Reextract: the stored article texts whose quantities came from another extractor version are read
again by the installed one. Orchestrates the same stages as load (extract -> write -> post-write
stages), from dim_article instead of files; each transaction replaces whole articles' quantities.

An article is behind when its dim_article.extractor_key is NULL or names a dim_extractor row of
another version. A run first marks the articles it will redo (extractor_key NULL, in one
transaction) and then refreshes the installed extractor's dim_extractor row, so a run that is
interrupted leaves the rest marked and the next run resumes with them.
"""
from __future__ import annotations

import uuid
from pathlib import Path
from dataclasses import dataclass
from typing import Callable, Iterator

import pyarrow as pa

from warehouse import db, dimensions, extraction_workers, load, write
from warehouse.article import Article

BEHIND_SQL = """
SELECT a.article_id FROM dim_article a LEFT JOIN dim_extractor e USING (extractor_key)
WHERE e.version IS DISTINCT FROM $version"""
ARTICLE_FIELDS = ("article_id", "doc", "source", "url", "title", "published", "lang", "content_hash",
                  "published_precision")


@dataclass
class Summary:
    load_id: str
    version: str
    articles: int = 0            # re-extracted
    quantities_before: int = 0   # of those articles, before
    quantities_after: int = 0
    errors: int = 0
    seconds: float = 0.0
    status: str = "running"

    def text(self) -> str:
        if not self.articles and not self.errors:
            return (f"reextract {self.load_id}: nothing to re-extract: every article was read by extractor "
                    f"{self.version} ({self.seconds:.1f} s)")
        return (f"reextract {self.load_id}: {self.articles} articles re-extracted by extractor {self.version}, "
                f"quantities {self.quantities_before} before, {self.quantities_after} after, {self.errors} errors, "
                f"{self.seconds:.1f} s")


def articles_behind(con, version: str) -> int:
    """How many stored articles the installed extractor `version` did not read."""
    return con.execute(f"SELECT count(*) FROM ({BEHIND_SQL})", {"version": version}).fetchone()[0]


def _mark_behind(con, version: str, everything: bool) -> None:
    """Mark the articles to redo (extractor_key NULL), then make the installed extractor's row say
    its version: one transaction, so the marks and the row agree whatever happens next."""
    with write.transaction(con):
        where = "" if everything else f" WHERE article_id IN ({BEHIND_SQL})"
        con.execute(f"UPDATE dim_article SET extractor_key = NULL{where}", {} if everything else {"version": version})
        dimensions.sync_extractor(con, version)


def _marked(con) -> tuple[list[str], int, int]:
    """The marked articles' ids, their text bytes and their quantities."""
    ids = [r[0] for r in con.execute(
        "SELECT article_id FROM dim_article WHERE extractor_key IS NULL ORDER BY article_id").fetchall()]
    nbytes, quantities = con.execute("""
        SELECT coalesce(sum(octet_length(encode(article_text))), 0),
               (SELECT count(*) FROM fact_quantity
                WHERE article_id IN (SELECT article_id FROM dim_article WHERE extractor_key IS NULL))
        FROM dim_article WHERE extractor_key IS NULL""").fetchone()
    return ids, nbytes, quantities


def _stored(window, ids: list[str], batch_size: int) -> Iterator[load.Extracted]:
    """The stored articles `ids` as Articles, batch by batch, each read in a window()."""
    for i in range(0, len(ids), batch_size):
        with window() as con:
            found = _stored_rows(con, ids[i:i + batch_size])
        articles = [Article(**dict(zip(ARTICLE_FIELDS + ("text",), r))) for r in found]
        yield load.Extracted(articles, [], nbytes=sum(r[-1] for r in found))


def _stored_rows(con, ids: list[str]) -> list[tuple]:
    con.register("staged_ids", pa.table({"article_id": pa.array(ids, pa.string())}))
    try:
        return con.execute(f"""SELECT {', '.join(ARTICLE_FIELDS)}, article_text, octet_length(encode(article_text))
                               FROM dim_article SEMI JOIN staged_ids USING (article_id)
                               ORDER BY article_id""").fetchall()
    finally:
        con.unregister("staged_ids")


def reextract(db_path, *, everything: bool = False, workers: int | None = None, batch_size: int = 64,
              progress: Callable[[int], None] | None = None, on_start: Callable[[int], None] | None = None) -> Summary:
    """Re-extract the articles of the warehouse at `db_path` that the installed extractor did not read
    (`everything`: all of them). `on_start` is called with the input bytes to do before the first
    batch, `progress` with the bytes each committed transaction covered."""
    import extractors

    if not Path(str(db_path)).exists():
        raise db.WarehouseError(f"no warehouse at {db_path}: nothing to re-extract (`warehouse load PATH --db {db_path}` "
                                f"loads one)")
    version = extractors.EXTRACTOR_VERSION
    summary = Summary(load_id=uuid.uuid4().hex[:16], version=version)
    with load.logged_run(db_path, summary, "reextract", "--all" if everything else None) as window:
        with window() as con:
            _mark_behind(con, version, everything)
            ids, nbytes, summary.quantities_before = _marked(con)
        if on_start:
            on_start(nbytes)

        def commit(group: list[load.Extracted]) -> None:
            rejected: list = []
            extracted, _ = load.extracted_articles([a for p in group for a in p.articles],
                                                   [r for p in group for r in p.results], rejected)
            with window() as con:
                written = load.write_batch_of(con, summary.load_id, extracted, version, rejected, 0, 0,
                                              write.replace_quantities)
            summary.articles += len(written.article_ids)
            summary.quantities_after += written.quantities
            summary.errors += written.errors

        extracted = load.extract_in_workers(_stored(window, ids, batch_size),
                                            workers or extraction_workers.default_workers())
        try:
            load.commit_in_groups(extracted, commit, progress)
        finally:
            extracted.close()
    return summary
