"""Read many source files ahead in other processes, while this one matches and stores them.

A scan that brings in thousands of files spends a fifth of its time reading them (decoding,
hashing, the byline), work that needs nothing from the project: other processes do it on the
other cores (threads would share Python's lock) while this one writes what they read, in the
files' order. Each worker has its own PDFium, which is not thread-safe either.

Below ``MIN_FILES`` files, on a single core, or when a format registered at run time reads
some of them, the files are read here: starting a worker costs about a tenth of a second. A
worker that dies (a reader crashed on some file) leaves the rest to be read here, as they
were before.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from annotator.core.content import SourceContent
from annotator.core.textload import LoadError
from annotator.formats.registry import read_source, source_format_for

if TYPE_CHECKING:
    from concurrent.futures import Future

logger = logging.getLogger("annotator.services.read_ahead")

MIN_FILES = 200  # fewer files are read here: a worker takes longer to start than they do
CHUNK = 64  # files a worker reads per task: it has at most two queued, refilled by a thread
# of this process that waits its turn for Python's lock (16 left the worker idle a sixth of a scan)
AHEAD = 4  # tasks queued per worker: enough to keep it busy, few texts held in memory
MAX_WORKERS = 3  # the writing process is the bottleneck beyond this

Read = SourceContent | LoadError


class Reads(Protocol):
    """(file, content or LoadError) in the files' order; ``close`` stops what is queued."""

    def __iter__(self) -> Iterator[tuple[Path, Read]]: ...

    def __next__(self) -> tuple[Path, Read]: ...

    def close(self) -> None: ...


def waiting(reads: Reads) -> bool:
    """Whether the next of ``reads`` is still being read (the caller may do other work)."""
    return isinstance(reads, _Ahead) and not reads.ready()


def read_all(files: Sequence[Path], *, workers: int | None = None) -> Reads:
    """Each of ``files`` (in order) with its content, or the LoadError saying why not.

    The reading starts at once, before the first is asked for. Close the result (or use
    ``contextlib.closing``) to stop: queued reads are cancelled. ``workers``: how many
    processes read (default: the cores but one, at most MAX_WORKERS).
    """
    count = _workers() if workers is None else workers
    if count < 1 or len(files) < MIN_FILES or not all(map(_portable, files)):
        return ((file, read_one(file)) for file in files)
    return _Ahead(files, count)


class _Ahead:
    """Files read by a pool of processes, a few tasks ahead of what was taken."""

    def __init__(self, files: Sequence[Path], workers: int) -> None:
        # Imported here: the app imports this module at start-up, and these take 15 ms.
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self._pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"))
        self._chunks = deque(list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK))
        self._queued: deque[tuple[list[Path], Future[list[Read]]]] = deque()
        self._ahead = AHEAD * workers
        self._ready: deque[tuple[Path, Read]] = deque()
        self._here: deque[Path] = deque()  # left to read in this process (a worker died)
        self._fill()

    def __iter__(self) -> _Ahead:
        return self

    def __next__(self) -> tuple[Path, Read]:
        if not self._ready:
            if self._here:
                file = self._here.popleft()
                return file, read_one(file)
            if not self._queued:
                self.close()
                raise StopIteration
            from concurrent.futures.process import BrokenProcessPool

            chunk, future = self._queued.popleft()
            try:
                self._ready.extend(zip(chunk, future.result(), strict=True))
            except BrokenProcessPool:
                logger.warning("a reading process stopped; the other files are read here")
                self._here.extend(chunk)
                self._here.extend(f for c, _future in self._queued for f in c)
                self._here.extend(f for c in self._chunks for f in c)
                self._queued.clear()
                self._chunks.clear()
                self.close()
                return next(self)
            self._fill()
        return self._ready.popleft()

    def ready(self) -> bool:
        """Whether ``next`` returns at once."""
        return bool(self._ready or self._here or not self._queued or self._queued[0][1].done())

    def _fill(self) -> None:
        while self._chunks and len(self._queued) < self._ahead:
            chunk = self._chunks.popleft()
            self._queued.append((chunk, self._pool.submit(read_chunk, [str(f) for f in chunk])))

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)


def read_one(file: Path) -> Read:
    """The content of ``file``, or the LoadError saying why it cannot be read."""
    try:
        return read_source(file)
    except LoadError as error:
        return error


def read_chunk(files: list[str]) -> list[Read]:
    """What a worker does with a task: read each file (module level: the worker imports it)."""
    return [read_one(Path(file)) for file in files]


def _portable(file: Path) -> bool:
    """Whether a worker reads ``file`` as this process would: its format is one of the
    package's own (a worker starts with those only, not with formats registered since)."""
    fmt = source_format_for(file)
    return fmt is None or getattr(fmt.read, "__module__", "").startswith("annotator.")


def _workers() -> int:
    # The cores but one: this process keeps a core to itself (while it waits for a file, the
    # caller does other work: a scan sketches texts for its second round). None on one core.
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min((cores or 1) - 1, MAX_WORKERS)
