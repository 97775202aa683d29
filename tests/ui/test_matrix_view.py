"""The matrix view in the window: opened from View > Matrix, a cell clicked filters the
excerpts to exactly what it counts, tags × tags too, and the matrix exports to CSV."""

from __future__ import annotations

import csv

import test_main_window as main_window_tests
from PySide6.QtCore import Qt
from test_main_window import select_with_keys, tag_id, words_at

from annotator.core.models import Match
from annotator.services import matrix as matrices
from annotator.ui.matrix_view import CellRole

project = main_window_tests.project
open_window = main_window_tests.open_window
window = main_window_tests.window


def tag_words(qtbot, window, first: int, count: int, *keys) -> None:
    start, end = words_at(window.parts.view.text(), first, count)
    select_with_keys(window, start, end - start)
    for key in keys:
        qtbot.keyClick(window.parts.view, key)


def open_matrix(qtbot, window):
    qtbot.keyClick(
        window,
        Qt.Key.Key_M,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window.actions_.matrix_view
    assert view is not None and view.isVisible()
    qtbot.waitExposed(view)
    return view


def click_cell(qtbot, view, tag: int, other: int) -> None:
    model = view.model
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            index = model.index(row, column)
            if index.data(CellRole) == (tag, other):
                view.table.scrollTo(index)
                rect = view.table.visualRect(index)
                qtbot.mouseClick(
                    view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center()
                )
                return
    raise AssertionError(f"no cell {(tag, other)}")


def test_a_cell_clicked_lists_the_excerpts_it_counts(qtbot, window):
    one, two, three = Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3
    tag_words(qtbot, window, 10, 2, one, two)  # Energy + Security
    tag_words(qtbot, window, 30, 3, one)  # Energy
    tag_words(qtbot, window, 60, 2, three)  # Economy
    document = window.current_document()
    energy, security = tag_id(window, "Energy"), tag_id(window, "Security")
    view = open_matrix(qtbot, window)
    assert view.kind() == matrices.DOCUMENTS
    index = next(
        view.model.index(r, c)
        for r in range(view.model.rowCount())
        for c in range(view.model.columnCount())
        if view.model.index(r, c).data(CellRole) == (energy, document)
    )
    assert index.data() == "2"
    assert index.data(Qt.ItemDataRole.BackgroundRole) is not None  # shaded
    click_cell(qtbot, view, energy, document)
    excerpts = window.parts.excerpts
    shown = excerpts.current_filter()
    assert shown.tag_ids == (energy,) and shown.document_ids == (document,)
    assert excerpts.model.rowCount() == 2
    assert window.parts.right_tabs.currentWidget() is excerpts

    view.set_kind(matrices.TAGS)
    click_cell(qtbot, view, energy, security)
    shown = excerpts.current_filter()
    assert set(shown.tag_ids) == {energy, security} and shown.match is Match.ALL
    assert shown.document_ids == ()
    assert excerpts.model.rowCount() == 1


def test_the_matrix_follows_new_highlights_and_swaps(qtbot, window):
    view = open_matrix(qtbot, window)
    energy = tag_id(window, "Energy")
    document = window.current_document()
    assert view.model.matrix.count(energy, document) == 0
    tag_words(qtbot, window, 10, 2, Qt.Key.Key_1)
    qtbot.waitUntil(lambda: view.model.matrix.count(energy, document) == 1)
    rows = view.model.rowCount()
    view.swap_box.setChecked(True)
    assert view.model.columnCount() == rows


def test_export_csv_writes_the_matrix_shown(qtbot, window, tmp_path):
    tag_words(qtbot, window, 10, 2, Qt.Key.Key_1)
    view = open_matrix(qtbot, window)
    path = view.export_csv(str(tmp_path / "m.csv"))
    with open(path, encoding="utf-8-sig", newline="") as handle:
        table = list(csv.reader(handle))
    assert [row[0] for row in table[1:]] == ["Energy", "Security", "Economy"]
    assert sum(int(n) for n in table[1][1:]) == 1
