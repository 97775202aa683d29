"""Run something once a widget has been painted for the first time (work the first paint does
not need waits for it: the reader sees the text sooner)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    def __init__(self, widget: QWidget, callback: Callable[[], object], fallback_ms: int) -> None:
        super().__init__(widget)
        self.widget, self.callback = widget, callback
        self.done = False
        widget.installEventFilter(self)
        if fallback_ms >= 0:
            # A window never painted (hidden at once, or a platform without paints) still
            # gets its work done.
            QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self.done:
            # After this paint has reached the screen: the next turn of the event loop.
            QTimer.singleShot(0, self, self._fire)
        return False

    def _fire(self) -> None:
        if self.done:
            return
        self.done = True
        self.widget.removeEventFilter(self)
        self.callback()


def after_first_paint(
    widget: QWidget, callback: Callable[[], object], fallback_ms: int = 1000
) -> QObject:
    """Call ``callback`` once, right after ``widget``'s first paint (or after ``fallback_ms``
    when none comes; -1: never without a paint). The returned object lives with ``widget``."""
    return _AfterPaint(widget, callback, fallback_ms)
