"""Reading stage: files and folders in, `Article`s out, in batches (the corpus is never held in memory).

- `.txt`: one article a file. The whole decoded file is the article text (extractor offsets point
  into it); a leading ` date YYYY-MM-DD` marker, a labelled line (`Yayın Tarihi: DD.MM.YYYY`,
  `Опубликовано: ...`, `Жарияланды: ...`, `Published: ...`), or a line of the page's head that starts
  with the date (`20.11.2025 | 14:35`) gives the publication date.
- `.jsonl`: one article a line with `id`, `url`, `title`, `published` (also `2025-03`, `2025`),
  `lang`, `text`.
- Decoding: UTF-8 first (a BOM is dropped), UTF-16 with a BOM, else charset-normalizer restricted to
  the legacy code pages of our sources. Known binary formats (PNG, gzip, ...), NUL bytes and UTF-8
  with broken sequences are rejected rather than decoded into mojibake.
- Rejected, with the reason: empty or binary files, text with NUL characters, undecodable text,
  a `lang` that is not a language table's code, articles over
  MAX_ARTICLE_BYTES (a .txt file or a JSONL line), malformed JSONL lines, publication dates that are
  present but invalid or unparseable, missing paths and folders without articles.
- Other formats (HTML pages, WARC crawl files, CSV/TSV/Parquet tables, compressed files) are read by
  warehouse/formats, chosen by file name.
- Language: the JSONL field, else `--lang`, else a file name starting with a language code and an
  underscore (`tr_dev1.txt`), else detected by py3langid restricted to our languages.
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from extractors.tables import available_languages, languages
from warehouse.article import Article
from warehouse.output import one_line

ENCODINGS = ["utf_8", "utf_16", "cp1254", "cp1251", "kz1048", "koi8_r"]
# One article (a .txt file or a JSONL line) above this is rejected unread: news articles are KBs, and
# one article is held in memory several times over (bytes, text, tokens, Arrow, DuckDB) while it loads.
MAX_ARTICLE_BYTES = 16 * 1024 * 1024
_MAGIC = {  # leading bytes of binary formats that get renamed to .txt
    b"\x89PNG": "PNG image", b"\x1f\x8b": "gzip data", b"PK\x03\x04": "zip archive", b"%PDF": "PDF document",
    b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image", b"BZh": "bzip2 data", b"\xfd7zXZ": "xz data",
    b"7z\xbc\xaf": "7-zip archive", b"\x7fELF": "executable", b"SQLite format 3": "SQLite database",
}
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")

# ` date 2025-03-07`, or a date known to the month (` date 2025-03`) or the year (` date 2025`)
_DATE_MARKER = re.compile(r"\A\ufeff?\s*date\s+(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=\s|\Z)")
_DATE_MARKER_ANY = re.compile(r"\A\ufeff?\s*date\s+(\d\S*)")  # a marker whose date may not parse
# A publication line of a saved news page: a label in one of our languages before DD.MM.YYYY, or a
# line of the page's head that starts with the date (`20.11.2025 | 14:35`).
_PUBLISHED_LABEL = re.compile(
    r"(?:Yayın Tarihi|Yayınlanma Tarihi|Yayınlanma|Опубликовано|Дата публикации|Жарияланды|Жарияланған|Published|"
    r"Dərc olunub|Dərc edilib|Chop etilgan|Nashr qilindi|Эълон қилинди)\s*:?\s*(\d{1,2})\.(\d{1,2})\.(\d{4})")
_DATE_LINE = re.compile(r"^[ \t]*(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ \t]*[|,·•–-]?[ \t]*\[?\d{1,2}:\d{2}\]?)?[ \t]*(?:[|·•]|$)",
                        re.MULTILINE)
HEAD_CHARS = 600   # where an unlabelled date line counts as the page's publication line
_LANG_PREFIX = re.compile(r"^([a-z]{2,3})_")


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be read as an article. Path and reason are kept on one line and
    storable as UTF-8 (`output.one_line`), as stderr and `load_errors` take them."""
    path: str
    reason: str

    def __post_init__(self):
        object.__setattr__(self, "path", one_line(str(self.path)))
        object.__setattr__(self, "reason", one_line(str(self.reason)))



@dataclass(frozen=True, slots=True)
class Unread:
    """An input read into its article only where it is extracted: a web page, whose parsing
    (trafilatura) costs more than extracting its text, so the loader's workers parse pages in parallel
    and the reading process only reads bytes. `parse` is a module-level function with its arguments
    (a functools.partial: it travels to worker processes); `nbytes` its raw size."""
    source: str
    parse: Callable[[], "Article | Rejected"]
    nbytes: int

    def article(self) -> "Article | Rejected":
        return _guarded(self.source, self.parse)


@dataclass(slots=True)
class Batch:
    items: list = field(default_factory=list)  # Article | Rejected (| Unread when deferred)
    nbytes: int = 0                             # input bytes consumed for this batch
    skipped: int = 0                            # files in folders that are not articles


# ---------------------------------------------------------------- decoding


def decode(data: bytes) -> str:
    """Bytes to text; raises ValueError with a reason when it is not text (NUL characters included,
    in whatever encoding)."""
    text = _decode(data)
    refuse_nul(text)
    return text


def refuse_nul(text: str, what: str = "text") -> None:
    if "\x00" in text:
        raise ValueError(f"NUL character at offset {text.index(chr(0))} of the {what}: binary data, not text")


def _decode(data: bytes) -> str:
    if not data.strip():
        raise ValueError("empty file")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise ValueError(f"binary file ({kind}), not text")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ValueError(f"invalid UTF-16 (after a UTF-16 byte order mark) at byte {exc.start}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if b"\x00" in data[:4096]:
        raise ValueError("binary file (NUL bytes), not text")
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    in_seqs = sum(len(m) for m in _UTF8_SEQ.findall(data))
    if in_seqs and in_seqs * 2 >= high:  # mostly well-formed UTF-8: damaged, not a legacy code page
        raise ValueError(f"invalid UTF-8 at byte {utf8_error.start} "
                         f"({data[utf8_error.start:utf8_error.start + 4]!r}): damaged or mixed-encoding file")
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=ENCODINGS).best()
    if best is None:
        raise ValueError("not text in a supported encoding (" + ", ".join(ENCODINGS) + ")")
    return str(best)


# ---------------------------------------------------------------- dates, titles, languages


PRECISIONS = ("day", "month", "year")   # how much of a publication date the source states


def _mkdate(y, m, d) -> date | None:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        return None


def _marker_date(m: re.Match) -> tuple[date | None, str]:
    """The date of a ` date` marker match, the first day of a month or year when only that is given."""
    y, mo, d = m.groups()
    precision = "day" if d else "month" if mo else "year"
    return _mkdate(y, mo or 1, d or 1), precision


def published_from_text(text: str) -> tuple[date | None, str | None]:
    """(publication date, precision) of a .txt article, (None, None) when it states none."""
    m = _DATE_MARKER.match(text)
    if m:
        found, precision = _marker_date(m)
        return found, precision if found else None
    m = _PUBLISHED_LABEL.search(text[:5000]) or _DATE_LINE.search(text[:HEAD_CHARS])
    if m:
        d, mo, y = m.groups()
        found = _mkdate(y, mo, d)
        return found, "day" if found else None
    return None, None


def date_from_text(text: str) -> date | None:
    return published_from_text(text)[0]


def parse_published(value) -> tuple[date | None, str | None]:
    """A JSONL `published` value (ISO date or date-time, DD.MM.YYYY, or `2025-03` / `2025` for a date
    known to the month or year) as (date, precision), else (None, None)."""
    if value is None or value == "":
        return None, None
    s = str(value).strip()
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", s)
    if m:
        found = _mkdate(*m.groups())
        return found, "day" if found else None
    m = re.match(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", s)
    if m:
        found = _mkdate(m.group(3), m.group(2), m.group(1))
        return found, "day" if found else None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?", s)
    if m:
        found = _mkdate(m.group(1), m.group(2) or 1, 1)
        return found, ("month" if m.group(2) else "year") if found else None
    return None, None


def parse_date(value) -> date | None:
    """A JSONL `published` value as a date (the first day of a month or year given alone), else None."""
    return parse_published(value)[0]


def checked_published_from_text(text: str) -> tuple[date | None, str | None]:
    """published_from_text, but a date marker or Yayın Tarihi line whose date is invalid raises ValueError."""
    m = _DATE_MARKER.match(text)
    if m:
        if _marker_date(m)[0] is None:
            raise ValueError(f"invalid publication date {'-'.join(g for g in m.groups() if g)!r} in the leading ' date' marker")
    elif (m := _DATE_MARKER_ANY.match(text)):
        raise ValueError(f"unparseable publication date {m.group(1)[:40]!r} in the leading ' date' marker "
                         f"(expected YYYY-MM-DD, YYYY-MM or YYYY)")
    else:
        m = _PUBLISHED_LABEL.search(text[:5000])
        if m and _mkdate(m.group(3), m.group(2), m.group(1)) is None:
            raise ValueError(f"invalid publication date {m.group(0)!r}")
    return published_from_text(text)


def checked_parse_published(value) -> tuple[date | None, str | None]:
    """parse_published, but a value that is present and does not parse raises ValueError."""
    found = parse_published(value)
    if found[0] is None and value is not None and str(value).strip() != "":
        raise ValueError(f"unparseable published date {str(value)[:40]!r} "
                         f"(expected YYYY-MM-DD, an ISO date-time, DD.MM.YYYY, YYYY-MM or YYYY)")
    return found


def title_from_text(text: str) -> str | None:
    for line in text.splitlines():
        line = _DATE_MARKER.sub("", line).strip()
        if line:
            if len(line) > 200:
                cut = line.find(". ", 0, 200)
                line = line[: cut + 1] if cut > 20 else line[:200].rstrip() + "…"
            return line
    return None


@lru_cache(maxsize=4)
def _identifier(langs: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages([code for code in langs if code in ident.nb_classes])   # the ones py3langid knows
    return ident


def detect_language(text: str, sample_chars: int = 2000) -> str:
    """The most likely of our languages (py3langid restricted to them) on the text's first
    `sample_chars` characters (2,000: enough to tell tr from az; bounded cost), unless they are written
    with letters only one language's table claims (`distinctive_letters`, e.g. Kazakh in Latin)."""
    sample = text[:sample_chars]
    lang, _prob = _identifier(tuple(available_languages())).classify(sample)
    return _by_distinctive_letters(sample) or str(lang)


# a language's own letters must make up this share of the letters before they outvote py3langid
DISTINCTIVE_SHARE = 0.01


def _by_distinctive_letters(sample: str) -> str | None:
    for code, alphabet in _distinctive_letters().items():
        hits = sum(sample.count(ch) for ch in alphabet)
        if hits >= 3 and hits >= DISTINCTIVE_SHARE * sum(map(str.isalpha, sample)):   # letters counted only here: rare
            return code
    return None


def _distinctive_letters() -> dict[str, str]:
    return {code: lang.distinctive_letters for code, lang in languages().items() if lang.distinctive_letters}


def language_from_name(name: str) -> str | None:
    m = _LANG_PREFIX.match(name)
    return m.group(1) if m and m.group(1) in available_languages() else None


def choose_language(text: str, *, field_lang=None, option_lang=None, name: str = "") -> str:
    """The article's language code: one of the language registry's (a ValueError for a field that
    names another, which is never used to find a file)."""
    for lang in (field_lang, option_lang, language_from_name(name)):
        if lang:
            code = str(lang).strip().lower()
            if code not in available_languages():
                raise ValueError(f"unknown language {str(lang)[:40]!r}: expected the code of a language table "
                                 f"({', '.join(available_languages())})")
            return code
    return detect_language(text)


# ---------------------------------------------------------------- files


def discover(paths: Iterable[str | os.PathLike]) -> Iterator[Path | Rejected | None]:
    """Article files under `paths` (folders recursively, sorted); Rejected for bad paths;
    None for a file in a folder that is not an article (counted as skipped)."""
    return (f for f, _in_folder in _walk(paths))


def _walk(paths) -> Iterator[tuple[Path | Rejected | None, bool]]:
    """discover's items, each with whether it was found in a folder (rather than named)."""
    from warehouse import formats

    for p in paths:
        path = Path(p)
        if path.is_dir():
            found = False
            for f in sorted(path.rglob("*")):
                if not f.is_file():
                    continue
                if formats.is_article_file(f.name):
                    found = True
                    yield _named_in_utf8(f), True
                else:
                    yield None, True
            if not found:
                yield Rejected(str(path), f"no article files ({formats.FORMAT_LIST}) in directory"), False
        elif path.is_file():
            yield _named_in_utf8(path), False   # formats.read_file rejects a name it cannot read
        else:
            yield Rejected(str(path), "no such file or directory"), False


def _named_in_utf8(path: Path) -> Path | Rejected:
    """`path`, or its rejection when its name is not UTF-8 (it could not be stored or printed)."""
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return Rejected(str(path), "file name is not valid UTF-8: rename the file to a UTF-8 name")
    return path


def total_bytes(paths) -> int:
    return sum(f.stat().st_size for f in discover(paths) if isinstance(f, Path))


def too_large(nbytes: int) -> str:
    return (f"article too large: {nbytes / 1e6:.1f} MB, limit {MAX_ARTICLE_BYTES / 1e6:.1f} MB "
            f"(one article a file or JSONL line; split bigger inputs into articles)")


def read_txt(path: Path, lang: str | None = None) -> Article | Rejected:
    try:
        size = path.stat().st_size
        if size > MAX_ARTICLE_BYTES:
            return Rejected(str(path), too_large(size))
        return txt_article(path.read_bytes(), path, lang)
    except (OSError, ValueError) as exc:
        return Rejected(str(path), str(exc))


def txt_article(data: bytes, path: Path, lang: str | None = None) -> Article:
    """The article of a .txt file's bytes; ValueError when they are not a readable article."""
    text = decode(data)
    published, precision = checked_published_from_text(text)
    article_lang = choose_language(text, option_lang=lang, name=path.name)
    return Article.make(doc=path.name, source=str(path), text=text, title=title_from_text(text),
                        published=published, published_precision=precision, lang=article_lang)


def read_jsonl(path: Path, lang: str | None = None, stream=None) -> Iterator[tuple[Article | Rejected, int]]:
    """(article or rejection, bytes of its line) for each non-blank line; `stream`: the open binary
    stream to read instead of the file (a decompressing one, see warehouse/formats)."""
    try:
        fh = stream or path.open("rb")
    except OSError as exc:
        yield Rejected(str(path), str(exc)), 0
        return
    with fh:
        n = 0
        while raw := fh.readline(MAX_ARTICLE_BYTES + 1):
            n += 1
            where = f"{path}:{n}"
            if len(raw) > MAX_ARTICLE_BYTES and not raw.endswith(b"\n"):
                size = len(raw)
                while not raw.endswith(b"\n") and (raw := fh.readline(1 << 20)):
                    size += len(raw)  # skip the rest of the line without holding it
                yield Rejected(where, too_large(size)), size
                continue
            if not raw.strip():
                continue
            yield _guarded(where, _jsonl_article, raw, n, path, where, lang), len(raw)


def _guarded(where: str, read, *args) -> Article | Rejected:
    """read(*args), or the rejection of input `where` when it raises: a bad record costs only itself."""
    try:
        return read(*args)
    except ValueError as exc:   # what the readers raise for bad input, with the reason
        return Rejected(where, str(exc))
    except RecursionError:
        return Rejected(where, "malformed input: nested too deep")
    except Exception as exc:  # noqa: BLE001 - input we failed to foresee: still only its own loss
        return Rejected(where, f"unreadable input: {type(exc).__name__}: {exc}")


# The JSONL fields read, and the JSON types each may have (besides null; `text` must be a string).
JSONL_FIELDS: dict[str, tuple[type, ...]] = {
    "id": (str, int), "url": (str,), "title": (str,), "published": (str, int), "lang": (str,), "text": (str,)}


def _no_json_constant(name: str):
    raise ValueError(f"{name} is not a JSON value")


def jsonl_record(line: str) -> dict:
    """The fields of one JSONL line, checked one by one; ValueError names the first problem."""
    try:
        rec = json.loads(line, parse_constant=_no_json_constant)
    except ValueError as exc:   # also numbers too long to convert, and NaN / Infinity
        raise ValueError(f"malformed JSONL line: {exc}") from None
    except RecursionError:
        raise ValueError("malformed JSONL line: nested too deep") from None
    if not isinstance(rec, dict):
        raise ValueError("malformed JSONL line: line is not a JSON object")
    fields = checked_fields(rec, JSONL_FIELDS)
    if not isinstance(fields.get("text"), str) or not fields["text"].strip():
        raise ValueError("malformed JSONL line: no text")
    return fields


_TYPE_NAMES = {str: "a string", int: "an integer", date: "a date"}


def checked_fields(rec: dict, field_types: dict[str, tuple[type, ...]]) -> dict:
    """The non-null fields of one record (a JSONL line, a table row) that `field_types` names, each
    of one of its types; ValueError names the first field that is not (NUL characters and lone
    surrogates included)."""
    for key, value in rec.items():
        if isinstance(value, str):
            refuse_nul(value, f"field {str(key)[:40]!r}")
    fields = {}
    for name, types in field_types.items():
        value = rec.get(name)
        if value is None:
            continue
        if not isinstance(value, types) or isinstance(value, bool):
            allowed = " or ".join(_TYPE_NAMES[t] for t in types)
            raise ValueError(f"field {name!r} is {type(value).__name__} {_excerpt(value)}: expected {allowed}")
        if isinstance(value, str):
            _check_encodable(name, value)
        fields[name] = value
    return fields


def _excerpt(value) -> str:
    text = json.dumps(value, ensure_ascii=True, default=str)
    return text if len(text) <= 40 else text[:40] + "..."


def _check_encodable(name: str, value: str) -> None:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValueError(f"field {name!r} has a lone surrogate (\\u{ord(value[exc.start]):04x}) at character "
                         f"{exc.start}: not Unicode text (a \\u escape of half a pair, or bytes that are not "
                         f"UTF-8 in a table)") from None


def _jsonl_article(raw: bytes, n: int, path: Path, where: str, lang: str | None) -> Article | Rejected:
    try:
        rec = jsonl_record(raw.decode("utf-8-sig" if n == 1 else "utf-8"))
    except UnicodeDecodeError as exc:
        raise ValueError(f"malformed JSONL line: {exc}") from None
    return record_article(rec, rec["text"], where, path.name, lang)


def record_article(rec: dict, text: str, where: str, name: str, lang: str | None = None) -> Article | Rejected:
    """The article of one record (a JSONL line, a table row) with the fields id, url, title,
    published, lang and `text`; `where` names it in messages, `name` is its file's name."""
    try:
        published, precision = checked_parse_published(rec.get("published"))
        for key, value in rec.items():
            if isinstance(value, str):
                refuse_nul(value, f"field {key[:40]!r}")
        article_lang = choose_language(text, field_lang=rec.get("lang"), option_lang=lang, name=name)
    except ValueError as exc:
        return Rejected(where, str(exc))
    art = Article.make(
        doc="", source=where, text=text, url=rec.get("url"),
        title=rec.get("title") or title_from_text(text),
        published=published, published_precision=precision, lang=article_lang)
    if rec.get("id") not in (None, ""):  # else the doc is the article id
        return dataclasses.replace(art, doc=str(rec["id"]))  # (the text is hashed once)
    return dataclasses.replace(art, doc=art.article_id)


def iter_articles(paths, lang: str | None = None, columns=None,
                  defer: bool = False) -> Iterator[tuple[Article | Rejected | Unread | None, int]]:
    """(item, input bytes) in input order; item None marks a skipped non-article file (or crawl
    record). Plain .txt and .jsonl are read here, every other format by warehouse/formats; `columns`
    (formats.table.Columns) names the columns of article tables. Web pages come as Unread items
    when `defer`, else parsed here."""
    from warehouse import formats

    for f, in_folder in _walk(paths):
        if f is None or isinstance(f, Rejected):
            yield f, 0
        elif f.suffix.lower() == ".jsonl":
            yield from read_jsonl(f, lang)
        elif f.suffix.lower() == ".txt":
            yield _guarded(str(f), read_txt, f, lang), f.stat().st_size
        else:
            for item, nbytes in formats.read_file(f, lang, columns, in_folder):
                yield (item.article() if isinstance(item, Unread) and not defer else item), nbytes


def _chars(item) -> int:
    """What an item weighs in a batch: an article's characters, an unread page's bytes."""
    return len(item.text) if isinstance(item, Article) else item.nbytes if isinstance(item, Unread) else 0


def iter_batches(paths, lang: str | None = None, batch_size: int = 64,
                 batch_chars: int = 4_000_000, columns=None, defer: bool = False) -> Iterator[Batch]:
    """Batches of whole articles: at most `batch_size` articles or about `batch_chars` characters
    (`defer`: web pages as Unread items, see iter_articles)."""
    batch, chars = Batch(), 0
    for item, nbytes in iter_articles(paths, lang, columns, defer):
        batch.nbytes += nbytes
        if item is None:
            batch.skipped += 1
            continue
        batch.items.append(item)
        chars += _chars(item)
        if len(batch.items) >= batch_size or chars >= batch_chars:
            yield batch
            batch, chars = Batch(), 0
    if batch.items or batch.skipped or batch.nbytes:
        yield batch
