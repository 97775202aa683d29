"""Progress of background work in the status bar, with a Cancel button; the window stays usable."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QStyle,
    QStyleOptionProgressBar,
    QStylePainter,
    QToolButton,
    QWidget,
)

from annotator.ui.background import Job

SHOW_AFTER_MS = 300  # quicker work shows no progress at all (no flicker)
HIDE_AFTER_MS = 500  # batches of files in a row keep one bar (showing and hiding relays out)


class StatusProgress(QWidget):
    """ "Checking the source files… [1,204 of 6,000 files] Cancel"; hidden when nothing runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job: Job | None = None
        self.label = QLabel()
        # The figures are in the bar, of a fixed width: a label whose text changes twenty times
        # a second would lay the whole window out again each time.
        self.bar = FileCountBar()
        self.bar.setFixedWidth(self.fontMetrics().horizontalAdvance("00,000 of 00,000 files") + 24)
        self.cancel_button = QToolButton()
        self.cancel_button.setText("Cancel")
        self.cancel_button.setToolTip("Stop after the file being read (what is done is kept)")
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.cancel_button)
        self._delay = QTimer(self, singleShot=True, interval=SHOW_AFTER_MS)
        self._delay.timeout.connect(self._appear)
        self._linger = QTimer(self, singleShot=True, interval=HIDE_AFTER_MS)
        self._linger.timeout.connect(self.hide)
        self.hide()

    def start(self, job: Job, text: str) -> None:
        """Show ``job`` running (its progress comes through ``update``)."""
        self.job = job
        self.label.setText(text)
        self.bar.set_files(0, 0)  # busy until the first figures come
        self.cancel_button.setEnabled(True)
        self._linger.stop()
        if not self.isVisible():
            self._delay.start()

    def _appear(self) -> None:
        if self.job is not None:
            self.show()

    def hide(self) -> None:
        self._linger.stop()
        super().hide()

    def show_progress(self, job: Job, done: int, total: int) -> None:
        if job is not self.job or job.cancelled.is_set():
            return
        self.bar.set_files(done, max(total, 1))

    def finish(self, job: Job) -> None:
        if job is self.job:
            self.job = None
            self._delay.stop()
            if self.isVisible():
                self._linger.start()

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText("Stopping after the current file…")


class FileCountBar(QProgressBar):
    """ "1,204 of 6,000 files", painted with the window's next paint.

    QProgressBar.setValue repaints at once, and Qt then paints every region of the window
    waiting to be painted with it: twenty times a second while files arrive, the document
    list taking in its new rows each time (the window's longest stalls during a large drop).
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.done = 0
        self.total = 0  # 0: busy, no figures yet
        self.setRange(0, 0)

    def set_files(self, done: int, total: int) -> None:
        if (done, total) == (self.done, self.total):
            return
        if (total == 0) != (self.total == 0):
            self.setRange(0, 0 if total == 0 else 1)  # the style animates a busy bar itself
        self.done, self.total = done, total
        self.update()

    def text(self) -> str:
        return f"{self.done:,} of {self.total:,} files" if self.total else ""

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        option = QStyleOptionProgressBar()
        self.initStyleOption(option)
        if self.total:
            option.minimum, option.maximum = 0, self.total
            option.progress = min(self.done, self.total)
            option.text = self.text()
            option.textVisible = True
        painter = QStylePainter(self)
        painter.drawControl(QStyle.ControlElement.CE_ProgressBar, option)
        painter.end()
