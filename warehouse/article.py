"""The data class that leaves the reading stage: one decoded article."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime


def content_hash(text: str) -> str:
    """sha256 of the decoded text (UTF-8): the identity of an article's content."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Article:
    article_id: str          # first 16 hex digits of content_hash: same text, same id
    doc: str                 # file name (JSONL: the line's id)
    source: str              # the path it was read from (JSONL: path:line)
    url: str | None
    title: str | None
    published: date | None
    lang: str
    text: str                # exactly as decoded: extractor offsets point into it
    content_hash: str
    published_precision: str | None = None   # "day", "month" or "year": how much of `published` is stated
    fetched: datetime | None = None          # crawl time (UTC) of a page read from a WARC file

    @classmethod
    def make(cls, *, doc: str, source: str, text: str, lang: str, url: str | None = None,
             title: str | None = None, published: date | None = None,
             published_precision: str | None = None, fetched: datetime | None = None) -> "Article":
        h = content_hash(text)
        precision = (published_precision or "day") if published is not None else None
        return cls(article_id=h[:16], doc=doc, source=source, url=url, title=title,
                   published=published, lang=lang, text=text, content_hash=h, published_precision=precision,
                   fetched=fetched)
