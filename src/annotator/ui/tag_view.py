"""The tag tree's view: check boxes and digit-key badges, Enter and swatch double-click apply.

The filter check boxes are painted from the palette (``theme.paint_check_indicator``): Fusion
draws their rim from the window colour, which disappears on dark bases. ``ModeButton`` is a
checkable tool button whose checked state shows in the accent colour, for toggles such as Any/All.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QFontMetrics, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QWidget,
)

from annotator.ui.tag_model import DIGIT_ROLE, NAME, PINNED_ROLE, TagTreeModel
from annotator.ui.theme import accent_colors, muted_text, paint_check_indicator

_BADGE = 16  # width of the digit key badge


class DigitDelegate(QStyledItemDelegate):
    """Paints the filter check box from the palette, and the digit key (1-9) bound to a tag as
    a small key cap at the right of its name."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        digit = index.data(DIGIT_ROLE)
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        has_check = bool(opt.features & QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator)
        if index.column() != NAME or not (digit or has_check):
            super().paint(painter, option, index)
            return
        widget = option.widget
        style = widget.style() if widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
        shrunk = QStyleOptionViewItem(opt)
        if digit:
            shrunk.rect = opt.rect.adjusted(0, 0, -(_BADGE + 6), 0)
        check = QRect()
        painter.save()
        if has_check:
            check = style.subElementRect(
                QStyle.SubElement.SE_ItemViewItemCheckIndicator, opt, widget
            )
            # The style's own box is left out (its rim vanishes on dark bases) and ours drawn.
            painter.setClipRegion(
                QRegion(opt.rect).subtracted(QRegion(check)), Qt.ClipOperation.IntersectClip
            )
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, shrunk, painter, widget)
        painter.restore()
        if has_check:
            paint_check_indicator(
                painter,
                check,
                opt.checkState,
                opt.palette,
                selected=bool(opt.state & QStyle.StateFlag.State_Selected),
                enabled=bool(opt.state & QStyle.StateFlag.State_Enabled),
            )
        if digit:
            self._paint_badge(painter, opt, digit, pinned=bool(index.data(PINNED_ROLE)))

    @staticmethod
    def _paint_badge(
        painter: QPainter, opt: QStyleOptionViewItem, digit: int, *, pinned: bool = False
    ) -> None:
        """A key cap with the digit; a pinned key is a filled cap, so it reads as fixed."""
        rect = opt.rect
        badge = QRect(rect.right() - _BADGE - 2, rect.center().y() - 7, _BADGE, 15)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        color = opt.palette.highlightedText().color() if selected else muted_text(opt.palette)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(color)
        painter.setBrush(color if pinned else Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(badge.adjusted(0, 0, -1, -1), 3, 3)
        font = painter.font()
        font.setPointSizeF(max(6.0, font.pointSizeF() * 0.8))
        font.setBold(pinned)
        painter.setFont(font)
        if pinned:
            painter.setPen(
                opt.palette.highlight().color() if selected else opt.palette.base().color()
            )
        painter.drawText(badge, Qt.AlignmentFlag.AlignCenter, str(digit))
        painter.restore()

    def sizeHint(self, option, index):  # noqa: N802
        size = super().sizeHint(option, index)
        size.setHeight(max(size.height(), 22))  # room for the key badge and easy clicking
        if index.column() == NAME and index.data(DIGIT_ROLE):
            size.setWidth(size.width() + _BADGE + 6)
        return size


class ModeButton(QToolButton):
    """A checkable tool button that, when checked, is filled with the palette's accent.

    Fusion marks a checked tool button by a slightly darker bevel, which hardly shows on dark
    palettes; for a pair of exclusive toggles (Any/All) the active one must be plain to see.
    """

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText(text)
        self.setCheckable(True)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        if not (self.isChecked() and self.isEnabled()):
            super().paintEvent(event)
            return
        accent, on_accent = accent_colors(self.palette())
        if self.underMouse():
            accent = accent.lighter(112)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect = QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5)
        painter.setPen(accent.darker(125))
        painter.setBrush(accent)
        painter.drawRoundedRect(rect, 3, 3)
        if self.hasFocus():
            painter.setPen(on_accent)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(2, 2, -2, -2), 2, 2)
        font = self.font()
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(on_accent)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())
        painter.end()

    def sizeHint(self):  # noqa: N802 (Qt override)
        # Room for the bold label, so checking does not clip it.
        size = super().sizeHint()
        bold = self.font()
        bold.setBold(True)
        extra = self.fontMetrics().horizontalAdvance(self.text())
        size.setWidth(
            size.width() + max(0, QFontMetrics(bold).horizontalAdvance(self.text()) - extra)
        )
        return size


class TagTreeView(QTreeView):
    """A tree view that turns Enter and a double-click on a swatch into "apply this tag".

    Delete asks to delete the current tag; the view claims the key before window shortcuts,
    so a main-window "Delete" action does not fire while the tree has focus.
    """

    apply_requested = Signal(QModelIndex)
    delete_requested = Signal()

    EMPTY_TEXT = (
        "No tags yet.\n\nClick New, or select a passage and type a tag name in the "
        "“Add tag” box above the text: it creates the tag and applies it."
    )

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0:
            return
        source = model.sourceModel() if isinstance(model, QSortFilterProxyModel) else model
        # An empty tree would just look broken: say why it is empty and how to start.
        text = self.EMPTY_TEXT if source.rowCount() == 0 else "No tag matches the filter."
        painter = QPainter(self.viewport())
        painter.setPen(muted_text(self.palette()))
        rect = self.viewport().rect().adjusted(12, 12, -12, -12)
        flags = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap
        painter.drawText(rect, int(flags), text)
        painter.end()

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            if self.state() != QAbstractItemView.State.EditingState:
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        editing = self.state() == QAbstractItemView.State.EditingState
        if event.key() == Qt.Key.Key_Delete and not editing and self.currentIndex().isValid():
            self.delete_requested.emit()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not editing:
            if self.currentIndex().isValid():
                self.apply_requested.emit(self.currentIndex())
                event.accept()
                return
        super().keyPressEvent(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and index.column() == NAME:
            if self.swatch_rect(index).contains(event.position().toPoint()):
                self.apply_requested.emit(index)
                event.accept()
                return
        super().mouseDoubleClickEvent(event)

    def swatch_rect(self, index: QModelIndex) -> QRect:
        """Where the colour swatch of ``index`` is drawn, in viewport coordinates."""
        return self._element_rect(index, QStyle.SubElement.SE_ItemViewItemDecoration)

    def _element_rect(self, index: QModelIndex, element: QStyle.SubElement) -> QRect:
        option = QStyleOptionViewItem()
        self.initViewItemOption(option)
        delegate = self.itemDelegateForIndex(index)
        if isinstance(delegate, QStyledItemDelegate):  # (the tree's own DigitDelegate)
            delegate.initStyleOption(option, index)
        option.rect = self.visualRect(index)
        return self.style().subElementRect(element, option, self)


def add_pin_menu(
    menu: QMenu, model: TagTreeModel, tag_id: int, pin: Callable[[int, int | None], None]
) -> None:
    """ "Pin to key" 1-9 (each saying which tag holds it now), and "Unpin key" when pinned;
    ``pin(tag_id, digit or None)`` does it."""
    keys = model.digit_keys()
    pins = menu.addMenu("Pin to key")
    pinned = model.pinned(tag_id)
    for digit in range(1, 10):
        holder = model.tag(keys[digit]) if digit in keys else None
        action = pins.addAction(f"{digit}" + (f"  ({holder.name})" if holder else ""))
        action.setCheckable(True)
        action.setChecked(pinned and keys.get(digit) == tag_id)
        action.triggered.connect(lambda _checked=False, d=digit: pin(tag_id, d))
    if pinned:
        menu.addAction("Unpin key", lambda: pin(tag_id, None))
