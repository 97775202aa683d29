"""The document list's context menu on a document of a watched folder: remove that one document
(the folder stays watched, its file left out), undo and redo it with the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from test_project_files import click_button, context_menu, menu_action, when_modal

from annotator.services.sources import add_paths, scan
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def project(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Gas flows east\n\nThrough the new pipeline.\n", encoding="utf-8")
    (texts / "b.txt").write_text("Grain by rail\n\nAcross the border.\n", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("Ports and tariffs\n\nA single article about ports.\n", encoding="utf-8")
    path = tmp_path / "project.annotator"
    with Library.open(path) as library:
        add_paths(library, [texts, single])
        energy = library.tags.create("Energy", color="#f6c343").value
        for doc in library.documents.list():
            library.annotations.create(doc.id, 0, 3, tag_ids=[energy.id], note="first words")
            library.annotations.create(doc.id, 4, 9, tag_ids=[energy.id])
        a = next(d for d in library.documents.list() if d.path == "a.txt")
        library.documents.set_note(a.id, "Read twice")
    return path


@pytest.fixture
def window(project, qtbot):
    library = Library.open(project)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    qtbot.waitUntil(lambda: win.parts.watch_label.text().startswith("Watching"))
    yield win
    win.close()
    library.close()


def choose(menu, start: str, qtbot) -> None:
    """Click the entry of ``menu`` whose text starts with ``start``, as the mouse does."""
    action = menu_action(menu, start)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def back_to(window: MainWindow, qtbot) -> None:
    """The window active again once the box has gone (a window manager's job, offscreen ours)."""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.parts.documents.view.setFocus()


def paths(window: MainWindow) -> list[str]:
    return sorted(d.path for d in window.library.documents.list())


def test_one_document_of_a_folder_is_removed_after_saying_what_goes_and_undo_redo_keys(
    window, qtbot, tmp_path
):
    lib = window.library
    a = next(d for d in lib.documents.list() if d.path == "a.txt")
    rows = {
        t: lib.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall()
        for t in ("documents", "annotations", "annotation_tags")
    }
    window.open_document(a.id)
    menu = context_menu(window, "a.txt", qtbot)
    assert menu_action(menu, "Remove folder texts from project")  # the folder's entry stays
    asked = when_modal(QMessageBox, click_button("Cancel"), qtbot)
    choose(menu, "Remove a.txt from project", qtbot)
    box = asked[0]
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    detail = box.informativeText()
    assert "It has 2 annotations (1 with notes) and a document note." in detail
    assert "The file on disk is not touched." in detail
    assert "The folder “texts” stays watched, but a.txt is left out of it from now on" in detail
    assert "Edit\u00a0▸\u00a0Undo brings everything back." in detail
    assert paths(window) == ["a.txt", "b.txt", "single.txt"]  # cancelled: nothing went

    menu = context_menu(window, "a.txt", qtbot)
    when_modal(QMessageBox, click_button("Remove"), qtbot)
    choose(menu, "Remove a.txt from project", qtbot)
    assert paths(window) == ["b.txt", "single.txt"]
    assert (tmp_path / "texts" / "a.txt").is_file()
    assert window.current_document() is None
    qtbot.waitUntil(lambda: window.parts.documents.model.row_of(a.id) is None)
    assert "the folder “texts” leaves it out" in window.statusBar().currentMessage()
    assert not scan(lib).new  # a rescan leaves it out

    back_to(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)  # Edit > Undo
    assert {t: lib.db.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in rows} == rows
    qtbot.waitUntil(lambda: window.parts.documents.model.row_of(a.id) is not None)
    assert window.current_document() == a.id  # the reader is back on it
    assert window.parts.excerpts.model.rowCount() == 6  # and its excerpts are listed again
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)  # Redo
    assert paths(window) == ["b.txt", "single.txt"]
    assert lib.excluded.all() == {(a.source_id, "a.txt")}


def test_a_file_of_its_own_offers_only_its_removal(window, qtbot):
    menu = context_menu(window, "single.txt", qtbot)
    removals = [a.text().replace("&", "") for a in menu.actions() if "Remove" in a.text()]
    assert removals == ["Remove from project…"]
    menu.close()


def type_name(name: str):
    def act(dialog: QInputDialog) -> None:
        dialog.setTextValue(name)
        dialog.accept()

    return act


def test_renaming_a_file_is_undone_and_redone_with_the_keys(window, qtbot, tmp_path):
    lib = window.library
    texts = tmp_path / "texts"
    a = next(d for d in lib.documents.list() if d.path == "a.txt")
    when_modal(QInputDialog, type_name("gas.txt"), qtbot)
    choose(context_menu(window, "a.txt", qtbot), "Rename file", qtbot)
    assert sorted(p.name for p in texts.iterdir()) == ["b.txt", "gas.txt"]
    assert "Undo (Ctrl+Z) renames it back" in window.statusBar().currentMessage()
    back_to(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert sorted(p.name for p in texts.iterdir()) == ["a.txt", "b.txt"]
    assert lib.documents.get(a.id).path == "a.txt"
    qtbot.waitUntil(lambda: window.parts.documents.model.document(a.id).path == "a.txt")
    assert lib.documents.get(a.id).annotation_count == 2
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert sorted(p.name for p in texts.iterdir()) == ["b.txt", "gas.txt"]
    assert window.actions_.undo.text() == "&Undo Rename a.txt to gas.txt"

    # Another program takes the old name: undo says so and changes nothing.
    (texts / "a.txt").write_text("Someone else's article.\n", encoding="utf-8")
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    (box,) = [b for b in window.findChildren(QMessageBox) if b.isVisible()]  # not modal
    assert "gas.txt cannot be renamed back to a.txt: another file named a.txt" in box.text()
    assert (texts / "a.txt").read_text(encoding="utf-8") == "Someone else's article.\n"
    assert (texts / "gas.txt").is_file() and lib.documents.get(a.id).path == "gas.txt"
    assert window.actions_.undo.text() == "&Undo Rename a.txt to gas.txt"  # still to undo


def watched(window: MainWindow) -> tuple[str, list[str]]:
    """The status bar's watcher text, and the names of the roots the watcher has."""
    roots = window.sources.bridge._watcher.roots  # what the watcher really watches
    return window.parts.watch_label.text(), sorted(root.name for root in roots)


def test_the_watcher_count_follows_a_removal_and_its_undo_at_once(window, qtbot):
    assert watched(window) == ("Watching 2 sources", ["single.txt", "texts"])
    when_modal(QMessageBox, click_button("Remove"), qtbot)
    choose(context_menu(window, "single.txt", qtbot), "Remove from project", qtbot)
    assert watched(window) == ("Watching 1 source", ["texts"])
    back_to(window, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert watched(window) == ("Watching 2 sources", ["single.txt", "texts"])
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert watched(window) == ("Watching 1 source", ["texts"])


def test_a_removed_file_dropped_on_the_window_comes_back_into_its_folder(window, qtbot, tmp_path):
    lib = window.library
    a = next(d for d in lib.documents.list() if d.path == "a.txt")
    assert window.document_menu.remove_document(a, confirm=False)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(tmp_path / "texts" / "a.txt"))])
    drop = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.sources.sources_added):  # added on the worker thread
        window.dropEvent(drop)
    back = next(d for d in lib.documents.list() if d.path == "a.txt")
    assert back.source_id == a.source_id and lib.excluded.all() == set()
    assert "Added 1 document" in window.statusBar().currentMessage()
    assert watched(window) == ("Watching 2 sources", ["single.txt", "texts"])  # no extra root
    qtbot.waitUntil(lambda: window.parts.documents.model.row_of(back.id) is not None)


def test_the_running_watcher_leaves_a_removed_file_out_when_it_is_saved_again(
    window, qtbot, tmp_path
):
    lib = window.library
    texts = tmp_path / "texts"
    a = next(d for d in lib.documents.list() if d.path == "a.txt")
    assert window.document_menu.remove_document(a, confirm=False)
    (texts / "a.txt").write_text("Gas flows east, saved again.\n", encoding="utf-8")
    (texts / "c.txt").write_text("A new article\n\nDropped into the folder.\n", encoding="utf-8")
    # The new file shows the watcher has seen this folder's changes; a.txt stays out.
    qtbot.waitUntil(lambda: "c.txt" in paths(window), timeout=10_000)
    assert paths(window) == ["b.txt", "c.txt", "single.txt"]
