"""Group the writes of a long run over many files into transactions of a fraction of a second."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from annotator.store.library import Library

Progress = Callable[[int, int, str], "bool | None"]
"""``progress(done, total, current file name)``, called between files; False stops the run."""


def stopped(progress: Progress | None, done: int, total: int, name: str) -> bool:
    """Report progress; True when the caller asked to stop (it returned False)."""
    return progress is not None and progress(done, total, name) is False


class Batches:
    """Writes grouped into transactions of about ``seconds`` each.

    One transaction per file made a scan of 6,000 files commit 6,000 times (the search index
    writes a segment at every commit, three times the work); one transaction for everything
    would hold the project's write lock for minutes, shutting out the window and the command
    line. Each file's writes stay whole: a transaction is committed only between two files.
    """

    def __init__(self, library: Library, seconds: float = 0.1) -> None:
        self._lib = library
        self.seconds = seconds
        self._open: contextlib.ExitStack | None = None
        self._since = 0.0

    def __enter__(self) -> Batches:
        return self

    def __exit__(self, *exc: object) -> None:
        self._close(*exc)

    def between(self) -> None:
        """Between two files: commit the transaction once it is ``seconds`` old."""
        if self._open is not None and time.monotonic() - self._since >= self.seconds:
            self._close(None, None, None)

    def write(self) -> None:
        """About to read what a write depends on, then write: make sure a transaction is open."""
        if self._open is None:
            stack = contextlib.ExitStack()
            stack.enter_context(self._lib.atomic())
            self._open, self._since = stack, time.monotonic()

    def _close(self, *exc: Any) -> None:
        stack, self._open = self._open, None
        if stack is not None:
            stack.__exit__(*exc)


def index_for_search(library: Library, progress: Progress | None = None, size: int = 200) -> int:
    """Index the documents a scan or an addition left queued, ``size`` per transaction.

    Each slice is short, so the window's own writes wait little for the lock; ``progress``
    returning False stops between two slices (the rest stays queued). How many still wait.
    """
    total = waiting = library.search.pending()
    while waiting:
        if stopped(progress, total - waiting, total, ""):
            break
        waiting = library.search.index_pending(size)
    return waiting
