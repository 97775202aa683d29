"""UI test set-up: Qt offscreen, and helpers that locate characters and formats in a ReadingView."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402
from PySide6.QtCore import QPoint  # noqa: E402
from PySide6.QtGui import QTextCharFormat, QTextCursor  # noqa: E402

from annotator.ui.reading_view import ReadingView  # noqa: E402


@pytest.fixture
def reading_view(qtbot):
    """A shown ReadingView, 700 x 500, with a text column as wide as the viewport."""
    v = ReadingView(max_line_chars=None)
    qtbot.addWidget(v)
    v.resize(700, 500)
    v.show()
    qtbot.waitExposed(v)
    return v


def _char_point(view: ReadingView, cp: int) -> QPoint:
    """The viewport point in the middle of the character at core offset ``cp``."""
    q = view.offset_map().to_qt(cp)
    cursor = QTextCursor(view.document())
    cursor.setPosition(q)
    left = view.cursorRect(cursor)
    cursor.setPosition(q + 1)
    right = view.cursorRect(cursor)
    x = (left.x() + right.x()) // 2 if right.y() == left.y() else left.x() + 2
    return QPoint(x, left.center().y())


def _painted_formats(view: ReadingView, cp: int):
    """The format ranges laid into the block holding core offset ``cp``, after a repaint."""
    view.viewport().repaint()
    block = view.document().findBlock(view.offset_map().to_qt(cp))
    return block, block.layout().formats()


def _format_at(view: ReadingView, cp: int):
    """The highlight format over core offset ``cp`` (None when plain)."""
    block, ranges = _painted_formats(view, cp)
    local = view.offset_map().to_qt(cp) - block.position()
    for r in ranges:
        if r.start <= local < r.start + r.length:
            return QTextCharFormat(r.format)  # a copy: the range list is temporary
    return None


@pytest.fixture
def char_point():
    """``char_point(view, cp)``: viewport point over the character at core offset ``cp``."""
    return _char_point


@pytest.fixture
def painted_formats():
    """``painted_formats(view, cp)``: (block, format ranges) of the block holding ``cp``."""
    return _painted_formats


@pytest.fixture
def format_at():
    """``format_at(view, cp)``: the highlight format over ``cp`` after a repaint, or None."""
    return _format_at


@pytest.fixture(scope="session", autouse=True)
def _collect_garbage_on_the_gui_thread(qapp):
    """As the app does (``ui/main_thread_gc``): a worker thread must never destroy Qt objects."""
    from annotator.ui.main_thread_gc import install

    install(qapp)
