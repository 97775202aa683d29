"""Run something once a widget has painted for the first time: work the first sight can wait for."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class AfterFirstPaint(QObject):
    """Calls ``callback`` once, in the event loop's turn after ``widget`` first paints, or after
    ``fallback_ms`` if it never does (a minimised or hidden window). Parented to the widget, so
    nothing fires once the widget is gone."""

    def __init__(
        self, widget: QWidget, callback: Callable[[], object], fallback_ms: int = 1000
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._callback = callback
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(fallback_ms, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self._done:
            # Not inside the paint: once it has reached the screen.
            QTimer.singleShot(0, self, self._fire)
        return False

    @property
    def done(self) -> bool:
        return self._done

    def _fire(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        self._callback()
