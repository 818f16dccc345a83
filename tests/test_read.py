"""The reading stage: dates, JSONL, languages, encodings."""
from __future__ import annotations

import json
from datetime import date

import pytest

from conftest import DEV_DOCS, SEED_FILES
from warehouse import read
from warehouse.article import Article

SEED_LANGS = {"000": "tr", "001": "tr", "002": "tr", "003": "en", "004": "az"}


def test_date_marker_keeps_the_whole_text(tmp_path):
    raw = " date 2025-10-25 Orta Asya ülkeleri 2 yıl içinde 5 anlaşma imzaladı."
    f = tmp_path / "x.txt"
    f.write_text(raw, encoding="utf-8")
    art = read.read_txt(f)
    assert isinstance(art, Article)
    assert art.published == date(2025, 10, 25)
    assert art.text == raw  # offsets refer to the file as decoded, marker included
    assert art.title.startswith("Orta Asya")
    assert art.doc == "x.txt" and art.lang == "tr"


def test_yayin_tarihi_line():
    text = "Başlık\n\nYayın Tarihi: 09.10.2025 20:22\nGüncelleme Tarihi: 10.10.2025 08:00\nMetin."
    assert read.date_from_text(text) == date(2025, 10, 9)
    assert read.date_from_text(" date 2025-13-40 bad") is None
    assert read.date_from_text("no date here") is None
    # a saved page's publication line: labelled in our languages, or a head line starting with the date
    assert read.date_from_text("Заголовок\nОпубликовано: 20.11.2025 14:35\nТекст.") == date(2025, 11, 20)
    assert read.date_from_text("Тақырып\nЖарияланды: 20.11.2025 10:45\nМәтін.") == date(2025, 11, 20)
    assert read.date_from_text("Sarlavha\n20.11.2025 | 18:02 | 👁 7 004\nMatn.") == date(2025, 11, 20)
    assert read.date_from_text("Headline\n20.11.2025\nText.") == date(2025, 11, 20)
    assert read.date_from_text("Başlık\n20.11.2025 [14:35]\nMetin.") == date(2025, 11, 20)
    assert read.date_from_text("Başlık\nYayınlanma: 20.11.2025\nMetin.") == date(2025, 11, 20)
    # a date inside a sentence, or far down the text, is no publication line
    assert read.date_from_text("Закон вступит в силу 01.01.2026 года.") is None
    assert read.date_from_text("x" * 700 + "\n20.11.2025 | 18:02\n") is None


def test_seed_dates():
    got = {p.name[:3]: read.read_txt(p).published for p in SEED_FILES}
    assert got == {"000": date(2025, 10, 25), "001": date(2025, 11, 19), "002": date(2025, 10, 9),
                   "003": None, "004": date(2025, 11, 12)}


def test_jsonl(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text(json.dumps({"id": 7, "url": "u", "title": "T", "published": "2024-02-29", "lang": "az",
                             "text": "Mətn 5 faiz."}) + "\n\n" +
                 json.dumps({"text": "No id, 3 items.", "published": ""}) + "\n" +
                 '{"text": ""}\n[1, 2]\nnot json\n', encoding="utf-8")
    items = [i for i, _ in read.read_jsonl(f)]
    a, b = items[:2]
    assert (a.doc, a.url, a.title, a.published, a.lang, a.text) == ("7", "u", "T", date(2024, 2, 29), "az", "Mətn 5 faiz.")
    assert a.source == f"{f}:1"
    assert b.doc == b.article_id and b.published is None and b.lang == "en"
    assert [type(i).__name__ for i in items[2:]] == ["Rejected"] * 3
    assert [i.path for i in items[2:]] == [f"{f}:4", f"{f}:5", f"{f}:6"]


def test_language_of_the_samples():
    assert {p.name[:3]: read.read_txt(p).lang for p in SEED_FILES} == SEED_LANGS
    # detection alone, without the file name
    assert {p.name[:3]: read.detect_language(p.read_text(encoding="utf-8")) for p in SEED_FILES} == SEED_LANGS


@pytest.mark.skipif(not DEV_DOCS.exists(), reason="../shared/eval/dev not available")
def test_language_detection_of_the_dev_docs():
    docs = sorted(DEV_DOCS.glob("*.txt"))
    assert len(docs) == 12
    for p in docs:
        assert read.detect_language(p.read_text(encoding="utf-8")) == p.name[:2], p.name


def test_language_precedence(tmp_path):
    f = tmp_path / "kk_note.txt"
    f.write_text("Exports grew by 5 percent in 2024 according to the ministry.", encoding="utf-8")
    assert read.read_txt(f).lang == "kk"            # file name beats detection
    assert read.read_txt(f, lang="ru").lang == "ru"  # --lang beats the file name
    g = tmp_path / "note.txt"
    g.write_text("Exports grew by 5 percent in 2024 according to the ministry.", encoding="utf-8")
    assert read.read_txt(g).lang == "en"


TR = "Türkiye'nin ihracatı 2024 yılında yüzde 3,2 artarak 255 milyar dolara ulaştı; şirketler üçüncü çeyrekte güçlü büyüdü."
RU = "Товарооборот России и Казахстана в январе-августе 2025 года составил 18,4 млрд долларов, сообщила пресс-служба."


@pytest.mark.parametrize("text,encoding", [(TR, "cp1254"), (RU, "cp1251"), (TR, "utf-16"), (RU, "utf-16"),
                                           (TR, "utf-8-sig"), (RU, "koi8_r")])
def test_encodings(tmp_path, text, encoding):
    f = tmp_path / "x.txt"
    f.write_bytes(text.encode(encoding))
    art = read.read_txt(f)
    assert isinstance(art, Article), art
    assert art.text == text


def test_bad_files(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert read.read_txt(tmp_path / "empty.txt") == read.Rejected(str(tmp_path / "empty.txt"), "empty file")
    r = read.read_txt(tmp_path / "bin.txt")
    assert isinstance(r, read.Rejected) and "binary" in r.reason


def test_folders_batches_and_skips(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    for i in range(5):
        (tmp_path / "a" / "b" / f"{i}.txt").write_text(f"Article {i}: {i} tonnes.", encoding="utf-8")
    (tmp_path / "a" / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "empty_dir").mkdir()
    batches = list(read.iter_batches([tmp_path / "a", tmp_path / "empty_dir"], lang="en", batch_size=2))
    arts = [i for b in batches for i in b.items if isinstance(i, Article)]
    assert [a.doc for a in arts] == [f"{i}.txt" for i in range(5)]
    assert max(len(b.items) for b in batches) == 2
    assert sum(b.skipped for b in batches) == 1
    rejected = [i for b in batches for i in b.items if isinstance(i, read.Rejected)]
    assert rejected == [read.Rejected(str(tmp_path / "empty_dir"), "no article files (.txt, .jsonl, .html, .htm, "
                                                                ".warc, .csv, .tsv, .parquet) in directory")]


def test_article_id_is_the_content_hash():
    a = Article.make(doc="a", source="a", text="same", lang="en")
    b = Article.make(doc="b", source="b", text="same", lang="tr")
    assert a.article_id == b.article_id == a.content_hash[:16] and len(a.article_id) == 16
