"""Installs like a package (issue 13): the built wheel, and `pip install .` on a machine without a C
compiler, each in a fresh virtual environment, work from a folder outside the checkout.

Each artifact is built once per module, from a copy of the checkout (builds write build/, *.egg-info
and extractors/compiled.json): the sdist, then the compiled wheel from the sdist (as `python -m build`
does, which proves the sdist holds everything), then `pip install .` with only the new environment's
bin folder on PATH. The fresh environments get the dependencies from a .pth file naming this
environment's site-packages: instant and offline (pip installing them from its cache took ~50 s per
environment). A .pth line only adds a folder to sys.path and runs no .pth file inside it, so the
editable install's finder stays out and the installed copy is what runs (asserted).
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import venv
from dataclasses import dataclass
from pathlib import Path

import pytest

import extractors
from conftest import DEV_DOCS, ROOT, SEEDS, query_json

NOT_SOURCES = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache",
                                     ".hypothesis", "*.so", "*.pyd", "compiled.json", "*.duckdb*")
HAS_C_COMPILER = shutil.which((sysconfig.get_config_var("CC") or "cc").split()[0]) is not None
COUNTS = ("select (select count(*) from v_quantities) as quantities, (select count(*) from dim_article) as articles, "
          "(select count(*) from dim_unit where source <> 'derived') as units_from_csv, "
          "(select count(*) from dim_entity) as entities, (select count(*) from dim_indicator) as indicators, "
          "(select count(*) from v_facts) as facts")
PROBE = ("import warehouse, extractors, extractors.engine as engine; "
         "print(warehouse.__file__, engine.__file__, extractors.EXTRACTOR_VERSION, sep='\\n')")
FALLBACK = "installing the engine as plain Python"


def _env(path: str, **extra: str) -> dict[str, str]:
    """This process's environment (pip's settings, HOME for its cache) without what would point a
    subprocess at the checkout or change the build."""
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "WAREHOUSE_DB", "CC", "EXTRACTORS_PURE_PYTHON"}
    return {k: v for k, v in os.environ.items() if k not in drop} | {"PATH": path} | extra


def _run(cmd: list, cwd: Path, env: dict[str, str]) -> str:
    res = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    assert res.returncode == 0, f"{cmd} failed ({res.returncode}):\n{res.stdout[-4000:]}\n{res.stderr[-4000:]}"
    return res.stdout + res.stderr


def _one(paths) -> Path:
    found = list(paths)
    assert len(found) == 1, found
    return found[0]


def _checkout_copy(tmp_path_factory) -> Path:
    src = tmp_path_factory.mktemp("checkout") / "news-quant-warehouse"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    return src


@dataclass
class Install:
    """A fresh virtual environment with the project installed into it by pip (`log`: pip's output)."""
    venv: Path
    log: str = ""

    @property
    def bin(self) -> Path:
        return self.venv / "bin"

    def run(self, *args, cwd: Path) -> str:
        """`warehouse ARGS` of this install, run from `cwd`; its stdout."""
        res = subprocess.run([str(self.bin / "warehouse"), *map(str, args)], cwd=cwd, capture_output=True,
                             env=_env(str(self.bin)), timeout=600)
        assert res.returncode == 0, res.stderr.decode()
        return res.stdout.decode()

    def probe(self, cwd: Path) -> tuple[Path, Path, str]:
        """Where `warehouse` and the engine are imported from, and the extractor version."""
        out = subprocess.run([str(self.bin / "python"), "-c", PROBE], cwd=cwd, env=_env(str(self.bin)),
                             capture_output=True, text=True, check=True).stdout.split("\n")
        return Path(out[0]), Path(out[1]), out[2]

    def counts(self, cwd: Path) -> dict:
        """migrate, load the samples and query, as a new user would."""
        db = cwd / "w.duckdb"
        assert "schema at revision" in self.run("migrate", "--db", db, cwd=cwd)
        self.run("load", SEEDS, "--db", db, "--workers", 1, "--quiet", cwd=cwd)
        return json.loads(self.run("query", COUNTS, "--db", db, "--format", "json", cwd=cwd))[0]


def _install(target: str, cwd: Path, venv_dir: Path, path: str) -> Install:
    """pip-install `target` into a new environment at `venv_dir` (no pip of its own: this one's runs
    with `--python`), whose dependencies come from this environment's site-packages."""
    venv.create(venv_dir, with_pip=False, symlinks=True)
    python = venv_dir / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "project-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    log = _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-v", target],
               cwd=cwd, env=_env(path))
    return Install(venv_dir, log)


@pytest.fixture(scope="module")
def sdist(tmp_path_factory) -> Path:
    src, out = _checkout_copy(tmp_path_factory), tmp_path_factory.mktemp("sdist")
    # an sdist holds sources only: nothing to compile
    _run([sys.executable, "-m", "build", "--sdist", "--outdir", out, "."], cwd=src,
         env=_env(os.environ["PATH"], EXTRACTORS_PURE_PYTHON="1"))
    return _one(out.glob("*.tar.gz"))


@pytest.fixture(scope="module")
def wheel(sdist, tmp_path_factory) -> Install:
    """The wheel built from the sdist (compiled with mypyc where a C compiler exists), installed."""
    out = tmp_path_factory.mktemp("wheel")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", out, sdist], cwd=out,
         env=_env(os.environ["PATH"]))
    built = _one(out.glob("*.whl"))
    return _install(str(built), out, tmp_path_factory.mktemp("venv") / "wheel", os.environ["PATH"])


@pytest.fixture(scope="module")
def no_compiler(tmp_path_factory) -> Install:
    """`pip install .` with nothing on PATH but the new environment's bin folder: no C compiler."""
    venv_dir = tmp_path_factory.mktemp("venv") / "no-compiler"
    return _install(".", _checkout_copy(tmp_path_factory), venv_dir, str(venv_dir / "bin"))


@pytest.fixture(scope="module")
def editable_counts(seeded_db) -> dict:
    return query_json(seeded_db, COUNTS)[0]


def test_the_sdist_holds_the_tables_migrations_and_views_but_not_the_sample_articles(sdist):
    with tarfile.open(sdist) as tar:
        names = {n.split("/", 1)[1] for n in tar.getnames() if "/" in n}
    assert {"seeds/units.csv", "seeds/entities.csv", "seeds/indicators.csv", "migrations/env.py",
            "migrations/versions/0001_star_schema.py", "sql/views/v_quantities_0005.sql",
            "extractors/languages/en.toml"} <= names
    assert not [n for n in names if n.startswith("seeds/") and n.endswith(".txt")]


def test_the_wheel_works_from_any_folder(wheel, editable_counts, tmp_path):
    imported, engine, version = wheel.probe(tmp_path)
    assert imported.is_relative_to(wheel.venv) and engine.is_relative_to(wheel.venv), (imported, engine)
    if HAS_C_COMPILER:
        assert engine.suffix in (".so", ".pyd"), engine
    counts = wheel.counts(tmp_path)
    assert counts == editable_counts
    assert min(counts.values()) > 0, counts
    assert version == extractors.EXTRACTOR_VERSION   # the digest of the same files, wherever installed


def test_without_a_c_compiler_the_install_falls_back_to_plain_python(no_compiler, editable_counts, tmp_path):
    said = [line for line in no_compiler.log.splitlines() if FALLBACK in line]
    assert len(said) == 1 and "no working C compiler" in said[0], no_compiler.log[-3000:]
    imported, engine, version = no_compiler.probe(tmp_path)
    assert imported.is_relative_to(no_compiler.venv) and engine.name == "engine.py", (imported, engine)
    assert not list(engine.parent.glob("*.so")) and not (engine.parent / "compiled.json").exists()
    assert no_compiler.counts(tmp_path) == editable_counts
    assert version == extractors.EXTRACTOR_VERSION


@pytest.mark.skipif(not HAS_C_COMPILER, reason="no C compiler: nothing compiled to compare with")
@pytest.mark.parametrize("docs", [SEEDS, DEV_DOCS], ids=["samples", "dev"])
def test_compiled_and_plain_python_installs_extract_byte_identical_output(wheel, no_compiler, docs, tmp_path):
    if not docs.exists():
        pytest.skip(f"{docs} is not present")
    compiled = wheel.run("extract", docs, "--format", "jsonl", cwd=tmp_path)
    assert compiled == no_compiler.run("extract", docs, "--format", "jsonl", cwd=tmp_path)
    assert compiled.count("\n") >= 20


def test_a_changed_language_table_changes_the_version_stored_with_new_quantities(no_compiler, tmp_path):
    table = no_compiler.probe(tmp_path)[1].parent / "languages" / "en.toml"
    article = tmp_path / "en_new.txt"
    article.write_text(" date 2025-03-04\nExports reached 12 million tonnes in 2024.\n", encoding="utf-8")
    db, original = tmp_path / "w.duckdb", table.read_bytes()
    no_compiler.run("load", SEEDS, "--db", db, "--workers", 1, "--quiet", cwd=tmp_path)
    try:
        table.write_bytes(original + b"\n# one line more\n")
        no_compiler.run("load", article, "--db", db, "--workers", 1, "--quiet", cwd=tmp_path)
    finally:
        table.write_bytes(original)
    rows = json.loads(no_compiler.run(
        "query", "select e.version, count(distinct f.article_id) as articles from v_fact_quantity f "
                 "join dim_extractor e using (extractor_key) group by all", "--db", db, "--format", "json", cwd=tmp_path))
    articles = {r["version"]: r["articles"] for r in rows}
    assert len(articles) == 2 and articles.pop(extractors.EXTRACTOR_VERSION) > 1, rows
    assert list(articles.values()) == [1] and re.fullmatch(r"rules-[0-9a-f]{12}", *articles), rows
