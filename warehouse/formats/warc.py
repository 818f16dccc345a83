"""The news pages of a WARC crawl file (`.warc`, `.warc.gz`, ...), streamed record by record (warcio).

Each HTTP 200 `response` record with an HTML content type is a page (formats/html.py); its URL is the
page's canonical URL, else WARC-Target-URI; WARC-Date is stored as `fetched`, never as `published`.
Every other record (warcinfo, request, metadata, revisit, resource, redirects, errors, images, ...)
is skipped and counted. A record whose Content-Length does not match its block, or whose header
cannot be parsed, is rejected; in a gzip-per-record WARC (the usual layout) and in a plain .warc
reading goes on at the next record, in other compressions the rest of the file is rejected with it
(a Content-Length too long for its block in a plain .warc takes the records it covers with it).

warcio rather than fastwarc: fastwarc parses faster, but it stops at the first record with a wrong
Content-Length, losing the rest of the file, where warcio resynchronises at the next gzip member;
parsing is a small share of the time next to the HTML stage either way.
"""
from __future__ import annotations

import os
import zlib
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

    records = Records(stream)
    records.known_format = "warc"   # never ARC: a damaged first record is not parsed as an ARC header
    return records


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
    _skip_to_next_record(records)
    return True


def _skip_to_next_record(records, block_length_known: bool = True) -> None:
    """Past the rest of a damaged record: reading goes on at the next line that starts a record header
    (warcio would take the first line after the block it read for one). A block of unknown length is
    not read by warcio at all (it would read to the end of the file)."""
    if block_length_known:
        records.read_to_end()
        line = records.next_line
    else:
        records.member_info = (records.offset, 0)   # warcio's mark of a record read to its end
        line = records.reader.readline()
    while line and not line.startswith(b"WARC/"):
        line = records.reader.readline()   # b"" at the end of a gzip member: warcio goes on with the next
    records.next_line = line or None
    records.offset = records.fh.tell() - records.reader.rem_length() - len(line or b"")   # as read_to_end does


def read_warc(inp, lang: str | None = None) -> Iterator[tuple[object, int]]:
    """(Unread page | Rejected | None, input bytes) for each record of a WARC file (`inp`: formats.Input).
    A record whose header cannot be parsed is rejected, and reading goes on at the next record
    (.warc and .warc.gz; in other compressions the rest of the file is rejected with it)."""
    start = 0
    while start is not None:
        start = yield from _records_from(inp, lang, start)


def _records_from(inp, lang: str | None, start: int):
    """read_warc's items from byte `start` of the file; at a record it cannot parse, its rejection,
    and the return value is where the next record starts (None: the end)."""
    resync = inp.compression in (None, ".gz")
    if start:
        inp.raw.seek(start)
    records = _iterator(inp.raw if resync else inp.stream)
    read_records = iter(records)
    while True:
        try:
            record = next(read_records, None)
        except Exception as exc:  # noqa: BLE001 - warcio fails variously on a damaged header
            yield _unreadable(inp, records.offset, exc, resync)
            return _next_record_start(inp.raw, records.offset, inp.compression == ".gz") if resync else None
        if record is None:
            break
        yield _page(records, record, f"{inp.path}@{records.offset}", lang), inp.consumed()
    if resync and records.offset < os.fstat(inp.raw.fileno()).st_size:
        # warcio ends quietly where the file ends inside a record's header (or its gzip member)
        yield read.Rejected(f"{inp.path}@{records.offset}", "the file ends inside a WARC record: it is cut short "
                            "(an interrupted download?); the records before it loaded"), inp.consumed()
    return None


def _unreadable(inp, offset: int, exc: Exception, resync: bool) -> tuple[read.Rejected, int]:
    first = str(exc).strip().splitlines()[0] if type(exc).__name__ == "ArchiveLoadFailed" else \
        f"{type(exc).__name__} in warcio"
    then = "reading goes on at the next record" if resync else "the records before it loaded"
    return read.Rejected(f"{inp.path}@{offset}", f"unreadable WARC record ({first}): its header is damaged; "
                                                 f"{then}"), inp.consumed()


def _page(records, record, where: str, lang: str | None):
    """The page of one record (to be parsed where it is extracted), its rejection, or None for a record
    that is not an HTML page."""
    if not (record.rec_headers.get_header("Content-Length") or "").strip().isdigit():
        _skip_to_next_record(records, block_length_known=False)
        return read.Rejected(where, "WARC record without a valid Content-Length: its header is damaged, or the file "
                                    "is cut short here")
    page = _is_html_page(record)
    body = record.content_stream().read(read.MAX_ARTICLE_BYTES + 1) if page else b""
    uri = record.rec_headers.get_header("WARC-Target-URI")
    if _length_mismatch(records, record):   # any record: a damaged one may lose what follows
        return read.Rejected(where, f"WARC record of {uri}: its block does not match its Content-Length "
                                    f"(a damaged record, or the file is cut short here)")
    if not page:
        return None
    if len(body) > read.MAX_ARTICLE_BYTES:
        return read.Rejected(where, read.too_large(len(body)))
    return html.unread_page(body, doc=uri or where, source=where, lang=lang, url=uri,
                             fetched=_fetched(record.rec_headers.get_header("WARC-Date")))


RESYNC_CHUNK = 1 << 16


def _next_record_start(raw, after: int, gzipped: bool) -> int | None:
    """The file offset of the first record that starts after byte `after`: the next gzip member
    (gzipped), else the next line that starts `WARC/` (in a plain file, what lies between is lost with the
    damaged record)."""
    marker = b"\x1f\x8b\x08" if gzipped else b"\nWARC/"
    pos = after + 1
    while True:
        raw.seek(pos)
        chunk = raw.read(RESYNC_CHUNK)
        found = chunk.find(marker)
        if found < 0:
            if len(chunk) < RESYNC_CHUNK:
                return None
            pos += len(chunk) - len(marker)
            continue
        pos += found
        if not gzipped:
            return pos + 1
        if _is_gzip_member(raw, pos):
            return pos
        pos += 1


def _is_gzip_member(raw, pos: int) -> bool:
    """Whether a gzip member starts at `pos` (the magic bytes may occur inside compressed data)."""
    raw.seek(pos)
    try:
        zlib.decompressobj(31).decompress(raw.read(1024))
        return True
    except zlib.error:
        return False
