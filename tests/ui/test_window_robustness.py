"""The app against hostile files: bad bytes, damaged, read-only or deleted projects, odd targets."""

from __future__ import annotations

import random

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLabel, QMessageBox

from annotator.core.models import ExcerptFilter
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui import app, interchange_dialogs
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


def test_a_rescan_says_when_bytes_that_are_not_utf8_were_replaced(
    project, texts, open_window, qtbot
):
    window = open_window(Library.open(project))
    (texts / "article.txt").write_bytes(ARTICLE.encode().replace(b"price", b"pr\xffce"))
    window.sources.rescan()  # runs on the worker thread; the status bar says how it went
    qtbot.waitUntil(
        lambda: (
            "article.txt: 1 byte that is not UTF-8 was replaced"
            in window.statusBar().currentMessage()
        )
    )
    assert "Zürich" in window.parts.view.text()


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


# Read-only, deleted and damaged projects ------------------------------------------------------


def test_a_read_only_project_says_so_and_refuses_edits_with_the_reason(project, open_window, qtbot):
    with Library.open(project) as lib:
        doc = lib.documents.list()[0]
        start = lib.documents.text(doc.id).index("pipeline")
        lib.annotations.create(doc.id, start, start + 8, tag_ids=[lib.tags.list()[0].id])
    before = project.read_bytes()
    window = open_window(Library.open(project, read_only=True))
    assert window.windowTitle().endswith("(read-only)")
    notice = window.findChild(QLabel, "read_only_notice")
    assert notice is not None and notice.isVisible() and "Read-only" in notice.text()
    qtbot.waitUntil(lambda: window.sources.started)
    assert "read-only" in window.parts.watch_label.text()  # no watching, no start-up reloads
    assert window.parts.excerpts.model.rowCount() == 1  # everything reads
    assert window.parts.inspector.note.isReadOnly()
    errors = []
    window.controller.error.connect(errors.append)
    tag = window.library.tags.list()[0].id
    window.parts.view.select_span(0, 3)
    assert window.apply_tag(tag) is None
    assert errors and "is read-only (opened read-only); changes cannot be saved" in errors[0]
    assert window.library.annotations.count() == 1
    window.sources.rescan()
    assert project.read_bytes() == before


def test_a_project_deleted_while_open_is_reported_not_recreated(project, open_window, qtbot):
    window = open_window(Library.open(project))
    errors = []
    window.controller.error.connect(errors.append)
    for suffix in ("", "-wal", "-shm"):
        path = project.with_name(project.name + suffix)
        if path.exists():
            path.unlink()
    window.parts.view.select_span(0, 3)
    window.apply_tag(window.library.tags.list()[0].id)
    assert errors and "was deleted or replaced while open" in errors[0]
    assert "FOREIGN KEY" not in errors[0]
    assert not project.exists()


def damage(path, marker: bytes) -> None:
    data = bytearray(path.read_bytes())
    page = data.index(marker) // 4096
    data[page * 4096 : (page + 1) * 4096] = random.Random(15).randbytes(4096)
    path.write_bytes(bytes(data))


@pytest.fixture
def shown_boxes(monkeypatch):
    """The texts of the message boxes the app shows (their exec returns at once)."""
    shown: list[str] = []

    def record(box):
        shown.append(f"{box.text()}\n{box.informativeText()}")
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    monkeypatch.setattr(QApplication, "exec", lambda *args: 0)  # never block in the loop
    return shown


@pytest.mark.parametrize("how", ["garbage after the header", "truncated", "a damaged text page"])
def test_a_damaged_project_gives_a_dialog_at_start_up(tmp_path, texts, shown_boxes, how):
    path = tmp_path / "project.annotator"
    with Library.open(path) as library:
        for n in range(20):
            (texts / f"doc{n}.txt").write_text(f"Doc {n} MARK{n:02d} " + "words " * 900)
        add_paths(library, [texts])
    data = path.read_bytes()
    if how == "garbage after the header":
        path.write_bytes(data[:100] + random.Random(1).randbytes(len(data) - 100))
    elif how == "truncated":
        path.write_bytes(data[: len(data) // 2])
    else:
        damage(path, b"MARK07")
    assert app.run(str(path)) == 1
    assert len(shown_boxes) == 1
    assert "cannot be opened" in shown_boxes[0]
    assert "damaged" in shown_boxes[0] or "not an Annotator project" in shown_boxes[0]
