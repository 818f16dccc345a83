"""Ctrl-C and SIGTERM as one clean stop, and worker processes that never outlive their parent.

The CLI's process turns SIGINT into KeyboardInterrupt and SIGTERM into `Terminated` (a
KeyboardInterrupt: the same clean stop, exit code 143 instead of 130). Inside `deferred()` (a write
window: a DuckDB transaction and the stages after it) a signal is only noted and raised when the
window closes. Raised mid-query, it would make DuckDB abort the statement ("Query interrupted") or
leave the transaction half rolled back, and the run would be logged `failed` with a traceback.

Extraction workers ignore SIGINT (Ctrl-C reaches the whole process group: the parent decides) and
die with their parent however it dies: Linux's PR_SET_PDEATHSIG, and a watchdog thread that
watches the parent's pid where that is missing.
"""
from __future__ import annotations

import os
import signal
import sys
import threading
import time
from contextlib import contextmanager


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop as Ctrl-C does (what is committed stays), exit code 143."""


_deferring = 0
_pending: list[int] = []


_last_raised: list[int] = []   # the signal last raised as an exception


def _raise_for(signum: int) -> None:
    _last_raised[:] = [signum]
    raise _stop_for(signum)


def _stop_for(signum: int) -> KeyboardInterrupt:
    return Terminated() if signum == signal.SIGTERM else KeyboardInterrupt()


def _handler(signum, _frame) -> None:
    if _deferring:
        _pending.append(signum)
    else:
        _raise_for(signum)


_held = False


def install_handlers() -> None:
    """SIGINT and SIGTERM raise KeyboardInterrupt / Terminated, except inside `deferred()`, and
    until `release()`: the process installs them first thing and releases them once the command
    runs, where a stop can be reported cleanly."""
    global _deferring, _held
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, _handler)
        signal.signal(signal.SIGTERM, _handler)
        if not _held:
            _held = True
            _deferring += 1


def release() -> None:
    """Raise a signal noted since install_handlers(), and every later one as it comes."""
    global _deferring, _held
    if _held:
        _held = False
        _deferring -= 1
        _raise_pending()


@contextmanager
def deferred():
    """Run the block to its end whatever signal arrives; raise the first one noted afterwards."""
    global _deferring
    _deferring += 1
    try:
        yield
    finally:
        _deferring -= 1
    _raise_pending()


def _raise_pending() -> None:
    if not _deferring and _pending:
        signum = _pending[0]
        _pending.clear()
        _raise_for(signum)


def interruption(exc: BaseException) -> KeyboardInterrupt | None:
    """The stop `exc` stands for, or None when it is a failure. A signal that arrives while DuckDB
    runs a statement outside deferred() (a reader's query, relink's one transaction, a writer
    attaching the file) comes back as DuckDB's RuntimeError "Query interrupted": the stop of the
    signal last raised."""
    if isinstance(exc, KeyboardInterrupt):
        return exc
    if isinstance(exc, RuntimeError) and str(exc) == "Query interrupted":
        return _stop_for(_last_raised[0] if _last_raised else signal.SIGINT)
    return None


# ---------------------------------------------------------------- worker processes

PR_SET_PDEATHSIG = 1          # linux/prctl.h
WATCHDOG_SECONDS = 1.0


def start_worker(parent_pid: int) -> None:
    """ProcessPoolExecutor initializer of the extraction workers."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (the parent's handlers come with its main module)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the parent died before the line above ran
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent_pid,), daemon=True, name="parent-watchdog").start()


def _watch_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)
