"""The page under the reading view: read-only text set for reading (spacing, column, zoom, paging).

``PageView`` knows typography only: line spacing, a centred text column of readable width with a
side widget in its left margin, font size with zoom keys and Ctrl+wheel, and Space to page on.
Everything about highlights and annotations lives in ``ReadingView``, which builds on it.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QFontMetricsF, QKeyEvent, QPalette, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QWidget

from annotator.ui.text_layout import SpacedLayout

MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 48
DOCUMENT_MARGIN = 20


class PageView(QPlainTextEdit):
    """A read-only QPlainTextEdit laid out for reading."""

    zoom_changed = Signal(int)
    """The reading font is now this many points."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_line_chars: int | None = 80,
        line_spacing: float = 1.5,
    ) -> None:
        """``max_line_chars``: the text column's width in characters, centred (None: the full
        width); ``line_spacing``: lines are this many times their natural height (1.0 to 3.0)."""
        super().__init__(parent)
        self._max_chars = max_line_chars
        self._margins = (0, 0)
        self._side: QWidget | None = None
        self._side_width = 0

        doc = self.document()
        doc.setUndoRedoEnabled(False)  # read-only: an undo stack would only hold memory
        self._spaced = SpacedLayout(doc, min(max(float(line_spacing), 1.0), 3.0))
        doc.setDocumentLayout(self._spaced)
        doc.setDocumentMargin(DOCUMENT_MARGIN)

        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # The margins around the centred column belong to the scroll area: paint them as the
        # page, not as the window around it.
        self.setBackgroundRole(QPalette.ColorRole.Base)
        self.setAutoFillBackground(True)

        base = QApplication.font().pointSizeF()
        self._default_size = max(11, round((base if base > 0 else 10) * 1.25))
        font = self.font()
        font.setPointSize(self._default_size)
        self.setFont(font)

    def set_side_widget(self, widget: QWidget, width: int) -> None:
        """Place ``widget`` (``width`` pixels) in the margin just left of the text column."""
        self._side = widget
        self._side_width = width
        self._update_margins()

    def line_spacing(self) -> float:
        return self._spaced.spacing

    # -- zoom --------------------------------------------------------------------------------

    def font_size(self) -> int:
        return self.font().pointSize()

    def set_font_size(self, points: int) -> None:
        """Set the reading font size (clamped to 8..48 points); emits ``zoom_changed``."""
        points = min(max(int(points), MIN_FONT_SIZE), MAX_FONT_SIZE)
        if points == self.font_size():
            return
        font = self.font()
        font.setPointSize(points)
        self.setFont(font)
        self._update_margins()
        self.zoom_changed.emit(points)

    def zoom_in(self) -> None:
        self.set_font_size(self.font_size() + (1 if self.font_size() < 16 else 2))

    def zoom_out(self) -> None:
        self.set_font_size(self.font_size() - (1 if self.font_size() <= 16 else 2))

    def reset_zoom(self) -> None:
        self.set_font_size(self._default_size)

    # -- geometry ----------------------------------------------------------------------------

    def _update_margins(self) -> None:
        side = self._side_width if self._side is not None else 0
        total = self.viewport().width() + self._margins[0] + self._margins[1]
        extra = 0
        if self._max_chars:
            column = QFontMetricsF(self.font()).averageCharWidth() * self._max_chars
            column += 2 * DOCUMENT_MARGIN
            extra = max(0, int((total - side - column) / 2))
        # With a side widget (the margin strip labels its stripes), two thirds of the free
        # room go to the left: the column sits a little right of centre, the labels fit.
        left = extra * 4 // 3 if self._side is not None else extra
        margins = (left + side, 2 * extra - left)
        if margins != self._margins:
            self._margins = margins
            self.setViewportMargins(margins[0], 0, margins[1], 0)
            # QPlainTextEdit rewraps only on a resize of its own width, not of the viewport's.
            super().resizeEvent(QResizeEvent(self.size(), QSize(-1, -1)))
        if self._side is not None:
            # The side widget also gets the free margin left of it (labels go there).
            cr = self.contentsRect()
            self._side.setGeometry(cr.left(), cr.top(), margins[0], cr.height())

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt override)
        super().resizeEvent(event)
        self._update_margins()

    # -- keys and wheel ----------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        mods = event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        key = event.key()
        if ctrl and key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_in()
        elif ctrl and key == Qt.Key.Key_Minus:
            self.zoom_out()
        elif ctrl and key == Qt.Key.Key_0:
            self.reset_zoom()
        elif key == Qt.Key.Key_Space and not ctrl:
            # Space pages on, Shift+Space back, as in a browser or an e-book reader.
            bar = self.verticalScrollBar()
            step = -bar.pageStep() if mods & Qt.KeyboardModifier.ShiftModifier else bar.pageStep()
            bar.setValue(bar.value() + step)
        elif not ctrl and event.text() and event.text().isprintable():
            event.ignore()  # typing keys (digits for tags...) belong to the window
        else:
            super().keyPressEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:  # noqa: N802 (Qt override)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            dy = event.angleDelta().y()
            if dy > 0:
                self.zoom_in()
            elif dy < 0:
                self.zoom_out()
            event.accept()
            return
        super().wheelEvent(event)
