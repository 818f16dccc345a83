"""Builds the extraction engine as C extensions with mypyc; everything else is in pyproject.toml.

The engine is plain, type-checked Python: mypyc compiles the same source, so the output is the same
either way and the compiled modules read the six-language corpus about 1.5x faster or more (see
benchmarks/README.md). Set EXTRACTORS_PURE_PYTHON=1 at install time to skip compiling (no C compiler,
or while editing the engine: an editable install runs the compiled copy until it is rebuilt).
"""
import hashlib
import json
import os
from pathlib import Path

from setuptools import setup

# Every engine module but the package's __init__, which only re-exports and must stay importable
# to report a stale build (extractors/__init__.py), and table_spec.py, which checks a table against
# its data classes' annotations once per table (compiled classes do not keep them readable).
NOT_COMPILED = {"__init__.py", "table_spec.py"}
COMPILED = sorted(str(p) for p in Path("extractors").glob("*.py") if p.name not in NOT_COMPILED)


STAMP = Path("extractors/compiled.json")   # digests of the compiled sources: see extractors/__init__.py


def extensions():
    if os.environ.get("EXTRACTORS_PURE_PYTHON", "") not in ("", "0"):
        STAMP.unlink(missing_ok=True)
        return []
    from mypyc.build import mypycify
    STAMP.write_text(json.dumps({Path(p).name: hashlib.sha1(Path(p).read_bytes()).hexdigest()
                                 for p in COMPILED}, indent=1) + "\n")
    return mypycify(COMPILED, opt_level="3")


setup(ext_modules=extensions())
