"""Remembering the last call: every quantity of one sentence asks the same per-sentence question
(its names, its dictionary phrases, the sentence before it) with the same objects."""
from __future__ import annotations

from functools import wraps
from typing import Any, Callable, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def per_sentence(fn: F) -> F:
    """Reuse `fn`'s last result while it is called again with equal arguments, as every quantity of
    one sentence calls it. `fn` must be a pure function. Tuple equality tries identity first, so the
    usual case (the same token list, table and text objects) costs no element-wise comparison."""
    last_args: tuple | None = None
    last_result: Any = None

    @wraps(fn)
    def wrapper(*args: Any) -> Any:
        nonlocal last_args, last_result
        if args != last_args:
            last_result = fn(*args)
            last_args = args
        return last_result
    return wrapper  # type: ignore[return-value]  # same signature as fn
