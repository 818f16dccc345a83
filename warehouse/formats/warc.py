"""The news pages of a WARC crawl file (`.warc`, `.warc.gz`, ...), streamed record by record (warcio).

Each HTTP 200 `response` record with an HTML content type is a page (formats/html.py); its URL is the
page's canonical URL, else WARC-Target-URI; WARC-Date is stored as `fetched`, never as `published`.
Every other record (warcinfo, request, metadata, revisit, resource, redirects, errors, images, ...)
is skipped and counted. A record whose Content-Length does not match its block is rejected; in a
gzip-per-record WARC (the usual layout) reading goes on at the next record, elsewhere the rest of the
file is rejected with the reason.

warcio rather than fastwarc: fastwarc parses faster, but it stops at the first record with a wrong
Content-Length, losing the rest of the file, where warcio resynchronises at the next gzip member;
parsing is a small share of the time next to the HTML stage either way.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Iterator

from warehouse import read
from warehouse.formats import html

HTML_TYPES = ("text/html", "application/xhtml+xml")


def _iterator(stream):
    from warcio.archiveiterator import ArchiveIterator

    class Records(ArchiveIterator):
        """warcio's iterator, counting records with a wrong Content-Length quietly (err_count)
        instead of writing its warning to stderr: each becomes a rejection of ours."""
        INC_RECORD = ""

    return Records(stream)


def _fetched(value: str | None) -> datetime | None:
    """WARC-Date (ISO 8601, UTC) as a naive UTC datetime."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone(timezone.utc).replace(tzinfo=None) if when.tzinfo else when


def _is_html_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    ctype = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return ctype in HTML_TYPES


def _length_mismatch(records, record) -> bool:
    """Read the record to its end: True when its block was shorter than Content-Length (the stream
    ended first) or longer (no blank lines where the next record should start). Then reading
    skips to the next record header (warcio would take the rest of this block for one)."""
    errors = records.err_count
    records.read_to_end()
    if records.err_count == errors and record.raw_stream.limit == 0:
        return False
    line = records.next_line   # the first line after the block, which warcio keeps as the next header
    while line and not line.startswith(b"WARC/"):
        line = records.reader.readline()   # b"" at the end of a gzip member: warcio goes on with the next
    records.next_line = line or None
    return True


def read_warc(inp, lang: str | None = None) -> Iterator[tuple[object, int]]:
    """(Unread page | Rejected | None, input bytes) for each record of a WARC file (`inp`: formats.Input)."""
    from warcio.exceptions import ArchiveLoadFailed

    records = _iterator(inp.stream if inp.compression != ".gz" else inp.raw)
    try:
        for record in records:
            where = f"{inp.path}@{records.offset}"
            if not _is_html_page(record):
                yield None, inp.consumed()
                continue
            body = record.content_stream().read(read.MAX_ARTICLE_BYTES + 1)
            uri = record.rec_headers.get_header("WARC-Target-URI")
            if _length_mismatch(records, record):
                item = read.Rejected(where, f"WARC record of {uri}: its block does not match its Content-Length "
                                            f"(a damaged record, or the file is cut short here)")
            elif len(body) > read.MAX_ARTICLE_BYTES:
                item = read.Rejected(where, read.too_large(len(body)))
            else:
                item = html.unread_page(body, doc=uri or where, source=where, lang=lang, url=uri,
                                        fetched=_fetched(record.rec_headers.get_header("WARC-Date")))
            yield item, inp.consumed()
    except ArchiveLoadFailed as exc:
        first = str(exc).strip().splitlines()[0]
        yield read.Rejected(f"{inp.path}@{records.offset}", f"unreadable WARC from here on: {first}"), inp.consumed()
