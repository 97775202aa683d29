"""Tagging from the keyboard and the right-click menu, predictably (issue 12), in the window."""

from __future__ import annotations

import re

import test_main_window as main_window_tests
from PySide6.QtCore import QEvent, QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent, QGuiApplication, QKeyEvent, QTextCursor
from PySide6.QtWidgets import QApplication, QMenu
from test_main_window import CTRL, SHIFT, qt_pos, select_with_keys, tag_id, words_at

from annotator.services import commands as cmd
from annotator.ui.tag_model import DIGIT_ROLE, PINNED_ROLE

# The main window tests' fixtures: a project over the seeds with three tags, its window.
project = main_window_tests.project
open_window = main_window_tests.open_window
window = main_window_tests.window


def caret_to(window, cp: int) -> None:
    view = window.parts.view
    cursor = QTextCursor(view.document())
    cursor.setPosition(qt_pos(view.text(), cp))
    view.setTextCursor(cursor)


def release_shift(view) -> None:
    QApplication.sendEvent(
        view, QKeyEvent(QEvent.Type.KeyRelease, Qt.Key.Key_Shift, Qt.KeyboardModifier.NoModifier)
    )


def tag_words(qtbot, window, first: int, count: int, key=Qt.Key.Key_1) -> int:
    start, end = words_at(window.parts.view.text(), first, count)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, key)
    return window.current_annotation()


# -- the inspector's Add-tag box -------------------------------------------------------------


def click_at(qtbot, window, char_point, cp: int) -> None:
    view = window.parts.view
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=char_point(view, cp))


def test_inspector_tag_box_clears_when_the_caret_moves_to_another_highlight(
    qtbot, window, char_point
):
    first = tag_words(qtbot, window, 10, 2)
    second = tag_words(qtbot, window, 30, 2)
    lib = window.library
    click_at(qtbot, window, char_point, lib.annotations.get(first).start + 1)
    assert window.parts.inspector.annotation_id() == first
    box = window.parts.inspector.tag_box
    box.setFocus()
    qtbot.keyClicks(box, "Secu")
    assert box.hint_text() == "↵ Security"
    click_at(qtbot, window, char_point, lib.annotations.get(second).start + 1)
    assert window.parts.inspector.annotation_id() == second
    assert box.text() == "" and box.hint_text() == ""
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Return)  # nothing typed for this one: nothing happens
    assert lib.annotations.get(second).tag_ids == (tag_id(window, "Energy"),)
    assert lib.annotations.get(first).tag_ids == (tag_id(window, "Energy"),)


# -- digit keys pinned to tags ---------------------------------------------------------------


def pin_through_the_menu(qtbot, window, name: str, digit: int) -> None:
    """Right-click the tag in the tree, Pin to key > ``digit``."""
    panel = window.parts.tag_panel
    index = panel.proxy.mapFromSource(panel.model.index_of(tag_id(window, name)))
    pos = panel.view.visualRect(index).center()
    picked: list[str] = []

    def pick() -> None:
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        pins = next(a.menu() for a in menu.actions() if a.text() == "Pin to key")
        action = pins.actions()[digit - 1]
        picked.append(action.text())
        action.trigger()
        menu.close()

    QTimer.singleShot(0, pick)
    panel._context_menu(pos)
    assert picked and picked[0].startswith(str(digit))


def test_a_pinned_key_stays_with_its_tag_when_the_tree_changes(qtbot, window):
    panel = window.parts.tag_panel
    economy = tag_id(window, "Economy")
    assert panel.digit_keys()[3] == economy  # tree order: Energy, Security, Economy
    pin_through_the_menu(qtbot, window, "Economy", 1)
    assert panel.digit_keys()[1] == economy
    index = panel.model.index_of(economy)
    assert index.data(DIGIT_ROLE) == 1 and index.data(PINNED_ROLE) is True
    assert "pinned" in index.data(Qt.ItemDataRole.ToolTipRole)
    # Reorganise: Economy under Security, then Energy under Economy.
    window.controller.push(cmd.MoveTag(window.library, economy, tag_id(window, "Security"), 0))
    window.controller.push(cmd.MoveTag(window.library, tag_id(window, "Energy"), economy, 0))
    panel.refresh()
    assert panel.digit_keys()[1] == economy
    annotation = tag_words(qtbot, window, 12, 2, Qt.Key.Key_1)
    assert window.library.annotations.get(annotation).tag_ids == (economy,)


def test_pins_are_kept_in_the_project_and_undoable(qtbot, project, open_window):
    first = open_window(project)
    security = tag_id(first, "Security")
    pin_through_the_menu(qtbot, first, "Security", 7)
    first.close()
    again = open_window(project)
    assert again.parts.tag_panel.digit_keys()[7] == security
    lib = again.library
    again.controller.push(cmd.pin_digit_key(lib, 7, None))
    again.parts.tag_panel.refresh()
    assert 7 not in lib.tag_keys.pinned()
    again.controller.undo_stack.undo()
    again.parts.tag_panel.refresh()
    assert lib.tag_keys.pinned() == {7: security}


def test_unpinned_keys_say_so_in_the_status_bar(qtbot, window):
    start, end = words_at(window.parts.view.text(), 5, 2)
    select_with_keys(window, start, end - start)
    qtbot.keyClick(window.parts.view, Qt.Key.Key_8)
    assert "pin" in window.statusBar().currentMessage()


# -- keyboard selections snap to words -------------------------------------------------------


def plain_words(text: str, count: int, after: int = 2000) -> tuple[int, int]:
    """``count`` words of letters separated by single spaces, followed by a space."""
    pattern = r"(?<![\w’'])" + " ".join([r"[A-Za-z]+"] * count) + " "
    found = re.compile(pattern).search(text, after)
    assert found is not None
    return found.start(), found.end() - 1


def test_ctrl_shift_right_selects_whole_words_without_the_space_after(qtbot, window):
    view = window.parts.view
    text = view.text()
    start, end = plain_words(text, 3)
    caret_to(window, start)
    view.setFocus()
    for _ in range(3):
        qtbot.keyClick(view, Qt.Key.Key_Right, CTRL | SHIFT)
    release_shift(view)
    assert view.selected_span() == (start, end)
    qtbot.keyClick(view, Qt.Key.Key_2)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    assert annotation.exact == text[start:end] and not annotation.exact.endswith(" ")


def test_a_selection_stepped_onto_a_space_is_stored_without_it(qtbot, window):
    view = window.parts.view
    text = view.text()
    start, end = plain_words(text, 2)
    assert text[end] == " "
    select_with_keys(window, start, end + 1 - start)  # Shift+Right onto the space after
    assert view.selected_span() == (start, end + 1)
    qtbot.keyClick(view, Qt.Key.Key_1)
    (annotation,) = window.library.annotations.for_document(window.current_document())
    assert (annotation.start, annotation.end) == (start, end)


# -- the right-click coding menu -------------------------------------------------------------


def right_click(window, cp: int) -> QMenu:
    view = window.parts.view
    q = qt_pos(view.text(), cp)
    cursor = QTextCursor(view.document())
    cursor.setPosition(q)
    point = view.cursorRect(cursor).center() + QPoint(2, 0)
    event = QContextMenuEvent(
        QContextMenuEvent.Reason.Mouse, point, view.viewport().mapToGlobal(point)
    )
    QApplication.sendEvent(view.viewport(), event)
    menu = window.coding.menu
    assert menu is not None and menu.isVisible()
    return menu


def entry(menu: QMenu, text: str):
    found = [a for a in menu.actions() if a.text() == text]
    assert found, [a.text() for a in menu.actions()]
    return found[0]


def test_right_click_on_a_selection_tags_it_with_a_recent_tag(qtbot, window):
    first = tag_words(qtbot, window, 10, 2, Qt.Key.Key_2)  # Security is now recent
    view = window.parts.view
    start, end = words_at(view.text(), 50, 3)
    select_with_keys(window, start, end - start)
    menu = right_click(window, start + 2)
    texts = [a.text() for a in menu.actions()]
    assert texts[0] == "Tag with “Security”"
    assert {"Tag with…", "Fit highlight to selection", "Copy", "Copy quote with citation"} <= set(
        texts
    )
    entry(menu, "Tag with “Security”").trigger()
    made = [a for a in window.library.annotations.for_document(window.current_document())]
    assert sorted((a.start, a.end, a.tag_ids) for a in made if a.id != first) == [
        (start, end, (tag_id(window, "Security"),))
    ]


def test_right_click_on_a_highlight_copies_it_cited_and_deletes_it(qtbot, window):
    annotation = tag_words(qtbot, window, 20, 4)
    lib = window.library
    a = lib.annotations.get(annotation)
    caret_to(window, a.end + 30)  # nothing selected, the caret elsewhere
    menu = right_click(window, a.start + 3)
    entry(menu, "Copy quote with citation").trigger()
    title = lib.documents.get(a.document_id).title
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith(f"“{a.exact}” (") and f"{title}, ¶\u00a0" in copied
    menu = right_click(window, a.start + 3)
    entry(menu, "Tag with…").trigger()
    assert window.parts.inspector.annotation_id() == annotation
    menu = right_click(window, a.start + 3)
    entry(menu, "Note…").trigger()
    assert window.parts.inspector.note.hasFocus() or QApplication.focusWidget() is None
    menu = right_click(window, a.start + 3)
    entry(menu, "Delete highlight").trigger()
    assert lib.annotations.for_document(a.document_id) == []
    window.controller.undo_stack.undo()
    assert [x.id for x in lib.annotations.for_document(a.document_id)] == [annotation]


def test_right_click_outside_the_selection_is_about_the_highlight_under_the_pointer(
    qtbot, window
):
    first = tag_words(qtbot, window, 20, 3, Qt.Key.Key_1)
    start, end = words_at(window.parts.view.text(), 40, 3)
    select_with_keys(window, start, end - start)  # a selection elsewhere
    a = window.library.annotations.get(first)
    menu = right_click(window, a.start + 2)
    assert window.parts.view.selected_span() is None
    assert "Copy" not in [x.text() for x in menu.actions()]
    entry(menu, "Tag with “Security”").trigger()
    assert window.library.annotations.get(first).tag_ids == (
        tag_id(window, "Energy"),
        tag_id(window, "Security"),
    )


def test_right_click_fits_the_highlight_to_a_wider_selection(qtbot, window):
    annotation = tag_words(qtbot, window, 20, 2)
    start, end = words_at(window.parts.view.text(), 19, 5)
    select_with_keys(window, start, end - start)
    menu = right_click(window, start + 1)
    fit = entry(menu, "Fit highlight to selection")
    assert fit.isEnabled()
    fit.trigger()
    a = window.library.annotations.get(annotation)
    assert (a.start, a.end) == (start, end)
