"""Find in the open document: a bar above the reading view with next, previous and a match count.

Every match is marked in the text while the bar is open; the current one is selected.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from annotator.ui.icons import icon

if TYPE_CHECKING:
    from annotator.ui.reading_view import ReadingView

MAX_MATCHES = 100_000


def find_all(text: str, needle: str, *, case_sensitive: bool = False) -> list[tuple[int, int]]:
    """Every ``(start, end)`` of ``needle`` in ``text``, in code points, non-overlapping.

    A regular expression over the original text keeps offsets exact (lower-casing first would
    not: some characters change length when their case changes).
    """
    if not needle:
        return []
    flags = 0 if case_sensitive else re.IGNORECASE
    spans = []
    for match in re.finditer(re.escape(needle), text, flags):
        spans.append(match.span())
        if len(spans) >= MAX_MATCHES:
            break
    return spans


class FindBar(QWidget):
    """Searches a ReadingView's text; Enter finds the next match, Shift+Enter the previous."""

    closed = Signal()

    def __init__(self, view: ReadingView, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._matches: list[tuple[int, int]] = []
        self._current = -1

        self.field = QLineEdit()
        self.field.setPlaceholderText("Find in document")
        self.field.setClearButtonEnabled(True)
        self.case_box = QCheckBox("Match case")
        self.count_label = QLabel()
        self.count_label.setMinimumWidth(self.fontMetrics().horizontalAdvance("00000 of 00000"))
        self.previous_button = QToolButton()
        self.previous_button.setArrowType(Qt.ArrowType.UpArrow)
        self.previous_button.setToolTip("Previous match (Shift+Enter)")
        self.next_button = QToolButton()
        self.next_button.setArrowType(Qt.ArrowType.DownArrow)
        self.next_button.setToolTip("Next match (Enter)")
        self.close_button = QToolButton()
        self.close_button.setText("✕")
        self.close_button.setAutoRaise(True)
        self.close_button.setToolTip("Close (Esc)")

        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 3, 6, 3)
        search_icon = QLabel()
        search_icon.setPixmap(icon("find").pixmap(16, 16))
        layout.addWidget(search_icon)
        layout.addWidget(self.field, 1)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        layout.addWidget(self.count_label)
        layout.addWidget(self.case_box)
        layout.addWidget(self.close_button)

        # Typing re-searches after a short pause, so long documents stay responsive.
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(150)
        self._timer.timeout.connect(self._search_from_cursor)
        self.field.textChanged.connect(self._timer.start)
        self.case_box.toggled.connect(self._search_from_cursor)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        self.close_button.clicked.connect(self.close_bar)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar).setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        self.field.installEventFilter(self)
        self.hide()

    # -- public ------------------------------------------------------------------------------

    def open_bar(self) -> None:
        """Show the bar with the field focused; a selection in the view becomes the query."""
        span = self.view.selected_span()
        if span is not None and 0 < span[1] - span[0] <= 200:
            chosen = self.view.text()[span[0] : span[1]]
            if "\n" not in chosen:
                self.field.setText(chosen)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search_from_cursor()

    def close_bar(self) -> None:
        self.hide()
        self.view.set_find_marks([])
        self.view.setFocus()
        self.closed.emit()

    def matches(self) -> list[tuple[int, int]]:
        return list(self._matches)

    def refresh(self) -> None:
        """Search again (the document changed)."""
        if self.isVisible():
            self._search_from_cursor()

    def find_next(self) -> None:
        self._step(+1)

    def find_previous(self) -> None:
        self._step(-1)

    # -- internals ---------------------------------------------------------------------------

    def _search(self) -> None:
        self._timer.stop()
        self._matches = find_all(
            self.view.text(), self.field.text(), case_sensitive=self.case_box.isChecked()
        )
        self._current = -1
        self.view.set_find_marks(self._matches)  # every match marked, not only the current

    def _search_from_cursor(self) -> None:
        """Search, then go to the first match at or after the reader's place."""
        self._search()
        if not self._matches:
            self._update_label()
            return
        span = self.view.selected_span()
        here = span[0] if span else self.view.scroll_state().top
        following = [i for i, (s, _e) in enumerate(self._matches) if s >= here]
        self._go(following[0] if following else 0)

    def _step(self, direction: int) -> None:
        if self._timer.isActive() or not self._matches:
            self._search()
        if not self._matches:
            self._update_label()
            return
        if self._current < 0:
            span = self.view.selected_span()
            here = span[0] if span else 0
            after = [i for i, (s, _e) in enumerate(self._matches) if s > here]
            before = [i for i, (s, _e) in enumerate(self._matches) if s < here]
            if direction > 0:
                target = after[0] if after else 0
            else:
                target = before[-1] if before else len(self._matches) - 1
        else:
            target = (self._current + direction) % len(self._matches)
        self._go(target)

    def _go(self, index: int) -> None:
        self._current = index
        start, end = self._matches[index]
        self.view.select_span(start, end)
        self._update_label()

    def _update_label(self) -> None:
        has_text = bool(self.field.text())
        if not self._matches:
            self.count_label.setText("No matches" if has_text else "")
        else:
            self.count_label.setText(f"{self._current + 1:,} of {len(self._matches):,}")
        self.next_button.setEnabled(bool(self._matches))
        self.previous_button.setEnabled(bool(self._matches))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if watched is self.field and isinstance(event, QKeyEvent):
            if event.type() == QKeyEvent.Type.KeyPress and event.key() in (
                Qt.Key.Key_Return,
                Qt.Key.Key_Enter,
            ):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.find_previous()
                else:
                    self.find_next()
                return True
        return super().eventFilter(watched, event)
