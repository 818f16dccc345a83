"""Language detection tells Russian, Kazakh (Cyrillic and Latin) and Uzbek (Latin and Cyrillic) apart
from Turkish and Azerbaijani (paragraphs written for this test; figures invented)."""
from __future__ import annotations

import pytest

from warehouse.read import detect_language

PARAGRAPHS = [
    ("ru", "Правительство утвердило программу развития транспортных коридоров. По словам министра, "
           "в текущем году объём перевозок через порт вырастет почти на треть, а новые склады "
           "позволят принимать больше контейнеров из Китая и Европы."),
    ("kk", "Үкімет көлік дәліздерін дамыту бағдарламасын бекітті. Министрдің айтуынша, биыл порт "
           "арқылы жүк тасымалы үштен бір бөлікке дейін өседі, ал жаңа қоймалар Қытай мен Еуропадан "
           "келетін контейнерлерді қабылдауға мүмкіндік береді."),
    ("kk", "Úkimet kólik dálizderin damytý baǵdarlamasyn bekitti. Mınıstrdiń aıtýynsha, bıyl port "
           "arqyly júk tasymaly úshten bir bólikke deıin ósedi, al jańa qoımalar Qytaı men Eýropadan "
           "keletin konteınerlerdi qabyldaýǵa múmkindik beredi."),
    ("uz", "Hukumat transport yo‘laklarini rivojlantirish dasturini tasdiqladi. Vazirning so‘zlariga "
           "ko‘ra, joriy yilda port orqali yuk tashish qariyb uchdan bir qismga o‘sadi, yangi omborlar "
           "esa Xitoy va Yevropadan keladigan konteynerlarni qabul qilish imkonini beradi."),
    ("uz", "Ҳукумат транспорт йўлакларини ривожлантириш дастурини тасдиқлади. Вазирнинг сўзларига "
           "кўра, жорий йилда порт орқали юк ташиш қарийб учдан бир қисмга ўсади, янги омборлар эса "
           "Хитой ва Европадан келадиган контейнерларни қабул қилиш имконини беради."),
    ("tr", "Hükümet ulaştırma koridorlarını geliştirme programını onayladı. Bakanın açıklamasına göre "
           "bu yıl liman üzerinden taşınan yük neredeyse üçte bir oranında artacak, yeni depolar ise "
           "Çin ve Avrupa'dan gelen konteynerleri kabul edebilecek."),
    ("az", "Hökumət nəqliyyat dəhlizlərinin inkişafı proqramını təsdiqləyib. Nazirin sözlərinə görə, "
           "bu il liman vasitəsilə yükdaşıma təxminən üçdə bir qədər artacaq, yeni anbarlar isə Çin və "
           "Avropadan gələn konteynerləri qəbul etməyə imkan verəcək."),
]


@pytest.mark.parametrize("lang,text", PARAGRAPHS, ids=["ru", "kk-cyrl", "kk-latn", "uz-latn", "uz-cyrl", "tr", "az"])
def test_detects_language(lang, text):
    assert detect_language(text) == lang


def test_load_detects_each_language_without_lang(tmp_path):
    """`warehouse load` on files whose names say nothing of their language stores the detected one."""
    from conftest import invoke, query_json

    folder = tmp_path / "news"
    folder.mkdir()
    for n, (_lang, text) in enumerate(PARAGRAPHS):
        (folder / f"article{n}.txt").write_text(text + "\n", encoding="utf-8")
    db = tmp_path / "w.duckdb"
    res = invoke("load", folder, "--db", db, "--workers", "1", "--quiet")
    assert res.exit_code == 0, res.stderr
    rows = query_json(db, "select doc, lang from dim_article order by doc")
    assert [r["lang"] for r in rows] == [lang for lang, _ in PARAGRAPHS]
