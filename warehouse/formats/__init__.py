"""Article files beyond plain .txt and .jsonl, chosen by file name (warehouse/read.py dispatches here).

    NAME.FORMAT[.COMPRESSION]

- FORMAT: `.txt`, `.jsonl` (warehouse/read.py), `.html`/`.htm` (formats/html.py: the main text of a
  page), `.warc` (formats/warc.py: the HTML pages of a crawl file), `.csv`/`.tsv`/`.parquet`
  (formats/table.py: one article a row);
- COMPRESSION: `.gz`, `.bz2`, `.xz` or `.zst` around any of them but Parquet (compressed inside),
  decompressed as a stream, never unpacked to disk. A damaged or truncated stream rejects the rest of
  the file with one reason; what was read before it still loads.

Each reader yields (Article | Rejected | None, input bytes) like read.iter_articles: None counts as
skipped (a crawl record that is not an article page); a web page comes as a read.Unread, parsed where
it is extracted (the loader's worker processes).
"""
from __future__ import annotations

import bz2
import gzip
import io
import lzma
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterator

from warehouse import read

COMPRESSIONS = {".gz": "gzip", ".bz2": "bzip2", ".xz": "xz", ".zst": "zstd"}
FORMATS = (".txt", ".jsonl", ".html", ".htm", ".warc", ".csv", ".tsv", ".parquet")
FORMAT_LIST = ", ".join(FORMATS)
COMPRESSION_LIST = ", ".join(COMPRESSIONS)


def split_name(name: str) -> tuple[str | None, str | None]:
    """(format suffix, compression suffix) of a file name: ('.jsonl', '.gz') for a.jsonl.gz; the format
    is None when the name has no article format; a compression that is not ours is returned as is
    (`a.jsonl.lz4` -> ('.jsonl', '.lz4')) so that the reader can name it."""
    suffixes = [s.lower() for s in Path(name).suffixes]
    if suffixes and suffixes[-1] in FORMATS:
        return suffixes[-1], None
    if len(suffixes) >= 2 and suffixes[-2] in FORMATS:
        return suffixes[-2], suffixes[-1]
    return None, None


def is_article_file(name: str) -> bool:
    return split_name(name)[0] is not None


# ---------------------------------------------------------------- decompressing streams

def _zstd_reader(raw: BinaryIO):
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(raw, read_across_frames=True, closefd=False)


_DECOMPRESSORS: dict[str, Callable[[BinaryIO], BinaryIO]] = {
    ".gz": lambda raw: gzip.GzipFile(fileobj=raw, mode="rb"),
    ".bz2": lambda raw: bz2.BZ2File(raw, "rb"),
    ".xz": lambda raw: lzma.LZMAFile(raw, "rb"),
    ".zst": _zstd_reader,
}


def _stream_errors() -> tuple[type[BaseException], ...]:
    import zstandard

    return EOFError, OSError, zlib.error, lzma.LZMAError, zstandard.ZstdError


class GuardedStream(io.RawIOBase):
    """A decompressing stream that ends, instead of raising, where the data is damaged or cut short:
    the reader sees the end of the file and `error` says why it came early."""

    def __init__(self, inner: BinaryIO, kind: str):
        self.inner, self.kind, self.error, self.produced = inner, kind, None, 0
        self.last = b""   # the last byte produced

    def readable(self) -> bool:
        return True

    def readinto(self, buf) -> int:
        if self.error:
            return 0
        try:
            data = self.inner.read1(len(buf))   # read() would drop what it got before the damage
        except _stream_errors() as exc:
            self.error = f"damaged or truncated {self.kind} data after {self.produced} bytes: {exc}"
            return 0
        buf[:len(data)] = data
        self.produced += len(data)
        self.last = data[-1:] or self.last
        return len(data)


class Input:
    """One input file opened for reading: `stream` gives its (decompressed) bytes; `consumed()` the
    bytes of the file read since the last call (progress)."""

    def __init__(self, path: Path, compression: str | None):
        self.path, self.compression = path, compression
        self.raw = path.open("rb")
        self._done = 0
        self.guard = GuardedStream(_DECOMPRESSORS[compression](self.raw), COMPRESSIONS[compression]) \
            if compression else None
        self.stream: BinaryIO = io.BufferedReader(self.guard, 1 << 16) if self.guard else self.raw

    def consumed(self) -> int:
        try:
            now = self.raw.tell()
        except (OSError, ValueError):
            return 0
        done, self._done = max(0, now - self._done), max(now, self._done)   # (Parquet reads its footer first)
        return done

    def error(self) -> read.Rejected | None:
        """The damage that ended the stream early, if any."""
        return read.Rejected(str(self.path), self.guard.error) if self.guard and self.guard.error else None

    def cut_mid_line(self) -> bool:
        """Whether damage ended the stream inside a line (its last line, or row, is not whole)."""
        return bool(self.guard and self.guard.error and self.guard.last != b"\n")

    def close(self) -> None:
        self.raw.close()


def read_whole(inp: Input) -> bytes:
    """All the (decompressed) bytes of a one-article file; ValueError past read.MAX_ARTICLE_BYTES."""
    data = inp.stream.read(read.MAX_ARTICLE_BYTES + 1)
    if inp.error():
        raise ValueError(inp.error().reason)
    if len(data) > read.MAX_ARTICLE_BYTES:
        raise ValueError(read.too_large(len(data)))
    return data


# ---------------------------------------------------------------- dispatch

def _read_txt(inp: Input, lang, columns, in_folder):
    yield read.txt_article(read_whole(inp), inp.path, lang), inp.consumed()


def _read_jsonl(inp: Input, lang, columns, in_folder):
    """The lines of a compressed JSONL file; a line cut short by a damaged stream is not reported
    apart from the damage itself."""
    previous = None
    for item in read.read_jsonl(inp.path, lang, stream=inp.stream):
        if previous is not None:
            yield previous
        previous = item
    if previous is not None and not (inp.error() and isinstance(previous[0], read.Rejected)):
        yield previous


def _read_html(inp: Input, lang, columns, in_folder):
    from warehouse.formats import html

    yield html.unread_page(read_whole(inp), doc=inp.path.name, source=str(inp.path), lang=lang), inp.consumed()


def _read_warc(inp: Input, lang, columns, in_folder):
    from warehouse.formats import warc

    yield from warc.read_warc(inp, lang)


def _read_table(inp: Input, lang, columns, in_folder):
    from warehouse.formats import table

    yield from table.read_table(inp, lang, columns, in_folder)


READERS = {".txt": _read_txt, ".jsonl": _read_jsonl, ".html": _read_html, ".htm": _read_html,
           ".warc": _read_warc, ".csv": _read_table, ".tsv": _read_table, ".parquet": _read_table}


def _unreadable(path: Path, fmt: str | None, compression: str | None) -> str | None:
    """Why a file cannot be read by its name, else None."""
    if fmt is None:
        return (f"unsupported file type {path.suffix or '(none)'!r}: expected {FORMAT_LIST}, "
                f"optionally compressed ({COMPRESSION_LIST})")
    if compression and compression not in COMPRESSIONS:
        return f"unknown compression {compression!r}: expected {COMPRESSION_LIST} (or none)"
    if compression and fmt == ".parquet":
        return "a compressed Parquet file: Parquet compresses inside; give the .parquet file itself"
    return None


def read_file(path: Path, lang: str | None = None, columns=None,
              in_folder: bool = False) -> Iterator[tuple[object, int]]:
    """(Article | Unread | Rejected | None, input bytes) of one article file of any supported format."""
    fmt, compression = split_name(path.name)
    reason = _unreadable(path, fmt, compression)
    if reason:
        yield read.Rejected(str(path), reason), 0
        return
    try:
        inp = Input(path, compression)
    except OSError as exc:
        yield read.Rejected(str(path), str(exc)), 0
        return
    try:
        yield from READERS[fmt](inp, lang, columns, in_folder)
    except (OSError, ValueError) as exc:
        yield read.Rejected(str(path), str(exc)), inp.consumed()
    else:
        if inp.error():
            yield inp.error(), inp.consumed()
    finally:
        inp.close()
