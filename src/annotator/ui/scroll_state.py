"""Keep the reader's place: capture and restore scroll position and selection, centre a passage."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect
from PySide6.QtGui import QTextCursor

if TYPE_CHECKING:
    from annotator.ui.reading_view import ReadingView


@dataclass(frozen=True, slots=True)
class ScrollState:
    """Where the reader was: the first visible block, the line within it, and the selection."""

    top: int  # core offset of the start of the first visible block
    line: int  # wrapped line of that block at the top of the viewport
    cursor: int  # core offset of the text cursor
    selection: tuple[int, int] | None


def capture_scroll_state(view: ReadingView) -> ScrollState:
    block = view.firstVisibleBlock()
    offsets = view.offset_map()
    # QPlainTextEdit scrolls by lines: the bar's value is the number of the top line.
    line = max(0, view.verticalScrollBar().value() - block.firstLineNumber())
    return ScrollState(
        top=offsets.to_core(block.position()),
        line=line,
        cursor=offsets.to_core(view.textCursor().position()),
        selection=view.selected_span(),
    )


def restore_scroll_state(
    view: ReadingView, state: ScrollState, map_position: Callable[[int], int] | None
) -> None:
    length = len(view.text())

    def place(pos: int) -> int:
        pos = map_position(pos) if map_position is not None else pos
        return min(max(pos, 0), length)

    offsets = view.offset_map()
    vbar = view.verticalScrollBar()
    if state.selection is not None:
        start, end = sorted((place(state.selection[0]), place(state.selection[1])))
        view.select_span(start, end, scroll=False)
    else:
        cursor = QTextCursor(view.document())
        cursor.setPosition(offsets.to_qt(place(state.cursor)))
        value = vbar.value()
        view.setTextCursor(cursor)
        vbar.setValue(value)
    block = view.document().findBlock(offsets.to_qt(place(state.top)))
    line = min(state.line, max(0, block.lineCount() - 1))
    vbar.setValue(block.firstLineNumber() + line)


def _cursor_rect(view: ReadingView, qt_pos: int) -> QRect:
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos)
    return view.cursorRect(cursor)


def centre_span(view: ReadingView, qt_start: int, qt_end: int) -> None:
    """Scroll so the passage sits mid-screen: its middle if it fits, else its first line."""
    probe = QTextCursor(view.document())
    probe.setPosition((qt_start + qt_end) // 2)
    view.setTextCursor(probe)
    view.centerCursor()
    top, bottom = _cursor_rect(view, qt_start).top(), _cursor_rect(view, qt_end).bottom()
    if top < 0 or bottom > view.viewport().height():
        probe.setPosition(qt_start)
        view.setTextCursor(probe)
        view.centerCursor()
