"""Projects in the app: New project, Open with a new name, Save a copy, Open recent, the export
message, and the document list's context menu (remove with undo, rename, show in folder)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QTimer, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QMessageBox,
)

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import project_files
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow


@pytest.fixture
def project(tmp_path):
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    single = tmp_path / "single.txt"
    single.write_text("Ports and tariffs\n\nA single article about ports.\n", encoding="utf-8")
    path = tmp_path / "project.annotator"
    library = Library.open(path)
    add_paths(library, [texts, single])
    energy = library.tags.create("Energy", color="#f6c343").value
    for doc in library.documents.list():
        library.annotations.create(doc.id, 0, 5, tag_ids=[energy.id], note="first words")
    library.close()
    return path


@pytest.fixture
def window(project, qtbot):
    library = Library.open(project)
    win = MainWindow(library)
    qtbot.addWidget(win)
    win.resize(1200, 800)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.close()
    library.close()


class UrlCatcher(QObject):
    """Takes the file URLs the app hands to the desktop (Qt's own hook for this)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot("QUrl")
    def open(self, url) -> None:  # noqa: A003
        self.urls.append(url.toLocalFile())


@pytest.fixture
def opened_urls():
    catcher = UrlCatcher()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher.urls
    QDesktopServices.unsetUrlHandler("file")


def when_modal(kind, act, qtbot):
    """Run ``act(widget)`` on the next modal ``kind`` that opens (a dialog's own loop runs)."""
    done = []
    tries = iter(range(250))  # five seconds; then the test fails on what it waited for

    def poll():
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            done.append(widget)
            act(widget)
        elif next(tries, None) is not None:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return done


def type_file_name(name: str, tick: str | None = None):
    def act(dialog: QFileDialog) -> None:
        if tick:
            dialog.findChild(QCheckBox, tick).setChecked(True)
        dialog.findChild(QLineEdit, "fileNameEdit").setText(name)
        dialog.accept()  # as the Save / Open button does: it reads the name typed

    return act


def click_button(text: str):
    def act(box: QMessageBox) -> None:
        for button in box.buttons():
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {[b.text() for b in box.buttons()]}")

    return act


def test_new_project_with_the_sample_articles(window, tmp_path, qtbot):
    target = tmp_path / "study"
    when_modal(QFileDialog, type_file_name(str(target), tick="add_samples"), qtbot)
    with qtbot.waitSignal(window.project_requested) as opened:
        window.actions_.new_project.trigger()
    assert opened.args == [str(tmp_path / "study.annotator")]
    with Library.open(tmp_path / "study.annotator") as lib:
        assert len(lib.documents.list()) == 5 and lib.project.name == "study"
    assert project_files.recent_projects()[0] == str(tmp_path / "study.annotator")


def test_a_new_name_typed_in_open_creates_the_project(window, tmp_path, qtbot):
    when_modal(QFileDialog, type_file_name(str(tmp_path / "fresh")), qtbot)
    asked = when_modal(QMessageBox, click_button("Create project"), qtbot)
    with qtbot.waitSignal(window.project_requested) as opened:
        window.actions_.open_project.trigger()
    assert "There is no project named fresh.annotator" in asked[0].text()
    assert opened.args == [str(tmp_path / "fresh.annotator")]
    with Library.open(tmp_path / "fresh.annotator") as lib:
        assert lib.documents.list() == []


def test_save_a_copy_while_open(window, tmp_path, qtbot):
    when_modal(QFileDialog, type_file_name(str(tmp_path / "backup.annotator")), qtbot)
    window.actions_.save_copy.trigger()
    qtbot.waitUntil(lambda: (tmp_path / "backup.annotator").exists())
    with Library.open(tmp_path / "backup.annotator") as copy:
        assert len(copy.documents.list()) == 6 and copy.annotations.count() == 6
    assert window.library.path == tmp_path / "project.annotator"  # the original stays open


def test_open_recent_greys_out_missing_projects_and_prunes_them(window, tmp_path, qtbot):
    other = tmp_path / "other.annotator"
    gone = tmp_path / "gone.annotator"
    for path in (other, gone):
        Library.open(path).close()
        project_files.remember_project(path)
    gone.unlink()
    menu = window.actions_.recent_menu
    menu.aboutToShow.emit()
    entries = {a.statusTip(): a for a in menu.actions() if a.statusTip()}
    assert set(entries) == {str(other), str(gone)}  # the open project is not offered
    assert entries[str(other)].isEnabled()
    assert not entries[str(gone)].isEnabled() and "(not found)" in entries[str(gone)].text()
    with qtbot.waitSignal(window.project_requested) as opened:
        entries[str(other)].trigger()
    assert opened.args == [str(other)]
    prune = next(a for a in menu.actions() if "missing" in a.text())
    prune.trigger()
    assert str(gone) not in project_files.recent_projects()


def test_after_an_export_a_message_offers_open_and_show_in_folder(
    window, tmp_path, qtbot, opened_urls
):
    window.actions_.export.trigger()
    dialog = window.findChild(ExportDialog)
    dialog.scope_all.setChecked(True)
    out = tmp_path / "out" / "brief.docx"
    out.parent.mkdir()
    assert dialog.export_to(out)
    box = window.findChild(QMessageBox, "export_finished")
    assert box is not None and box.isVisible() and "brief.docx" in box.text()
    click_button("Show in folder")(box)
    click_button("Open")(window.findChild(QMessageBox, "export_finished") or box)
    assert str(out.parent) in opened_urls or str(out) in opened_urls


def row_point(window: MainWindow, path: str) -> QPoint:
    documents = window.parts.documents
    for row in range(documents.proxy.rowCount()):
        index = documents.proxy.index(row, 0)
        doc = documents.model.document(index.data(Qt.ItemDataRole.UserRole + 1))
        if doc.path == path:
            return documents.view.visualRect(index).center()
    raise AssertionError(f"{path} is not listed")


def context_menu(window: MainWindow, path: str, qtbot):
    view = window.parts.documents.view
    view.customContextMenuRequested.emit(row_point(window, path))
    menu = window.document_menu.menu
    assert menu is not None and menu.isVisible()
    return menu


def menu_action(menu, start: str):
    return next(a for a in menu.actions() if a.text().replace("&", "").startswith(start))


def test_remove_a_source_says_what_it_touches_and_undo_brings_it_all_back(window, qtbot):
    lib = window.library
    single = next(d for d in lib.documents.list() if d.path == "single.txt")
    window.open_document(single.id)
    before = {d.id: lib.documents.text(d.id) for d in lib.documents.list()}
    menu = context_menu(window, "single.txt", qtbot)
    asked = when_modal(QMessageBox, click_button("Remove"), qtbot)
    menu_action(menu, "Remove from project").trigger()
    assert "It has 1 annotation." in asked[0].informativeText()
    assert single.id not in {d.id for d in lib.documents.list()}
    assert window.current_document() is None and window.parts.view.text() == ""
    qtbot.waitUntil(lambda: window.parts.documents.model.row_of(single.id) is None)
    assert window.actions_.undo.text() == "&Undo Remove single.txt"
    window.actions_.undo.trigger()  # Edit > Undo
    assert {d.id: lib.documents.text(d.id) for d in lib.documents.list()} == before
    restored = lib.annotations.for_document(single.id)
    assert [(a.note, [lib.tags.get(t).name for t in a.tag_ids]) for a in restored] == [
        ("first words", ["Energy"])
    ]
    qtbot.waitUntil(lambda: window.parts.documents.model.row_of(single.id) is not None)
    assert window.current_document() == single.id  # the reader is back on it


def test_removing_a_folder_counts_its_documents_and_can_be_cancelled(window, qtbot):
    first = window.library.documents.list()[0]
    menu = context_menu(window, first.path, qtbot)
    asked = when_modal(QMessageBox, click_button("Cancel"), qtbot)
    menu_action(menu, "Remove folder texts").trigger()
    assert "its 5 documents and their 5 annotations" in asked[0].informativeText()
    assert len(window.library.documents.list()) == 6


def test_rename_the_file_keeps_the_document_and_refuses_a_taken_name(
    window, tmp_path, qtbot, monkeypatch
):
    lib = window.library
    doc = lib.documents.list()[0]
    names = iter([("renamed.txt", True), (lib.documents.list()[1].path, True)])
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: next(names))
    menu_action(context_menu(window, doc.path, qtbot), "Rename file").trigger()
    assert lib.documents.get(doc.id).path == "renamed.txt"
    assert (tmp_path / "texts" / "renamed.txt").is_file()
    assert lib.annotations.for_document(doc.id)[0].note == "first words"
    qtbot.waitUntil(lambda: window.parts.documents.model.document(doc.id).path == "renamed.txt")
    refused = []
    when_modal(QMessageBox, lambda box: (refused.append(box.text()), box.accept()), qtbot)
    menu_action(context_menu(window, "renamed.txt", qtbot), "Rename file").trigger()
    assert "already exists" in refused[0]
    assert (tmp_path / "texts" / "renamed.txt").is_file()


def test_show_in_folder_opens_the_folder_of_the_file(window, tmp_path, qtbot, opened_urls):
    menu_action(context_menu(window, "single.txt", qtbot), "Show in folder").trigger()
    assert opened_urls == [str(tmp_path)]


def test_properties_entry_opens_the_properties_of_the_row_clicked(window, qtbot):
    single = next(d for d in window.library.documents.list() if d.path == "single.txt")
    others = [d for d in window.library.documents.list() if d.id != single.id]
    if others:
        window.open_document(others[0].id)  # another document is open: the row still wins
    menu_action(context_menu(window, "single.txt", qtbot), "Properties").trigger()
    dialog = window.actions_.properties_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.document_id == single.id
    dialog.reject()

