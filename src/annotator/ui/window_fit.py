"""Keep the text readable in a small window: when the reading column would fall below a
readable measure, the side panels fold away (right first), and come back when there is room.

A panel the reader hid through View > Panels stays hidden; only panels folded here come back.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from annotator.ui.main_window import MainWindow

READABLE_CHARS = 50  # the narrowest comfortable line, in average characters of the text font
_MARGIN = 80  # the margin strip, scroll bar and padding beside the text column


class WindowFit(QObject):
    """Watches the window's width and folds or unfolds the side panels."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.folded: list[QWidget] = []  # panels folded here, in the order they were
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.fit)
        window.installEventFilter(self)

    def readable_width(self) -> int:
        view = self.window.parts.view
        return view.fontMetrics().averageCharWidth() * READABLE_CHARS + _MARGIN

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Show:
            # At once: the panes have their sizes, and the reader's place is put back after.
            self.fit()
        elif event.type() == QEvent.Type.Resize:
            self._timer.start()  # once the splitter has laid out the new width
        return False

    def fit(self) -> None:
        parts = self.window.parts
        needed = self.readable_width()
        total = parts.splitter.width()
        # Fold while the text is too narrow: right panel first (the text and its documents
        # matter most), then the left.
        for pane in (parts.right, parts.left):
            if parts.view.width() >= needed:
                break
            if pane.isVisibleTo(self.window):
                self._set(pane, False)
                self.folded.append(pane)
                self.window.show_status(
                    "A side panel was folded away to keep the text readable; "
                    "View ▸ Panels brings it back."
                )
                parts.splitter.refresh()
        # Unfold (last folded first) when the text keeps its measure beside the panel.
        while self.folded:
            folded = self.folded[-1]
            others = sum(w.width() for w in (parts.left, parts.right) if w.isVisibleTo(self.window))
            room = total - others - folded.minimumSizeHint().width()
            if room < needed + 40:  # a margin: no folding back and forth at the threshold
                break
            self.folded.pop()
            self._set(folded, True)

    def _set(self, pane: QWidget, visible: bool) -> None:
        toggle = self.window.pane_toggles.get(pane)
        if toggle is not None:
            toggle.setChecked(visible)  # View > Panels shows it
        else:
            pane.setVisible(visible)
