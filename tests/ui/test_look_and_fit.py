"""Look and fit: a small window keeps a readable text column, View > Theme switches palettes
live, zooming keeps the passage in view, closing the find bar does not move the text."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QLabel

from annotator.bundled import seeds_dir
from annotator.services import commands as cmd
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import theme_choice
from annotator.ui.main_window import MainWindow
from annotator.ui.theme import is_dark
from annotator.ui.window_fit import READABLE_CHARS


@pytest.fixture
def window(tmp_path, qtbot):
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [texts])
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1600, 1000)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    theme_choice.apply("system")
    library.close()


def test_a_small_window_folds_the_side_panels_before_the_text_gets_narrow(window, qtbot):
    view = window.parts.view
    chars = view.fontMetrics().averageCharWidth() * READABLE_CHARS
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: not window.parts.right.isVisible())
    assert view.width() >= chars
    assert not window.pane_toggles[window.parts.right].isChecked()  # View > Panels says so
    title = window.parts.document_title
    assert title.text() and "…" not in QLabel.text(title)  # as shown, not elided
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.parts.right.isVisible())
    assert window.pane_toggles[window.parts.right].isChecked()


def test_a_panel_the_reader_hid_stays_hidden_when_the_window_grows(window, qtbot):
    window.pane_toggles[window.parts.left].setChecked(False)
    window.resize(1024, 700)
    qtbot.wait(50)
    window.resize(1600, 1000)
    qtbot.waitUntil(lambda: window.parts.right.isVisible())
    assert not window.parts.left.isVisible()


def test_view_theme_switches_the_palette_live_and_is_kept(window, qtbot):
    window.actions_.themes["dark"].trigger()
    assert is_dark(QApplication.palette())
    qtbot.waitUntil(lambda: is_dark(window.parts.view.palette()))  # every widget follows
    assert theme_choice.stored_theme() == "dark"
    window.actions_.themes["light"].trigger()
    assert not is_dark(QApplication.palette())
    window.actions_.themes["system"].trigger()
    assert theme_choice.stored_theme() == "system"


def test_zooming_keeps_the_selected_passage_in_view(window, qtbot):
    view = window.parts.view
    text = view.text()
    start = text.index(" ", len(text) // 2)
    view.select_span(start, start + 40)
    for _ in range(4):
        window.actions_.zoom_in.trigger()
    assert view.selected_span() == (start, start + 40)
    assert view.viewport().rect().intersects(view.cursorRect())
    for _ in range(6):
        window.actions_.zoom_out.trigger()
    assert view.viewport().rect().intersects(view.cursorRect())


def test_zooming_without_a_selection_keeps_the_reading_position(window, qtbot):
    view = window.parts.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(0)
    view.setTextCursor(cursor)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
    first = view.cursorForPosition(QPoint(0, 0)).position()
    window.actions_.zoom_in.trigger()
    window.actions_.zoom_in.trigger()
    after = view.cursorForPosition(QPoint(0, 0)).position()
    block = view.document().findBlock(after)
    line = block.layout().lineForTextPosition(after - block.position())
    # The line at the top now is the one holding the character that was first on screen.
    assert after <= first < block.position() + line.textStart() + line.textLength() + 1


def test_closing_the_find_bar_does_not_move_the_text(window, qtbot):
    view = window.parts.view
    view.verticalScrollBar().setValue(5)
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.cursorForPosition(QPoint(10, 10)).position())

    def on_screen() -> int:
        return view.viewport().mapTo(window, view.cursorRect(cursor).topLeft()).y()

    before = on_screen()
    window.actions_.find.trigger()
    qtbot.waitUntil(window.parts.find_bar.isVisible)
    assert on_screen() == before
    window.parts.find_bar.close_bar()
    qtbot.wait(20)
    assert on_screen() == before


def test_a_long_title_wraps_once_before_it_is_cut(window, qtbot):
    title = window.parts.document_title
    long = "Sanctions, pipelines and grain: what the partnership of China and Russia means now"
    doc = window.current_document()
    window.controller.push(cmd.set_document_title(window.library, doc, long))
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: title.text() == long)
    # The layout gives the label its second line's height on a later turn of the event loop.
    qtbot.waitUntil(lambda: title.height() >= 2 * title.fontMetrics().height())
    first, second = QLabel.text(title).split("\n")
    assert long.startswith(first + " ") and len(first) > 20  # a full first line of words
    assert second.rstrip("…") in long
