"""Collect Python's cyclic garbage on the GUI thread only, where Qt objects must be destroyed.

Python runs its cycle collector on whichever thread happens to allocate when a threshold is
crossed. With a worker thread scanning files (and watchdog's threads reading events), that is
often not the GUI thread, and a closed dialog or window caught in a reference cycle would then
be destroyed there: Qt unregisters its timers from the wrong thread's dispatcher and later
crashes in ``QTimerInfoList::activateTimers`` (seen in the test suite, reproducibly). So the
automatic collector is switched off and a timer on the GUI thread runs it instead, by the same
thresholds Python uses, whenever the event loop is free; a full collection waits while the worker
is busy (up to two minutes).
"""

from __future__ import annotations

import gc
import time
import weakref
from typing import Protocol

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 250  # often enough that garbage never piles up, cheap when there is none
# A full collection walks every object of the program (after a large scan, 100-200 ms on the
# GUI thread): while a worker is busy it waits, up to this long, for the worker to finish.
_FULL_WAITS_S = 120.0


class _Worker(Protocol):
    def busy(self) -> bool: ...


_WORKERS: weakref.WeakSet[_Worker] = weakref.WeakSet()


def postpone_full_collections_while_busy(worker: _Worker) -> None:
    """Hold full collections back while ``worker.busy()``: a scan or a drop of thousands of
    files must not stall the window, and the young generations still run meanwhile."""
    _WORKERS.add(worker)


class MainThreadCollector(QObject):
    """Cyclic garbage is collected on the thread that created this, from then on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._last_full = time.monotonic()
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose allocation count passed Python's own threshold."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        due = [n for n in range(3) if thresholds[n] and counts[n] > thresholds[n]]
        if 2 in due:
            if self._full_waits():
                due.remove(2)
            else:
                self._last_full = time.monotonic()
        return gc.collect(max(due)) if due else 0

    def _full_waits(self) -> bool:
        if time.monotonic() - self._last_full > _FULL_WAITS_S:
            return False
        return any(worker.busy() for worker in list(_WORKERS))


def install(app: QObject) -> MainThreadCollector:
    """Collect on ``app``'s thread for as long as the application lives (once per app)."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
