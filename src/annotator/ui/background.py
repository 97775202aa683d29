"""Long work on the project (a scan, files arriving) on a worker thread, one job at a time.

SQLite connections must stay on the thread that opened them, so the worker opens its own
(``Library.sibling``) on the same file. The window's 1-second poll sees what the worker
committed (as this program's own changes), and each job's end asks it at once, so the views
refresh from the ordinary ``Changes`` while the window stays usable.
"""

from __future__ import annotations

import logging
import queue
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.store.errors import StoreError
from annotator.store.library import Library
from annotator.ui.main_thread_gc import postpone_full_collections_while_busy

logger = logging.getLogger("annotator.ui.background")

Work = Callable[[Library, Callable[[int, int, str], bool]], object]
"""``work(library, progress)``: runs on the worker thread; ``progress`` returns False to stop."""

_PROGRESS_EVERY_S = 0.05  # progress signals at most this often (a scan reads thousands of files)

# How long a thread may hold Python's lock while another waits for it. Each call that lets go
# of the lock (a row read from SQLite, a file read) waits that long to get it back while the
# other thread computes: at Python's 5 ms, the window re-reading 40 rows during a 5,000-file
# drop waited up to 200 ms, and the worker's own many short waits made the drop a fifth
# slower. At 1 ms a list refresh still waited 170 ms during a large rescan, and Qt calling
# into Python (a row count, a cell's data) waits each time too: 0.05 ms instead.
SWITCH_INTERVAL_S = 0.00005


@dataclass(eq=False)
class Job:
    """One piece of work; ``cancel`` asks it to stop between two files."""

    work: Work
    label: str
    cancelled: threading.Event = field(default_factory=threading.Event)
    idle: bool = False  # idle work (catching up the search index): stopped by any other job
    result: object = None
    error: str = ""
    done: bool = False  # set on the GUI thread once ``finished`` was emitted for it

    def cancel(self) -> None:
        self.cancelled.set()


class Background(QObject):
    """Runs jobs in order on one worker thread that has its own connection to the project."""

    progressed = Signal(object, int, int, str)
    """Emitted with (job, done, total, current name) while a job runs."""

    finished = Signal(object)
    """Emitted with the job once it ended (``job.result``, or ``job.error`` when it failed)."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        sys.setswitchinterval(min(sys.getswitchinterval(), SWITCH_INTERVAL_S))
        postpone_full_collections_while_busy(self)
        self._library = library
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._waiting: list[Job] = []  # submitted, not finished (changed on the GUI thread only)
        self.finished.connect(self._forget)  # first, so listeners see busy() as it is

    def submit(self, work: Work, label: str, *, idle: bool = False) -> Job:
        """Queue ``work``; it runs after the jobs before it. Idle work running or waiting is
        stopped (between two steps) so that ``work`` does not wait for it."""
        for earlier in self._waiting:
            if earlier.idle:
                earlier.cancel()
        job = Job(work, label, idle=idle)
        self._waiting.append(job)
        if self._library.path is None:
            # An in-memory project has no second connection: run on this thread, next turn.
            QTimer.singleShot(0, self, lambda: self._run(job, self._library))
            return job
        if self._thread is None:
            self._thread = threading.Thread(target=self._loop, name="annotator-worker", daemon=True)
            self._thread.start()
        self._jobs.put(job)
        return job

    def busy(self) -> bool:
        """Whether a job is running or waiting."""
        return bool(self._waiting)

    def stop(self) -> None:
        """Cancel what runs and waits, and end the thread (call on quit)."""
        for job in self._waiting:
            job.cancel()
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def _loop(self) -> None:
        library = None
        try:
            while (job := self._jobs.get()) is not None:
                if library is None:
                    try:
                        library = self._library.sibling()
                    except StoreError as error:
                        job.error = str(error)
                        self.finished.emit(job)
                        continue
                self._run(job, library)
        finally:
            if library is not None:
                library.close()

    def _run(self, job: Job, library: Library) -> None:
        last = [0.0]

        def progress(done: int, total: int, name: str) -> bool:
            now = time.monotonic()
            if now - last[0] >= _PROGRESS_EVERY_S or done == total:
                last[0] = now
                self.progressed.emit(job, done, total, name)
            return not job.cancelled.is_set()

        try:
            job.result = job.work(library, progress)
        except (StoreError, OSError) as error:
            job.error = str(error)
        except Exception as error:  # a bad file must never take the app down
            logger.exception("%s failed", job.label)
            job.error = f"{job.label} failed: {error}"
        self.finished.emit(job)  # queued to the GUI thread

    def _forget(self, job: Job) -> None:
        job.done = True
        if job in self._waiting:
            self._waiting.remove(job)
