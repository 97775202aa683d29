"""The reading view's coding input: word steps, the right-click menu, find marks, tag spans.

A mixin of ``ReadingView`` (kept apart to keep each module to one job). Offsets in and out are
core code points, as everywhere in the view.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMetaMethod
from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QKeySequence, QTextCursor

from annotator.ui.words import next_word_end

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtCore import QPoint, SignalInstance

    from annotator.ui.highlighter import HighlightModel
    from annotator.ui.page_view import PageView

    _Base = PageView
else:
    _Base = object

KEEP = QTextCursor.MoveMode.KeepAnchor


class CodingInput(_Base):
    """Keys and the context menu as a coder uses them; the marks of a find."""

    # What the view provides (ReadingView sets them in __init__, or defines them).
    _text: str
    _model: HighlightModel
    _find_spans: list[tuple[int, int]]
    _find_ends: list[int]
    context_menu_requested: SignalInstance
    annotations_at_point: Callable[[QPoint], list[int]]
    selected_span: Callable[[], tuple[int, int] | None]

    def set_find_marks(self, spans: Iterable[tuple[int, int]]) -> None:
        """Outline every match of a find (core ``(start, end)`` spans, in order); the current
        one is the selection. An empty list takes the marks away."""
        to_qt = self._model.offsets.to_qt
        self._find_spans = [(to_qt(s), to_qt(e)) for s, e in spans]
        self._find_ends = [e for _s, e in self._find_spans]
        self.viewport().update()

    def find_marks(self) -> list[tuple[int, int]]:
        """The matches marked, in core offsets."""
        to_core = self._model.offsets.to_core
        return [(to_core(s), to_core(e)) for s, e in self._find_spans]

    # -- selection ---------------------------------------------------------------------------

    def tagging_span(self) -> tuple[int, int] | None:
        """The selection as a highlight takes it: without white space at its edges (a keyboard
        selection stepped onto the space after a word), or None when nothing is selected."""
        span = self.selected_span()
        if span is None:
            return None
        start, end = span
        text = self._text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return (start, end) if start < end else span

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt override)
        if event.matches(QKeySequence.StandardKey.SelectNextWord) and self._text:
            # To the end of the next word, not the start of the one after (Qt's NextWord):
            # "When Putin landed", never "When Putin landed ", and the next press goes on.
            cursor = self.textCursor()
            offsets = self._model.offsets
            pos = offsets.to_core(cursor.position())
            cursor.setPosition(offsets.to_qt(next_word_end(self._text, pos)), KEEP)
            self.setTextCursor(cursor)
            self.ensureCursorVisible()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # noqa: N802 (Qt override)
        if not self.isSignalConnected(self._menu_signal()):
            super().contextMenuEvent(event)
            return
        pos = event.pos()
        if event.reason() == QContextMenuEvent.Reason.Keyboard:
            pos = self.cursorRect().center()  # the menu key: at the caret
        else:
            # A right-click outside the selection is about what is under the pointer: the
            # caret goes there (as in a text editor), so the menu is that highlight's.
            cursor = self.textCursor()
            at = self.cursorForPosition(pos).position()
            if not cursor.hasSelection() or not (
                cursor.selectionStart() <= at < cursor.selectionEnd()
            ):
                cursor.setPosition(at)
                self.setTextCursor(cursor)
        self.context_menu_requested.emit(
            self.viewport().mapToGlobal(pos), self.annotations_at_point(pos)
        )
        event.accept()

    def _menu_signal(self) -> QMetaMethod:
        meta = self.metaObject()
        return meta.method(meta.indexOfSignal("context_menu_requested(QPoint,QVariantList)"))

