"""Collect Python's cyclic garbage on the GUI thread only, where Qt objects must be destroyed.

Python runs its cycle collector on whichever thread happens to allocate when a threshold is
crossed. With a worker thread scanning files (and watchdog's threads reading events), that is
often not the GUI thread, and a closed dialog or window caught in a reference cycle would then
be destroyed there: Qt unregisters its timers from the wrong thread's dispatcher and later
crashes in ``QTimerInfoList::activateTimers`` (seen in the test suite, reproducibly). So the
automatic collector is switched off and a timer on the GUI thread runs it instead, by the same
thresholds Python uses, whenever the event loop is free.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

_INTERVAL_MS = 250  # often enough that garbage never piles up, cheap when there is none


class MainThreadCollector(QObject):
    """Cyclic garbage is collected on the thread that created this, from then on."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(_INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the generations whose allocation count passed Python's own threshold."""
        counts = gc.get_count()
        thresholds = gc.get_threshold()
        generation = -1
        for level in range(3):
            if thresholds[level] and counts[level] > thresholds[level]:
                generation = level
        return gc.collect(generation) if generation >= 0 else 0


def install(app: QObject) -> MainThreadCollector:
    """Collect on ``app``'s thread for as long as the application lives (once per app)."""
    existing = app.findChild(MainThreadCollector)
    return existing if existing is not None else MainThreadCollector(app)
