"""The document list's rows: a little taller than the style's minimum, and two lines for a title.

Under a document's title, smaller and lighter, the line its model gives for ``second_role``
(authors, outlet, date), when the row is tall enough for it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)


class RowDelegate(QStyledItemDelegate):
    """Rows at least 22 pixels tall (easier to read and to hit); in ``column``, the text of
    ``second_role`` drawn under the item's own."""

    def __init__(self, parent: QWidget, column: int, second_role: int) -> None:
        super().__init__(parent)
        self._column, self._role = column, second_role

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), 22))
        return size

    def paint(self, painter, option, index):  # noqa: D102 (Qt override)
        second = index.data(self._role) if index.column() == self._column else ""
        line = option.fontMetrics.height()
        rect = option.rect
        if not second or rect.height() < 2 * line + 2:
            super().paint(painter, option, index)
            return
        # The row's background and selection first, then the title in its upper line.
        whole = QStyleOptionViewItem(option)
        self.initStyleOption(whole, index)
        whole.text = ""
        widget = whole.widget
        style = widget.style() if widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, whole, painter, widget)
        title = QStyleOptionViewItem(option)
        self.initStyleOption(title, index)
        title.rect = rect.adjusted(0, 1, 0, -(rect.height() - line - 4))
        title.backgroundBrush = QBrush()
        title.state &= ~QStyle.StateFlag.State_Selected
        title.state &= ~QStyle.StateFlag.State_HasFocus
        title.palette.setColor(QPalette.ColorRole.Text, _text_colour(option))
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, title, painter, widget)
        font = option.font
        small = QFont(font)
        small.setPointSizeF(max(6.0, font.pointSizeF() * 0.85))
        painter.save()
        painter.setFont(small)
        colour = _text_colour(option)
        colour.setAlpha(170)
        painter.setPen(colour)
        icon_room = option.decorationSize.width() + 8
        area = rect.adjusted(icon_room, line + 2, -4, 0)
        elided = QFontMetrics(small).elidedText(second, Qt.TextElideMode.ElideRight, area.width())
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop), elided)
        painter.restore()


def _text_colour(option):
    selected = bool(option.state & QStyle.StateFlag.State_Selected)
    role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
    return QColor(option.palette.color(role))
