"""Keep pandas out of a process that never uses it: where pandas is installed (the test extra, an
analyst's environment), pyarrow imports it the first time it converts Python values to an array
(its C++ converter looks up pandas' missing-value types) and DuckDB with it: about 0.25 CPU-s a
process for nothing, in the CLI's process and in every extraction worker.

`keep_out()` makes `import pandas` fail in this process, so both libraries find it absent, as they
do in an install without it. Only the `warehouse` program's extract and load processes call it:
code that wants pandas (the tests, a Dask cluster's serialization) never runs there."""
from __future__ import annotations

import sys


class _PandasAbsent:
    """A meta-path finder that reports pandas as not installed."""

    def find_spec(self, name, path=None, target=None):
        if name == "pandas" or name.startswith("pandas."):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None


def keep_out() -> None:
    """Make `import pandas` fail from now on in this process (a no-op once pandas is imported)."""
    if "pandas" not in sys.modules and not active():
        sys.meta_path.insert(0, _PandasAbsent())


def active() -> bool:
    return any(isinstance(f, _PandasAbsent) for f in sys.meta_path)
