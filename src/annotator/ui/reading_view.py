"""The reading view: a read-only text with highlights, word-snapped selection, zoom and tooltips.

Everything the owner passes in or gets out is in core code points (see ``annotator.ui.offsets``).
The view knows nothing of the store: it shows a text and a list of ``Highlight`` records, reports
what the reader selects, clicks and hovers, and asks ``tooltip_provider`` for the words to show
over highlights. Tagging keys (digits and the like) are left to the window that owns the view.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Sequence

from PySide6.QtCore import QEvent, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QTextCursor,
)
from PySide6.QtWidgets import QToolTip, QWidget

from annotator.ui.find_marks import paint_find_marks
from annotator.ui.highlighter import BlockFormatter, HighlightModel, Show
from annotator.ui.margin_strip import MarginStrip
from annotator.ui.offsets import OffsetMap, qt_text
from annotator.ui.page_marks import paint_page_marks
from annotator.ui.page_view import PageView
from annotator.ui.reading_coding import CodingInput
from annotator.ui.scroll_state import (
    ScrollState,
    capture_scroll_state,
    centre_span,
    restore_scroll_state,
)
from annotator.ui.segments import Highlight, SegmentIndex
from annotator.ui.tag_model import tag_from_mime
from annotator.ui.text_layout import char_at_point
from annotator.ui.words import snap_to_words


class ReadingView(CodingInput, PageView):
    """A read-only, highlight-aware text view. All offsets are core code points."""

    selection_changed = Signal(int, int)
    """The selection is now [start, end) (start == end at the cursor when nothing is selected)."""
    annotation_clicked = Signal(list)
    """A click without drag hit these annotation ids (empty list: a click on plain text)."""
    annotations_hovered = Signal(list)
    """The mouse moved onto text covered by these annotation ids (empty list: none)."""
    tag_dropped = Signal(int, list)
    """A tag was dropped on the text: (tag id, annotation ids under the drop point)."""
    context_menu_requested = Signal(QPoint, list)
    """A right-click (or the menu key): (global position, annotation ids under the pointer).
    Without a receiver the view shows Qt's own menu (Copy, Select All)."""
    # zoom_changed(int), inherited from PageView: the reading font is now this many points.

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        max_line_chars: int | None = 80,
        line_spacing: float = 1.5,
    ) -> None:
        super().__init__(parent, max_line_chars=max_line_chars, line_spacing=line_spacing)
        self._text = ""
        self._model = HighlightModel()
        self._formatter = BlockFormatter(self.document(), self._model)
        self._tooltip_provider: Callable[[list[int]], str] | None = None
        self._last_selection: tuple[int, int] | None = None
        self._hovered: list[int] = []
        self._press_pos: QPoint | None = None
        self._find_spans: list[tuple[int, int]] = []  # Qt positions of every find match
        self._find_ends: list[int] = []
        self._pages: tuple[tuple[int, str], ...] = ()  # a PDF's page breakpoints
        self._strip = MarginStrip(self)
        self.set_side_widget(self._strip, MarginStrip.strip_width())
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)
        self.viewport().setAcceptDrops(True)  # tags dragged from the tag tree
        self._model.set_palette(self.palette())
        self.updateRequest.connect(self._on_update_request)
        self.selectionChanged.connect(self._on_selection_changed)

    # -- content -----------------------------------------------------------------------------

    def text(self) -> str:
        """The text shown (as given to ``set_text``)."""
        return self._text

    def offset_map(self) -> OffsetMap:
        return self._model.offsets

    def highlight_model(self) -> HighlightModel:
        return self._model

    def set_text(self, text: str, highlights: Iterable[Highlight] = ()) -> None:
        """Show ``text`` with ``highlights``; scrolls to the top and clears the selection.

        The tag filter, zoom and line spacing stay: they are the reader's settings, not the text's.
        """
        self._text = text
        self._pages = ()
        self._model.offsets = OffsetMap(text)
        self._model.index = SegmentIndex(self._clamp(h) for h in highlights)
        self._model.set_filter(self._model.filter_tags, self._model.filter_mode)
        self._last_selection = None
        self._hovered = []
        blocked = self.blockSignals(True)  # setPlainText signals once per block; ours come after
        try:
            self.setPlainText(qt_text(text))
        finally:
            self.blockSignals(blocked)
        self._rehighlight_all()
        self._on_selection_changed()

    def set_pages(self, pages: Sequence[tuple[int, str]]) -> None:
        """Mark where each page of a paginated source begins ((core offset, label), sorted;
        empty: no page marks). Call after ``set_text``."""
        self._pages = tuple(pages)
        self.viewport().update()

    def pages(self) -> tuple[tuple[int, str], ...]:
        return self._pages

    def highlights(self) -> list[Highlight]:
        """The highlights shown, in order of start."""
        return self._model.index.highlights()

    def set_highlights(self, highlights: Iterable[Highlight]) -> None:
        """Replace every highlight (the text stays, and so do scroll and selection)."""
        self._model.index = SegmentIndex(self._clamp(h) for h in highlights)
        self._model.set_filter(self._model.filter_tags, self._model.filter_mode)
        self._rehighlight_all()

    def add_highlight(self, h: Highlight) -> None:
        """Show one more highlight (or replace the one with the same annotation id)."""
        h = self._clamp(h)
        self._model.forget(h.annotation_id)
        lo, hi = self._model.index.add(h)
        self._rehighlight_span(lo, hi)

    update_highlight = add_highlight

    def remove_highlight(self, annotation_id: int) -> bool:
        """Stop showing an annotation; False when it was not shown."""
        span = self._model.index.remove(annotation_id)
        self._model.forget(annotation_id)
        if span is None:
            return False
        self._rehighlight_span(*span)
        return True

    def set_tag_filter(self, tag_ids: Iterable[int] | None, mode: str = "dim") -> None:
        """Dim (or hide) highlights carrying none of ``tag_ids``; None shows all.

        The view does not know the tag tree: pass the ids of the chosen tags and their descendants.
        """
        self._model.set_filter(tag_ids, mode)
        self._rehighlight_all()

    def tag_filter(self) -> tuple[frozenset[int] | None, str]:
        return self._model.filter_tags, self._model.filter_mode

    def set_tooltip_provider(self, fn: Callable[[list[int]], str] | None) -> None:
        """``fn(annotation ids) -> rich text`` for the tooltip over highlights (empty: none)."""
        self._tooltip_provider = fn

    def tooltip_for(self, ids: list[int]) -> str:
        """What the tooltip provider says over ``ids`` ("" without one)."""
        return self._tooltip_provider(ids) if ids and self._tooltip_provider else ""

    def set_tag_names(self, names: dict[int, str]) -> None:
        """Tag id -> name: the margin strip labels its stripes with them."""
        self._strip.set_tag_names(names)

    def margin_strip(self) -> MarginStrip:
        return self._strip

    def annotations_at(self, pos: int) -> list[int]:
        """Ids of the annotations shown over core offset ``pos`` (hidden ones excluded)."""
        return self._model.visible_ids(self._model.index.annotations_at(pos))

    def _clamp(self, h: Highlight) -> Highlight:
        n = len(self._text)
        if h.end <= n:
            return h
        return dataclasses.replace(h, start=min(h.start, n), end=n)

    def _rehighlight_span(self, start: int, end: int) -> None:
        offsets = self._model.offsets
        self._formatter.invalidate(offsets.to_qt(start), offsets.to_qt(end))
        self.viewport().update()
        self._strip.update()

    def _rehighlight_all(self) -> None:
        self._formatter.reset()
        self.viewport().update()
        self._strip.update()

    def format_visible_blocks(self) -> None:
        """Lay formats into the blocks on screen (done before every paint)."""
        block = self.firstVisibleBlock()
        # Every block is at least one line tall, which bounds how many can be on screen.
        line = QFontMetricsF(self.font()).height() * self.line_spacing()
        count = int(self.viewport().height() / max(line, 1.0)) + 2
        ensure = self._formatter.ensure
        while block.isValid() and count > 0:
            ensure(block)
            block = block.next()
            count -= 1

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 (Qt override)
        self.format_visible_blocks()
        super().paintEvent(event)
        if self._find_spans:
            paint_find_marks(self, event.rect(), self._find_spans, self._find_ends)
        if self._pages:
            paint_page_marks(self, self._pages)

    # -- selection ---------------------------------------------------------------------------

    def selected_span(self) -> tuple[int, int] | None:
        """The selection in core code points, or None when nothing is selected."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        offsets = self._model.offsets
        return offsets.to_core(cursor.selectionStart()), offsets.to_core(cursor.selectionEnd())

    def select_span(self, start: int, end: int, *, scroll: bool = True) -> None:
        """Select core ``[start, end)``; with ``scroll``, centre the passage in the view."""
        n = len(self._text)
        if not 0 <= start <= end <= n:
            raise ValueError(f"span [{start}, {end}) is outside the text (0..{n})")
        offsets = self._model.offsets
        qs, qe = offsets.to_qt(start), offsets.to_qt(end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(qs)
        cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
        vbar, hbar = self.verticalScrollBar(), self.horizontalScrollBar()
        if not scroll:
            v, h = vbar.value(), hbar.value()
            self.setTextCursor(cursor)
            vbar.setValue(v)
            hbar.setValue(h)
            return
        centre_span(self, qs, qe)
        v = vbar.value()
        self.setTextCursor(cursor)
        vbar.setValue(v)

    def _on_selection_changed(self) -> None:
        cursor = self.textCursor()
        offsets = self._model.offsets
        if cursor.hasSelection():
            span = offsets.to_core(cursor.selectionStart()), offsets.to_core(cursor.selectionEnd())
        else:
            pos = offsets.to_core(cursor.position())
            span = pos, pos
        if span != self._last_selection:
            self._last_selection = span
            self.selection_changed.emit(*span)

    def snap_selection(self, *, trim: bool = True) -> None:
        """Grow the selection to whole words; mouse release trims edge spaces, Shift release not."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return
        offsets = self._model.offsets
        anchor, pos = offsets.to_core(cursor.anchor()), offsets.to_core(cursor.position())
        start, end = snap_to_words(self._text, min(anchor, pos), max(anchor, pos), trim=trim)
        if (start, end) == (min(anchor, pos), max(anchor, pos)):
            return
        first, second = (start, end) if anchor <= pos else (end, start)
        cursor.setPosition(offsets.to_qt(first))
        cursor.setPosition(offsets.to_qt(second), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)

    def set_font_size(self, points: int) -> None:
        """Zoom, keeping the selected passage in view when it was on screen, else the line
        at the top of the view at the top."""
        span = self.selected_span()
        on_screen = span is not None and self.viewport().rect().intersects(self.cursorRect())
        first = self.cursorForPosition(QPoint(0, 0)).position()
        before = self.font_size()
        super().set_font_size(points)
        if self.font_size() == before:
            return
        if on_screen and span is not None:
            self.select_span(*span)  # centred, still selected
            return
        block = self.document().findBlock(first)
        self.blockBoundingRect(block)  # lays the block out in the new font
        line = block.layout().lineForTextPosition(first - block.position()).lineNumber()
        self.verticalScrollBar().setValue(block.firstLineNumber() + max(0, line))

    # -- scroll state ------------------------------------------------------------------------

    def scroll_state(self) -> ScrollState:
        """Where the reader is, to hand back to ``restore_scroll_state`` after a reload."""
        return capture_scroll_state(self)

    def restore_scroll_state(
        self, state: ScrollState, map_position: Callable[[int], int] | None = None
    ) -> None:
        """Scroll back to ``state`` and reselect; ``map_position`` maps old offsets to new ones
        (after the text changed on disk); without it the text is taken to be the same."""
        restore_scroll_state(self, state, map_position)

    # -- geometry and painting ---------------------------------------------------------------

    def _on_update_request(self, rect: QRect, dy: int) -> None:
        if dy:
            self._strip.scroll(0, dy)
        else:
            self._strip.update(0, rect.y(), self._strip.width(), rect.height())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().changeEvent(event)
        palette_events = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)
        # The base class changes the palette while it is built, before the model exists.
        if event.type() in palette_events and hasattr(self, "_model"):
            self._model.set_palette(self.palette())
            self._rehighlight_all()

    # -- input -------------------------------------------------------------------------------

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        super().keyReleaseEvent(event)
        if event.key() == Qt.Key.Key_Shift and not (
            event.modifiers() & Qt.KeyboardModifier.AltModifier
        ):
            # Whole words. Edge spaces stay while stepping with Shift+Right (the next step
            # goes on from there); Ctrl+Shift+Right stops at word ends, and tagging trims.
            self.snap_selection(trim=False)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton:
            return
        press, self._press_pos = self._press_pos, None
        pos = event.position().toPoint()
        if self.textCursor().hasSelection():
            if not event.modifiers() & Qt.KeyboardModifier.AltModifier:
                self.snap_selection()
        elif press is not None and (pos - press).manhattanLength() < 6:
            self.annotation_clicked.emit(self.annotations_at_point(pos))

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt override)
        super().mouseMoveEvent(event)
        if event.buttons() == Qt.MouseButton.NoButton:
            self._set_hovered(self.annotations_at_point(event.position().toPoint()))

    def leaveEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt override)
        super().leaveEvent(event)
        self._set_hovered([])

    def _set_hovered(self, ids: list[int]) -> None:
        if ids != self._hovered:
            self._hovered = ids
            self.annotations_hovered.emit(ids)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            ids = self.annotations_at_point(event.pos())
            tip = self._tooltip_provider(ids) if ids and self._tooltip_provider else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    # -- dropping a tag from the tag tree ------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 (Qt override)
        if tag_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()  # read-only: nothing else may be dropped into the text

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:  # noqa: N802 (Qt override)
        if tag_from_mime(event.mimeData()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 (Qt override)
        tag_id = tag_from_mime(event.mimeData())
        if tag_id is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Scroll areas hand drag events over in viewport coordinates.
        self.tag_dropped.emit(tag_id, self.annotations_at_point(event.position().toPoint()))

    def annotations_at_point(self, point: QPoint) -> list[int]:
        """Ids of the visible annotations over the character under viewport ``point``."""
        if self._model.index.empty:
            return []
        qt_pos = char_at_point(self, point)
        if qt_pos is None:
            return []
        return self.annotations_at(self._model.offsets.to_core(qt_pos))


__all__ = ["Highlight", "ReadingView", "ScrollState", "Show"]
