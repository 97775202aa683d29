"""Page boundaries of a paginated source (a PDF) drawn over the reading view's text.

A thin dotted rule runs above the line where a page begins, with the page's label ("p. 38")
at its right end, so a reader sees where a citation's page starts. Only the breakpoints on
screen are looked at (bisected by offset): a 500-page text costs no more than a short one.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPalette, QPen, QTextCursor

if TYPE_CHECKING:
    from annotator.ui.reading_view import ReadingView

Pages = Sequence[tuple[int, str]]


def visible_marks(view: ReadingView, pages: Pages) -> list[tuple[int, str]]:
    """The (core offset, label) breakpoints whose line is on screen."""
    if not pages:
        return []
    offsets = view.offset_map()
    top = view.cursorForPosition(view.viewport().rect().topLeft()).position()
    bottom = view.cursorForPosition(view.viewport().rect().bottomRight()).position()
    first, last = offsets.to_core(top), offsets.to_core(bottom)
    starts = [offset for offset, _label in pages]
    lo = bisect.bisect_left(starts, first)
    hi = bisect.bisect_right(starts, last)
    return list(pages[lo:hi])


def paint_page_marks(view: ReadingView, pages: Pages) -> None:
    """Draw the rule and label of every page that begins on screen."""
    marks = visible_marks(view, pages)
    if not marks:
        return
    painter = QPainter(view.viewport())
    try:
        palette = view.palette()
        colour = QColor(palette.color(QPalette.ColorRole.PlaceholderText))
        font = QFont(view.font())
        font.setPointSizeF(max(7.0, view.font().pointSizeF() * 0.7))
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        width = view.viewport().width()
        margin = view.document().documentMargin()
        gap = max(3.0, QFontMetricsF(view.font()).height() * (view.line_spacing() - 1.0))
        for offset, label in marks:
            cursor = QTextCursor(view.document())
            cursor.setPosition(view.offset_map().to_qt(offset))
            line = view.cursorRect(cursor)
            # In the middle of the gap above the line (the view spaces its lines apart).
            y = line.top() - gap / 2
            text = f"p. {label}"
            box = metrics.boundingRect(text).adjusted(-4, -1, 4, 1)
            box.moveTopRight(QPointF(width - margin / 2, y - box.height() / 2))
            painter.setPen(QPen(colour, 1, Qt.PenStyle.DotLine))
            painter.drawLine(QPointF(margin / 2, y), QPointF(box.left() - 2, y))
            painter.setPen(colour)
            painter.drawText(QRectF(box), int(Qt.AlignmentFlag.AlignCenter), text)
    finally:
        painter.end()
