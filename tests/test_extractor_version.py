"""The extractor version is a digest of what decides the output (issue 13): the engine sources, the
language tables and the seed tables the extractors read. Computed here over copies of the installed
files, so a changed byte is never written into the installed package."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import extractors
from extractors.resources import SEEDS_PACKAGE, content_digest, package_folder
from extractors.tables import LANGUAGE_PATH_ENV

NOT_CONTENT = shutil.ignore_patterns("__pycache__", "*.so", "*.pyd", "compiled.json")


@pytest.fixture
def copied(tmp_path) -> Path:
    """The installed engine and seed tables, copied to tmp_path/extractors and tmp_path/seeds."""
    shutil.copytree(package_folder("extractors"), tmp_path / "extractors", ignore=NOT_CONTENT)
    shutil.copytree(package_folder(SEEDS_PACKAGE), tmp_path / "seeds", ignore=NOT_CONTENT)
    return tmp_path


def _digest(root: Path) -> str:
    return content_digest(root / "extractors", root / "seeds", (root / "extractors/languages").glob("*.toml"))


def test_the_version_names_the_content_not_the_place(copied):
    assert re.fullmatch(r"rules-[0-9a-f]{12}", extractors.EXTRACTOR_VERSION)
    assert extractors.EXTRACTOR_VERSION == "rules-" + _digest(copied)


@pytest.mark.parametrize("changed", ["extractors/languages/en.toml", "extractors/engine.py",
                                     "seeds/units.csv", "seeds/entities.csv", "seeds/entity_names.csv",
                                     "seeds/indicators.csv"])
def test_one_changed_byte_changes_the_version(copied, changed):
    before = _digest(copied)
    path = copied / changed
    data = bytearray(path.read_bytes())
    data[len(data) // 2] ^= 1
    path.write_bytes(bytes(data))
    assert _digest(copied) != before


def test_a_new_language_table_changes_the_version(copied):
    before = _digest(copied)
    shutil.copy(copied / "extractors/languages/en.toml", copied / "extractors/languages/xx.toml")
    assert _digest(copied) != before


def test_a_table_from_the_language_path_changes_the_version(tmp_path, monkeypatch):
    installed = extractors.EXTRACTOR_VERSION
    shutil.copy(package_folder("extractors") / "languages/en.toml", tmp_path / "xx.toml")
    monkeypatch.setenv(LANGUAGE_PATH_ENV, str(tmp_path))
    assert re.fullmatch(r"rules-[0-9a-f]{12}", extractors.EXTRACTOR_VERSION) and extractors.EXTRACTOR_VERSION != installed
    monkeypatch.delenv(LANGUAGE_PATH_ENV)
    assert extractors.EXTRACTOR_VERSION == installed


@pytest.mark.parametrize("unrelated", ["seeds/entities_manual.csv", "seeds/sample_article.txt",
                                       "extractors/compiled.json", "extractors/__pycache__/engine.cpython-311.pyc"])
def test_files_that_do_not_decide_the_output_leave_the_version(copied, unrelated):
    before = _digest(copied)
    path = copied / unrelated
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("ab") as fh:
        fh.write(b"\nanything\n")
    assert _digest(copied) == before


def test_without_engine_sources_there_is_no_version(tmp_path):
    (tmp_path / "languages").mkdir()
    with pytest.raises(RuntimeError, match=r"no engine sources"):
        content_digest(tmp_path, tmp_path, [])
