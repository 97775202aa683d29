"""Live sources in the app: the real watcher reloads the open text and moves its highlights.

Each test edits a real file the way an editor saves it and waits for the window to react.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path

import pytest

from annotator.core.models import AnchorStatus, DocStatus
from annotator.services import commands as cmd
from annotator.services.live import SourceEvent, handle_events
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.main_window import MainWindow

PARAGRAPHS = [
    "Moscow and Beijing signed a gas agreement after years of talks.",
    "The price formula was never published, which worried analysts in Europe.",
    "Both governments called the deal a milestone of their partnership.",
]
QUOTE = "The price formula was never published"
WAIT_MS = 10_000


def write(path: Path, paragraphs: list[str]) -> None:
    path.write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


@pytest.fixture
def setup(tmp_path, qtbot):
    with open_window(tmp_path, qtbot, "article.txt") as opened:
        yield opened


@contextlib.contextmanager
def open_window(tmp_path, qtbot, name):
    """The app open on a watched folder holding one annotated article, file ``name``."""
    folder = tmp_path / "texts"
    folder.mkdir()
    article = folder / name
    write(article, PARAGRAPHS)
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    start = text.index(QUOTE)
    tag = library.tags.create("Energy").value
    annotation = library.annotations.create(
        doc.id, start, start + len(QUOTE), tag_ids=[tag.id]
    ).value
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=WAIT_MS)
    window.open_document(doc.id)
    yield window, library, article, doc, annotation
    window.close()
    qtbot.wait(200)  # let the panels' pending refreshes run before the project closes
    library.close()


def highlight_span(window: MainWindow, annotation_id: int) -> tuple[int, int]:
    found = [h for h in window.parts.view.highlights() if h.annotation_id == annotation_id]
    assert len(found) == 1
    return found[0].start, found[0].end


def save_in_place(path: Path, paragraphs: list[str]) -> None:
    write(path, paragraphs)


def save_temp_then_replace(path: Path, paragraphs: list[str]) -> None:
    temporary = path.with_name(".goutputstream-ABC123")
    write(temporary, paragraphs)
    os.replace(temporary, path)


def save_delete_then_create(path: Path, paragraphs: list[str]) -> None:
    path.unlink()
    write(path, paragraphs)


def save_like_vim(path: Path, paragraphs: list[str]) -> None:
    swap = path.with_name(f".{path.name}.swp")
    swap.write_bytes(b"vim swap")
    backup = path.with_name(path.name + "~")
    os.replace(path, backup)
    write(path, paragraphs)
    backup.unlink()
    swap.unlink()


@pytest.mark.parametrize(
    "save", [save_in_place, save_temp_then_replace, save_delete_then_create, save_like_vim]
)
def test_each_editor_save_style_reloads_the_open_text_once(setup, qtbot, save):
    window, library, article, doc, annotation = setup
    reloads = []
    window.sources.bridge.file_changed.connect(reloads.append)
    edited = ["A new opening paragraph, written in another editor.", *PARAGRAPHS]
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        save(article, edited)
    text = window.parts.view.text()
    assert text == "\n\n".join(edited) + "\n"
    start, end = highlight_span(window, annotation.id)
    assert text[start:end] == QUOTE
    assert library.annotations.get(annotation.id).start == start
    qtbot.wait(800)  # nothing else should arrive for one save
    assert len(reloads) == 1
    assert "reloaded" in reloads[0].message


def test_deleting_the_annotated_paragraph_keeps_an_orphan_in_the_review_tab(setup, qtbot):
    window, library, article, doc, annotation = setup
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS) as blocker:
        write(article, [PARAGRAPHS[0], PARAGRAPHS[2]])
    assert "1 passage orphaned" in blocker.args[0].message
    orphan = library.annotations.get(annotation.id)
    assert orphan.status is AnchorStatus.ORPHAN and orphan.exact == QUOTE
    assert annotation.id not in {h.annotation_id for h in window.parts.view.highlights()}
    assert annotation.id in {a.id for a in window.parts.review.pending()}
    assert "1 passage orphaned" in window.statusBar().currentMessage()


def test_unchanged_content_is_not_reloaded(setup, qtbot):
    window, library, article, doc, annotation = setup
    with qtbot.assertNotEmitted(window.sources.bridge.file_changed, wait=1500):
        article.write_bytes(article.read_bytes())  # an editor's "save" with no change


def test_reading_the_file_ourselves_does_not_trigger_a_reload(setup, qtbot):
    window, library, article, doc, annotation = setup
    with qtbot.assertNotEmitted(window.sources.bridge.file_changed, wait=1500):
        for _ in range(5):
            article.read_bytes()


def test_a_deleted_file_is_marked_missing_and_comes_back(setup, qtbot):
    window, library, article, doc, annotation = setup
    content = article.read_bytes()
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        article.unlink()
    assert library.documents.get(doc.id).status is DocStatus.MISSING
    assert library.annotations.get(annotation.id).exact == QUOTE
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        article.write_bytes(content)
    assert library.documents.get(doc.id).status is DocStatus.PRESENT


def test_a_renamed_file_keeps_its_document_and_highlights(setup, qtbot):
    window, library, article, doc, annotation = setup
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        article.rename(article.with_name("renamed.txt"))
    assert library.documents.get(doc.id).path == "renamed.txt"
    assert [a.id for a in library.annotations.for_document(doc.id)] == [annotation.id]
    assert len(library.documents.list()) == 1


def test_a_slow_writer_is_read_once_when_it_finishes(setup, qtbot):
    window, library, article, doc, annotation = setup
    reloads = []
    window.sources.bridge.file_changed.connect(reloads.append)
    edited = ["Inserted first.", *PARAGRAPHS, "Appended at the end by a slow writer."]
    data = ("\n\n".join(edited) + "\n").encode("utf-8")
    with article.open("wb") as handle:
        for i in range(0, len(data), 40):
            handle.write(data[i : i + 40])
            handle.flush()
            os.fsync(handle.fileno())
            qtbot.wait(120)
    qtbot.waitUntil(lambda: len(reloads) == 1, timeout=WAIT_MS)
    qtbot.wait(800)
    assert len(reloads) == 1
    assert window.parts.view.text() == data.decode("utf-8")


def test_bytes_cut_mid_character_are_not_taken_for_the_new_text(setup, qtbot):
    window, library, article, doc, annotation = setup
    edited = ["Déjà vu: the talks résumé.", *PARAGRAPHS]
    data = ("\n\n".join(edited) + "\n").encode("utf-8")
    cut = data.index("é".encode()) + 1  # in the middle of a two-byte character
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        article.write_bytes(data[:cut])
        time.sleep(0.3)  # the watcher sees this, the reload retries ...
        article.write_bytes(data)  # ... and the writer finishes
    qtbot.waitUntil(lambda: window.parts.view.text() == data.decode("utf-8"), timeout=WAIT_MS)
    assert library.documents.get(doc.id).encoding == "utf-8"


def test_the_reader_keeps_their_place_and_selection(setup, qtbot):
    window, library, article, doc, annotation = setup
    text = window.parts.view.text()
    start = text.index("milestone")
    window.parts.view.select_span(start, start + len("milestone"))
    edited = ["An inserted paragraph pushes everything down by a line or two.", *PARAGRAPHS]
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        write(article, edited)
    start, end = window.parts.view.selected_span()
    assert window.parts.view.text()[start:end] == "milestone"


def test_changes_made_while_the_app_was_closed_are_applied_at_start(tmp_path, qtbot):
    folder = tmp_path / "texts"
    folder.mkdir()
    article = folder / "article.txt"
    write(article, PARAGRAPHS)
    path = tmp_path / "p.annotator"
    with Library.open(path) as library:
        add_paths(library, [folder])
        doc = library.documents.list()[0]
        start = library.documents.text(doc.id).index(QUOTE)
        annotation = library.annotations.create(doc.id, start, start + len(QUOTE)).value
    write(article, ["Written while Annotator was closed.", *PARAGRAPHS])
    (folder / "new.txt").write_text("A new article appeared meanwhile.", encoding="utf-8")
    library = Library.open(path)
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.parts.watch_label.text().startswith("Watching"), timeout=WAIT_MS)
    moved = library.annotations.get(annotation.id)
    assert library.documents.text(doc.id)[moved.start : moved.end] == QUOTE
    assert moved.start == start + len("Written while Annotator was closed.\n\n")
    assert sorted(d.path for d in library.documents.list()) == ["article.txt", "new.txt"]
    window.close()
    qtbot.wait(200)  # let the panels' pending refreshes run before the project closes
    library.close()


def test_undo_history_survives_a_reload_of_the_text_under_it(setup, qtbot):
    window, library, article, doc, annotation = setup
    window.controller.push(cmd.set_annotation_note(library, annotation.id, "a note"))
    assert window.controller.undo_stack.canUndo()
    with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS):
        write(article, ["New first paragraph.", *PARAGRAPHS])
    assert library.annotations.get(annotation.id).note == "a note"
    window.controller.undo_stack.undo()  # the note step names its highlight: still valid
    assert library.annotations.get(annotation.id).note == ""


def test_a_rescan_keeps_the_readers_place_too(setup, qtbot):
    window, library, article, doc, annotation = setup
    text = window.parts.view.text()
    start = text.index("milestone")
    window.parts.view.select_span(start, start + len("milestone"))
    write(article, ["A paragraph added before the rescan.", *PARAGRAPHS])
    window.sources.rescan()  # before the watcher's event is handled
    start, end = window.parts.view.selected_span()
    assert window.parts.view.text()[start:end] == "milestone"
    qtbot.wait(800)  # the watcher's event then finds nothing new
    start, end = window.parts.view.selected_span()
    assert window.parts.view.text()[start:end] == "milestone"


@pytest.mark.parametrize("name", ["article.markdown", "article.text", "article.md"])
def test_every_registered_suffix_reloads_live_like_a_txt(tmp_path, qtbot, name):
    # A .markdown or .text source used to be added (the scan knew the suffix) but never
    # reloaded: the watcher had its own, shorter list. Now both take the formats registry's.
    with open_window(tmp_path, qtbot, name) as (window, _library, article, _doc, annotation):
        edited = ["A new opening paragraph, saved in another editor.", *PARAGRAPHS]
        with qtbot.waitSignal(window.sources.bridge.file_changed, timeout=WAIT_MS) as blocker:
            write(article, edited)
        assert "reloaded" in blocker.args[0].message
        text = window.parts.view.text()
        assert text == "\n\n".join(edited) + "\n"
        start, end = highlight_span(window, annotation.id)
        assert text[start:end] == QUOTE


def test_the_readers_place_survives_a_poll_that_sees_the_reload_first(setup, qtbot):
    # The once-a-second poll may see the worker's commit before the worker's report arrives:
    # the reload's map was recorded before the commit, keyed by the texts, so the window
    # finds it either way.
    window, library, article, doc, annotation = setup
    text = window.parts.view.text()
    start = text.index("milestone")
    window.parts.view.select_span(start, start + len("milestone"))
    window.sources.bridge.pause()  # this test plays the worker thread itself
    write(article, ["An inserted paragraph pushes everything down by a line or two.", *PARAGRAPHS])
    worker = library.sibling()
    try:
        event = SourceEvent("changed", article.parent, article)
        results = handle_events(worker, [(event, True)], None, window.controller.text_mappings)
    finally:
        worker.close()
    assert results[0].text_changed
    assert window.controller.check_outside()  # the poll, before any report of the worker
    assert window.parts.view.text() == library.documents.text(doc.id)
    start, end = window.parts.view.selected_span()
    assert window.parts.view.text()[start:end] == "milestone"
