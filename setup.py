"""Builds the extraction engine as C extensions with mypyc; everything else is in pyproject.toml.

The engine is plain, type-checked Python: mypyc compiles the same source, so the output is the same
either way and the compiled modules read the six-language corpus about 1.5x faster or more (see
benchmarks/README.md). Set EXTRACTORS_PURE_PYTHON=1 at install time to skip compiling (while editing
the engine: an editable install runs the compiled copy until it is rebuilt). Where no C compiler
works, the install falls back to plain Python by itself, saying so in one line (`pip install -v`);
a type error still fails the install, since mypyc type-checks the engine before anything is compiled.
"""
import hashlib
import json
import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext
from setuptools.errors import CCompilerError, ExecError, PlatformError

# Every engine module but the package's __init__, which only re-exports and must stay importable
# to report a stale build (extractors/__init__.py), and table_spec.py, which checks a table against
# its data classes' annotations once per table (compiled classes do not keep them readable).
NOT_COMPILED = {"__init__.py", "table_spec.py"}
COMPILED = sorted(str(p) for p in Path("extractors").glob("*.py") if p.name not in NOT_COMPILED)


STAMP = Path("extractors/compiled.json")   # digests of the compiled sources: see extractors/__init__.py
PLAIN_PYTHON = "extractors: {why}; installing the engine as plain Python (the same output, about 2.3x slower)"


def extensions():
    if os.environ.get("EXTRACTORS_PURE_PYTHON", "") not in ("", "0"):
        STAMP.unlink(missing_ok=True)
        return []
    from mypyc.build import mypycify
    STAMP.write_text(json.dumps({Path(p).name: hashlib.sha1(Path(p).read_bytes()).hexdigest()
                                 for p in COMPILED}, indent=1) + "\n")
    return mypycify(COMPILED, opt_level="3")


class BuildExtOrPlainPython(build_ext):
    """Compiles the engine; where the C compiler is missing or cannot build (no Python headers), installs
    the engine uncompiled instead of failing. No compiled module stays behind: they never mix."""

    def run(self):
        inplace = self.inplace   # an editable install: setuptools builds, then copies beside the sources
        try:
            super().run()
        except (CCompilerError, ExecError, PlatformError) as exc:
            for self.inplace in {False, inplace}:   # this build's modules, and an earlier build's copies
                for ext in self.extensions:
                    Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            self.inplace = inplace
            for stamp in (STAMP, Path(self.build_lib) / STAMP):
                stamp.unlink(missing_ok=True)
            print(PLAIN_PYTHON.format(why=f"no working C compiler ({exc})"), file=sys.stderr)


setup(ext_modules=extensions(), cmdclass={"build_ext": BuildExtOrPlainPython})
