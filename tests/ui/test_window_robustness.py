"""The app against hostile files: bad bytes, damaged, read-only or deleted projects, odd targets."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from annotator.core.models import ExcerptFilter
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import interchange_dialogs
from annotator.ui.export_dialog import ExportDialog
from annotator.ui.main_window import MainWindow

ARTICLE = "Gas talks\n\nThe pipeline talks in Zürich stalled over the price of gas.\n"


@pytest.fixture
def texts(tmp_path):
    folder = tmp_path / "texts"
    folder.mkdir()
    (folder / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


@pytest.fixture
def project(tmp_path, texts):
    path = tmp_path / "project.annotator"
    with Library.open(path) as library:
        add_paths(library, [texts])
        library.tags.create("Energy")
    return path


@pytest.fixture
def open_window(qtbot):
    """``open_window(library)``: a shown MainWindow over ``library`` (closed at the end)."""
    made: list[MainWindow] = []

    def make(library: Library) -> MainWindow:
        window = MainWindow(library)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        made.append(window)
        return window

    yield make
    for window in made:
        window.close()
        window.library.close()


def test_a_rescan_says_when_bytes_that_are_not_utf8_were_replaced(project, texts, open_window):
    window = open_window(Library.open(project))
    (texts / "article.txt").write_bytes(ARTICLE.encode().replace(b"price", b"pr\xffce"))
    window.sources.rescan()
    message = window.statusBar().currentMessage()
    assert "article.txt: 1 byte that is not UTF-8 was replaced" in message
    assert "Zürich" in window.view.text()


@pytest.fixture
def save_dialog(monkeypatch):
    """Answer the save dialogs with the given paths in turn; record the warnings shown."""
    answers: list[str] = []
    warnings: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *args, **kwargs: (answers.pop(0), "")
    )
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: warnings.append(text))
    monkeypatch.setattr(QMessageBox, "information", lambda *args: None)
    return answers, warnings


def annotated(project):
    library = Library.open(project)
    doc = library.documents.list()[0]
    start = library.documents.text(doc.id).index("pipeline")
    tag = library.tags.list()[0]
    library.annotations.create(doc.id, start, start + 8, tag_ids=[tag.id])
    return library


def test_the_briefing_dialog_refuses_the_project_and_a_source_then_lets_the_reader_pick_again(
    project, texts, tmp_path, qtbot, save_dialog, open_window
):
    answers, warnings = save_dialog
    window = open_window(annotated(project))
    dialog = ExportDialog(window.controller, ExcerptFilter())
    qtbot.addWidget(dialog)
    dialog.format.setCurrentIndex(dialog.format.findData("md"))
    good = tmp_path / "briefing.md"
    (tmp_path / "link.md").symlink_to(project)  # the dialog adds ".md": the project by a link
    answers += [str(tmp_path / "link.md"), str(texts / "notes.md"), str(good)]
    dialog._export()
    assert len(warnings) == 2
    assert "open project file" in warnings[0] and "watched folder" in warnings[1]
    assert good.is_file() and not answers
    assert (texts / "article.txt").read_text(encoding="utf-8") == ARTICLE
    with Library.open(project) as reopened:  # still a project, with its highlight
        assert reopened.annotations.count() == 1


def test_the_briefing_dialog_writes_nothing_over_the_project(project, qtbot, save_dialog):
    answers, warnings = save_dialog
    library = annotated(project)
    from annotator.ui.controller import ProjectController

    dialog = ExportDialog(ProjectController(library), ExcerptFilter())
    qtbot.addWidget(dialog)
    assert not dialog.export_to(project.with_name("project.annotator-wal"))
    assert "write-ahead log" in warnings[0]
    assert library.annotations.count() == 1
    library.close()


def test_the_annotation_export_refuses_the_project_then_lets_the_reader_pick_again(
    project, tmp_path, save_dialog, open_window, monkeypatch
):
    answers, warnings = save_dialog
    window = open_window(annotated(project))
    monkeypatch.setattr(
        interchange_dialogs.ExportAnnotationsDialog,
        "exec",
        lambda self: QDialog.DialogCode.Accepted,
    )
    good = tmp_path / "annotations.json"
    (tmp_path / "link.json").symlink_to(project)
    answers += [str(tmp_path / "link.json"), str(good)]
    assert interchange_dialogs.export_annotations_dialog(window)
    assert len(warnings) == 1 and "destroy the project" in warnings[0]
    assert good.is_file()
    assert window.library.annotations.count() == 1
