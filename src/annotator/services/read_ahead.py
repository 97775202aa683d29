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
import multiprocessing
import os
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from annotator.core.content import SourceContent
from annotator.core.textload import LoadError
from annotator.formats.registry import read_source, source_format_for

logger = logging.getLogger("annotator.services.read_ahead")

MIN_FILES = 200  # fewer files are read here: a worker takes longer to start than they do
CHUNK = 64  # files a worker reads per task: it has at most two queued, refilled by a thread
# of this process that waits its turn for Python's lock (16 left the worker idle a sixth of a scan)
AHEAD = 4  # tasks queued per worker: enough to keep it busy, few texts held in memory
MAX_WORKERS = 3  # the writing process is the bottleneck beyond this

Read = SourceContent | LoadError


def read_all(
    files: Sequence[Path], *, workers: int | None = None
) -> Generator[tuple[Path, Read], None, None]:
    """Each of ``files`` (in order) with its content, or the LoadError saying why not.

    Close the iterator (or leave its ``for`` loop) to stop: queued reads are cancelled.
    ``workers``: how many processes read (default: the cores but one, at most MAX_WORKERS).
    """
    count = _workers() if workers is None else workers
    if count < 1 or len(files) < MIN_FILES or not all(map(_portable, files)):
        yield from ((file, read_one(file)) for file in files)
        return
    pool = ProcessPoolExecutor(count, mp_context=multiprocessing.get_context("spawn"))
    chunks = [list(files[i : i + CHUNK]) for i in range(0, len(files), CHUNK)]
    queued: deque[tuple[list[Path], Future[list[Read]]]] = deque()
    next_chunk = 0
    try:
        while next_chunk < len(chunks) or queued:
            while next_chunk < len(chunks) and len(queued) < AHEAD * count:
                chunk = chunks[next_chunk]
                queued.append((chunk, pool.submit(read_chunk, [str(f) for f in chunk])))
                next_chunk += 1
            chunk, future = queued.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                logger.warning("a reading process stopped; the other files are read here")
                rest = chunk + [f for c, _ in queued for f in c]
                rest += [f for c in chunks[next_chunk:] for f in c]
                queued.clear()
                next_chunk = len(chunks)
                yield from ((file, read_one(file)) for file in rest)
                return
            yield from zip(chunk, results, strict=True)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


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
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return min((cores or 1) - 1, MAX_WORKERS)
