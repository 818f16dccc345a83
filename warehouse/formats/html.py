"""A news page (HTML) as an article: its main text only, with title, date, canonical URL and language.

trafilatura finds the main text: on our furniture-heavy test pages (tests/inputs/) it keeps the
article and drops the menus, currency tickers, weather boxes, most-read lists, comments, share
counts, ads and footers, each of which carries numbers that are not the article's. resiliparse's
main-content extractor was 5-20 times faster but kept the ticker, the weather box and the comments
(README, "Web pages"). The stored article text is trafilatura's text: quantity offsets point into it.

- title: trafilatura's (og:title, <title>, <h1>), else the text's first line;
- published: the page's publication date from its meta tags, JSON-LD and <time> elements (htmldate,
  as trafilatura calls it, without guessing from the text);
- url: <link rel="canonical">, else the URL the page was fetched from (a WARC record's);
- lang: <html lang> when the text's detected language agrees (on its first 500 characters, else on
  2,000), else as for .txt files.
"""
from __future__ import annotations

from datetime import datetime
from functools import lru_cache, partial
from urllib.parse import urljoin

from warehouse import read
from warehouse.article import Article

# A page whose extracted text has no line of this many words has no article: what is left of a page
# without one is menu entries, link lists and footers, all short lines.
MIN_WORDS_IN_A_LINE = 6
NO_MAIN_TEXT = "no main text found (an index, gallery or error page?)"


def _options():
    # fast: no fallback extractors (2x faster, same text on news pages). The metadata is read apart
    # (_title_and_date): trafilatura's would also look for authors, site name, categories, tags and
    # licence, half the page's time, none of them stored.
    return dict(fast=True, include_comments=False, include_tables=True, with_metadata=False)


@lru_cache(maxsize=1)
def _date_params() -> dict:
    from trafilatura.settings import set_date_params

    # dates from the page's markup only, never guessed from its text (htmldate's fast search)
    return set_date_params(False)


def _title_and_date(tree, url: str | None) -> tuple[str | None, str | None]:
    """The page's title and publication date (YYYY-MM-DD) as trafilatura's metadata gives them: its
    own steps for these two fields (meta tags, JSON-LD, <title>/<h1>; the date by htmldate from the
    meta tags, JSON-LD, <time> elements and the URL), in its order."""
    from htmldate import find_date
    from trafilatura import metadata

    meta = metadata.examine_meta(tree)
    try:
        meta = metadata.extract_meta_json(tree, meta)
    except Exception:  # noqa: BLE001 - as trafilatura: bugs in its JSON-LD parsing lose only JSON-LD
        pass
    meta.title = meta.title or metadata.extract_title(tree)
    meta.url = meta.url or metadata.extract_url(tree, url)
    meta.date = find_date(tree, **_date_params(), url=meta.url)
    meta.clean_and_trim()
    return meta.title, meta.date


def _page_lang(tree) -> str | None:
    """The language code of <html lang="tr-TR"> (tr), if the page states one."""
    code = (tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or "").strip()
    return code.replace("_", "-").split("-")[0].lower() or None


@lru_cache(maxsize=1)
def _canonical_hrefs():
    from lxml import etree

    return etree.XPath('//link[@rel="canonical"]/@href')   # compiled once: a page's search is then quick


def _canonical(tree, base: str | None) -> str | None:
    for href in _canonical_hrefs()(tree):
        if href.strip():
            return urljoin(base or "", href.strip())
    return None


def _page_text(data: bytes) -> str:
    """A page's bytes decoded as a .txt file's are (read.decode): UTF-8 (with or without a byte order
    mark), else the legacy code page of our languages the bytes read as. The page's charset
    declaration is not trusted: pages saved or re-served in another encoding keep the old one, and
    decoding by it gave mojibake. Damaged or mixed-encoding UTF-8, NUL characters and binary data
    are rejected, as for .txt files, rather than stored as mojibake."""
    if not data.strip():
        raise ValueError("empty page: no HTML")
    return read.decode(data)


def has_main_text(text: str) -> bool:
    return any(len(line.split()) >= MIN_WORDS_IN_A_LINE for line in text.splitlines())


# the text's first characters that confirm the page's stated language: a quarter of the cost of the
# full check, which decides only when they do not agree
STATED_LANG_SAMPLE = 500


def _language(page_lang: str | None, text: str, option_lang: str | None, name: str) -> str:
    """The page's stated language when the text reads as it (site templates often state one language
    for every page), else as for a .txt file: --lang, the file name, the detected language."""
    if page_lang in read.available_languages() and \
            read.detect_language(text, sample_chars=STATED_LANG_SAMPLE) == page_lang:
        return page_lang
    detected = read.detect_language(text)
    if page_lang == detected:
        return page_lang
    return read.choose_language(text, field_lang=None if option_lang or read.language_from_name(name) else detected,
                                option_lang=option_lang, name=name)


def unread_page(data: bytes, *, doc: str, source: str, lang: str | None = None, url: str | None = None,
                fetched: datetime | None = None) -> read.Unread:
    """One HTML page, to be parsed into its article (page_article) where it is extracted."""
    return read.Unread(source, partial(page_article, data, doc=doc, source=source, lang=lang, url=url,
                                       fetched=fetched), len(data))


def page_article(data: bytes | str, *, doc: str, source: str, lang: str | None = None, url: str | None = None,
                 fetched: datetime | None = None) -> Article | read.Rejected:
    """The article of one HTML page, or why there is none."""
    import trafilatura
    from trafilatura.utils import load_html

    try:
        tree = load_html(_page_text(data) if isinstance(data, bytes) else data)
    except ValueError as exc:
        return read.Rejected(source, str(exc))
    if tree is None:
        return read.Rejected(source, "not an HTML page (unparseable markup): give .html only to web pages")
    canonical, page_lang = _canonical(tree, url), _page_lang(tree)
    title, date = _title_and_date(tree, url)
    page = trafilatura.bare_extraction(tree, url=url, **_options())
    text = (page.text or "").strip() if page is not None else ""
    if not has_main_text(text):
        return read.Rejected(source, NO_MAIN_TEXT)
    published, precision = read.parse_published(date)
    return Article.make(doc=doc, source=source, text=text, url=canonical or url,
                        title=title or read.title_from_text(text), published=published,
                        published_precision=precision, fetched=fetched,
                        lang=_language(page_lang, text, lang, doc))
