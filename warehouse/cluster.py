"""Extraction on a Dask cluster (`warehouse load --scheduler tcp://HOST:PORT`).

The loader stays the one process that reads the inputs and writes the warehouse; each batch of
articles it reads (a shard: the texts of up to 64 articles) goes to the cluster's workers, which run
the same pure extraction function as local worker processes, and the results come back as they
finish. Dask reruns the shards of a worker that dies on the others; a shard that still fails
(Dask gave up on it, or the function raised) is submitted again, up to SHARD_ATTEMPTS times in all.
At most SHARDS_PER_THREAD shards per worker thread are in flight, so memory stays bounded.
"""
from __future__ import annotations

from typing import Any, Callable, Iterable, Iterator

SHARDS_PER_THREAD = 2
SHARD_ATTEMPTS = 3
CONNECT_SECONDS = 30


class ClusterError(Exception):
    """The cluster cannot be reached or keeps failing a shard."""


def client(scheduler: str):
    """A Dask client of the scheduler at `scheduler` (tcp://HOST:PORT)."""
    try:
        from distributed import Client
    except ImportError:
        raise ClusterError("--scheduler needs Dask: pip install 'news-quant-warehouse[cluster]'") from None
    try:
        return Client(scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
    except OSError as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}. Start one "
                           f"(`dask scheduler`, then `dask worker {scheduler}` on each machine) or check the address") from None


def map_shards(tagged_shards: Iterable[tuple[Any, Any]], scheduler: str, fn: Callable,
               on_done: Callable[[int], None] | None = None) -> Iterator[tuple[Any, Any]]:
    """(tag, fn(shard)) for each (tag, shard), computed on the cluster's workers, in the order
    they finish; on_done(shards done so far) after each. `fn` must be importable on the workers
    (a module-level function of this package, installed there)."""
    from distributed import as_completed

    with client(scheduler) as dask:
        window = SHARDS_PER_THREAD * max(1, sum(dask.nthreads().values()))
        shards = iter(tagged_shards)
        running = as_completed(loop=dask.loop)
        submitted: dict[str, tuple[Any, Any, int]] = {}   # future key -> (tag, shard, attempt)
        done = 0

        def submit(tag, shard, attempt: int = 1) -> None:
            future = dask.submit(fn, shard, pure=False)
            submitted[future.key] = (tag, shard, attempt)
            running.add(future)

        def fill() -> None:
            while running.count() < window and (item := next(shards, None)) is not None:
                submit(*item)

        fill()
        while running.count():
            future = next(running)
            tag, shard, attempt = submitted.pop(future.key)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker lost too often, or the task failed
                if attempt >= SHARD_ATTEMPTS:
                    raise ClusterError(f"a shard failed {attempt} times on the cluster: "
                                       f"{type(exc).__name__}: {exc}") from None
                submit(tag, shard, attempt + 1)
                continue
            finally:
                future.release()
            done += 1
            if on_done:
                on_done(done)
            yield tag, result
            fill()
