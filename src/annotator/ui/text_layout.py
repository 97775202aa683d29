"""Line geometry for QPlainTextEdit: spaced lines (its layout ignores lineHeight) and hit tests.

QPlainTextEdit lays out only the blocks it shows (which keeps a 3 MB text fast to open) but its
``QPlainTextDocumentLayout`` stacks lines tightly. The view asks the layout for each block's
rectangle before painting or hit testing it, so spreading the lines there, after the base class
has laid the block out, gives comfortable leading everywhere: painting, cursors and mouse hits
all read the same line positions. Scrolling stays line based, so nothing else changes.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextDocument, QTextLine
from PySide6.QtWidgets import QPlainTextDocumentLayout, QPlainTextEdit


class SpacedLayout(QPlainTextDocumentLayout):
    """A plain-text document layout whose lines are ``spacing`` times their natural height."""

    def __init__(self, document: QTextDocument, spacing: float = 1.5) -> None:
        super().__init__(document)
        self.spacing = spacing

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:  # noqa: N802 (Qt override)
        rect = super().blockBoundingRect(block)
        layout = block.layout()
        n = layout.lineCount()
        if n == 0:
            return rect
        y = 0.0
        for i in range(n):
            line = layout.lineAt(i)
            h = line.height()
            extra = h * (self.spacing - 1.0)
            # Half the extra above the line and half below keeps the text centred in its slot.
            line.setPosition(QPointF(line.x(), y + extra / 2))
            y += h + extra
        return QRectF(rect.x(), rect.y(), rect.width(), y)


def char_at_point(edit: QPlainTextEdit, point: QPoint) -> int | None:
    """The Qt position of the character under viewport ``point``, or None over blank space.

    ``cursorForPosition`` snaps to the nearest caret position even far right of a line's end;
    hit testing the line itself tells a character from the margin beyond it.
    """
    cursor = edit.cursorForPosition(point)
    block = cursor.block()
    geometry = edit.blockBoundingGeometry(block).translated(edit.contentOffset())
    if not geometry.contains(point.toPointF()):
        return None
    line = block.layout().lineForTextPosition(cursor.positionInBlock())
    if not line.isValid():
        return None
    x = point.x() - geometry.left()
    if x < line.x() or x > line.x() + line.naturalTextWidth():
        return None
    local = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
    if local >= block.length() - 1:
        return None
    return block.position() + local
