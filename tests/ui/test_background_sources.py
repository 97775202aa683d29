"""Scans, additions and files arriving are worked on off the GUI thread; the window stays usable."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtWidgets import QApplication

from annotator.core.models import DocStatus
from annotator.services import commands as cmd
from annotator.services.sources import add_paths
from annotator.services.tagging import TagSpan
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow

WAIT_MS = 15_000


@pytest.fixture
def setup(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    for i in range(5):
        text = f"Report {i}\n\nThe harbour of Vladivostok handled more grain in report {i}."
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=WAIT_MS)
    yield window, library, folder
    window.close()
    qtbot.wait(100)
    library.close()


def hold_the_worker(window: MainWindow) -> threading.Event:
    """Keep the worker thread busy until the returned event is set (a long job before)."""
    gate = threading.Event()
    window.sources.background.submit(lambda _lib, _progress: gate.wait(WAIT_MS / 1000), "test")
    return gate


def test_a_rescan_waits_behind_no_dialog_shows_progress_and_can_be_cancelled(qtbot, setup):
    window, library, folder = setup
    for i in range(5):
        (folder / f"a{i}.txt").unlink()  # a scan would mark all five missing
    gate = hold_the_worker(window)
    job = window.sources.rescan()
    assert QApplication.activeModalWidget() is None
    progress = window.sources.progress
    qtbot.waitUntil(progress.isVisible, timeout=WAIT_MS)  # in the status bar, with Cancel
    assert progress.job is job and "Checking the source files" in progress.label.text()
    # The window answers meanwhile: a tag made while the scan waits shows at once.
    assert window.controller.push(cmd.CreateTag(library, "Energy"))
    names = lambda: [tag.name for tag in window.parts.tag_panel.model.tags_in_order()]  # noqa: E731
    qtbot.waitUntil(lambda: "Energy" in names(), timeout=WAIT_MS)
    progress.cancel_button.click()
    assert "Stopping" in progress.label.text()
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert job.result.cancelled
    assert all(d.status is DocStatus.PRESENT for d in library.documents.list())
    assert "stopped" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not progress.isVisible(), timeout=WAIT_MS)
    # A rescan finishes what the stopped one left.
    again = window.sources.rescan()
    qtbot.waitUntil(lambda: again.done, timeout=WAIT_MS)
    assert all(d.status is DocStatus.MISSING for d in library.documents.list())


def test_files_dropped_into_the_folder_arrive_as_rows_without_rebuilding_the_list(qtbot, setup):
    window, library, folder = setup
    model = window.parts.documents.model
    resets = []
    model.modelReset.connect(lambda: resets.append(1))
    current = window.current_document()
    for i in range(40):
        text = f"Dropped {i}\n\nA railway bridge over the Amur opened to freight, part {i}."
        (folder / f"dropped{i:02d}.txt").write_text(text, encoding="utf-8")
    qtbot.waitUntil(lambda: model.rowCount() == 45, timeout=WAIT_MS)
    assert resets == []  # rows were inserted, the list was not rebuilt
    assert window.parts.documents.current_document() == current  # the reader's place is kept
    box = window.parts.excerpts.document_box
    titles = [box.itemText(i) for i in range(box.count())]
    assert titles[:2] == ["All documents", "Report 0"] and "Dropped 39" in titles
    assert [model.index(row, 0).data() for row in range(45)] == [
        d.title for d in library.documents.list()
    ]


def test_a_scan_of_renamed_files_keeps_their_highlights_in_view(qtbot, setup):
    window, library, folder = setup
    doc = library.documents.resolve("a2.txt")
    window.open_document(doc.id)
    create = TagSpan(library, doc.id, 0, 6)
    assert window.controller.push(create)
    annotation = library.annotations.get(create.annotation_id)
    gate = hold_the_worker(window)  # the watcher's events wait behind it
    (folder / "a2.txt").rename(folder / "renamed.txt")
    job = window.sources.rescan()
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    assert [d.id for d, _old in job.result.renamed] == [doc.id]
    assert annotation.id in {h.annotation_id for h in window.parts.view.highlights()}
    row = window.parts.documents.model.row_of(doc.id)
    assert window.parts.documents.model.document(doc.id).path == "renamed.txt"
    assert row is not None


def test_the_document_choice_lists_files_that_came_in_bulk_when_it_opens(qtbot, setup):
    # A burst of files is not followed item by item (that held the window up); the choice is
    # brought up to date when the reader opens it, and keeps the document chosen.
    window, library, folder = setup
    box = window.parts.excerpts.document_box
    box.setCurrentIndex(box.findText("Report 3"))
    gate = hold_the_worker(window)
    for i in range(60):
        (folder / f"bulk{i:02d}.txt").write_text(f"Bulk {i}\n\nGrain to Harbin, {i}.", "utf-8")
    job = window.sources.rescan()
    gate.set()
    qtbot.waitUntil(lambda: job.done, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.parts.documents.model.rowCount() == 65, timeout=WAIT_MS)
    assert box.currentText() == "Report 3"
    box.showPopup()
    titles = [box.itemText(i) for i in range(box.count())]
    box.hidePopup()
    assert titles == ["All documents"] + [d.title for d in library.documents.list()]
    assert "Bulk 59" in titles and box.currentText() == "Report 3"
