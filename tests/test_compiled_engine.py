"""The install compiles the engine with mypyc (setup.py); an edited source must never run as its
stale compiled copy. These tests copy the installed package and import it in a fresh interpreter."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import extractors

PACKAGE = Path(extractors.__file__).resolve().parent
COMPILED = sorted(PACKAGE.glob("*.so")) + sorted(PACKAGE.glob("*.pyd"))
pytestmark = pytest.mark.skipif(not COMPILED, reason="pure-Python install (EXTRACTORS_PURE_PYTHON=1)")

PROBE = "import extractors.engine as e, extractors.units as u; print(e.__file__); print(u.__file__)"


def _import_copy(tmp_path: Path, edit: str | None = None) -> subprocess.CompletedProcess:
    copy = tmp_path / "extractors"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    if edit:
        with (copy / edit).open("a", encoding="utf-8") as fh:
            fh.write("\n# edited after the build\n")
    return subprocess.run([sys.executable, "-c", PROBE], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}, check=True)


def test_a_fresh_build_runs_compiled(tmp_path):
    files = _import_copy(tmp_path).stdout.split()
    assert all(f.endswith((".so", ".pyd")) for f in files), files


def test_an_edited_source_runs_from_source_with_a_warning(tmp_path):
    run = _import_copy(tmp_path, edit="units.py")
    # every engine module switches, not only the edited one: compiled and source modules never mix
    assert [Path(f).name for f in run.stdout.split()] == ["engine.py", "units.py"]
    assert "compiled engine is older than its sources (units.py)" in run.stderr
    assert "pip install -e ." in run.stderr


def test_the_compiled_engine_reads_like_the_source(tmp_path):
    """Same output from the compiled modules as from their sources, on a paragraph of each language."""
    probe = ("import json, extractors; "
             "print(json.dumps([[q.to_dict() for q in extractors.extract(t, l)] for l, t in sorted(T.items())]))")
    texts = {"tr": "Boru hattı 2024'te yaklaşık 63 milyon ton petrol taşıdı, yüzde 80'i Kazak.",
             "az": "Layihənin dəyəri təxminən 6 min 500 kilometrlik dəhlizdə 17 milyard dollardır.",
             "en": "CPC carried 63 million tonnes of oil in 2024, about 80 percent of exports.",
             "ru": "В 2024 году по КТК прокачано 63 млн тонн нефти, около 80% экспорта.",
             "kk": "2024 жылы КТҚ арқылы 63 миллион тонна мұнай тасымалданды, шамамен 80 пайызы.",
             "uz": "2024-yilda 63 million tonna neft tashildi, qariyb 80 foizi eksportga."}
    code = f"T = {texts!r}\n{probe}"
    compiled = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    copy = tmp_path / "src"
    copy.mkdir()
    shutil.copytree(PACKAGE, copy / "extractors", ignore=shutil.ignore_patterns("__pycache__", "*.so", "*.pyd"))
    source = subprocess.run([sys.executable, "-c", code], cwd=copy, capture_output=True, text=True, check=True,
                            env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"}).stdout
    assert compiled == source
    assert compiled.count('"value"') >= 12


def test_compiled_quantities_pickle(tmp_path):
    """Extraction workers send quantities to their parent by pickle: a compiled frozen Quantity
    comes back equal (mypyc's own state setter assigned fields one by one, which the class refuses)."""
    code = ("import pickle, extractors; q = extractors.extract('Exports rose 5.2 percent in 2024.', 'en')[0]; "
            "r = pickle.loads(pickle.dumps(q)); assert r == q and type(r) is type(q), (r, q); "
            "print(type(q).__module__, r.value)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout.split() == ["extractors.model", "5.2"], run.stderr
