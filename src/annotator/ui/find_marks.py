"""Marks over every match of a find in the reading view, painted over the text, lines apart."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.ui.theme import find_mark_colors


def paint_find_marks(
    view: QPlainTextEdit, area: QRect, spans: list[tuple[int, int]], ends: list[int]
) -> None:
    """Outline the matches (Qt positions, in order; ``ends`` their ends) on the blocks of
    ``view`` that ``area`` of its viewport shows."""
    painter = QPainter(view.viewport())
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    fill, edge = find_mark_colors(view.palette())
    painter.setPen(QPen(edge, 1.2))
    painter.setBrush(fill)
    offset = view.contentOffset()
    block = view.firstVisibleBlock()
    while block.isValid():
        geometry = view.blockBoundingGeometry(block).translated(offset)
        if geometry.top() > area.bottom():
            break
        first, last = block.position(), block.position() + block.length()
        layout = block.layout()
        i = bisect.bisect_right(ends, first)
        while i < len(spans) and spans[i][0] < last:
            start, end = spans[i]
            for n in range(layout.lineCount()):
                line = layout.lineAt(n)
                ls, le = first + line.textStart(), first + line.textStart() + line.textLength()
                s, e = max(start, ls), min(end, le)
                if s >= e:
                    continue
                # PySide6 returns (x, position) where the stubs say float.
                x1 = line.cursorToX(s - first)[0]  # type: ignore[index]
                x2 = line.cursorToX(e - first)[0]  # type: ignore[index]
                rect = QRectF(
                    geometry.left() + x1, geometry.top() + line.y(), x2 - x1, line.height()
                )
                painter.drawRoundedRect(rect.adjusted(-1, 0, 1, 0), 3, 3)
            i += 1
        block = block.next()
    painter.end()
