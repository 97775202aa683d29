"""Another program (the command line) writing to the project the window has open.

The second ``Library`` on the same file is what the command line opens; the window notices its
commits by polling and refreshes, and a note edited in both places is never overwritten silently.
"""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from annotator.bundled import seeds_dir
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.ui.document_list import PASSAGES
from annotator.ui.main_window import MainWindow
from annotator.ui.note_conflict import NoteConflictDialog

WAIT_MS = 5000


@pytest.fixture
def setup(tmp_path, qtbot):
    """The window over a copy of the seeds with four highlights; the command line's library."""
    texts = tmp_path / "texts"
    shutil.copytree(seeds_dir(), texts)
    path = tmp_path / "project.annotator"
    library = Library.open(path)
    add_paths(library, [texts])
    tag = library.tags.create("Energy").value
    doc = library.documents.list()[0]
    for start in range(0, 400, 100):
        library.annotations.create(doc.id, start, start + 20, tag_ids=[tag.id])
    window = MainWindow(library)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_document(doc.id)
    cli = Library.open(path)
    yield window, cli, doc, tag
    cli.close()
    window.close()
    qtbot.wait(100)
    library.close()


def test_highlights_counts_and_excerpts_follow_the_command_lines_writes(qtbot, setup):
    window, cli, doc, tag = setup
    assert len(window.parts.view.highlights()) == 4
    made = [
        cli.annotations.create(doc.id, start, start + 30, tag_ids=[tag.id]).value.id
        for start in range(1000, 6000, 250)
    ]
    assert len(made) == 20
    # The window's own poll (every second) finds them: no click, no rescan.
    qtbot.waitUntil(lambda: len(window.parts.view.highlights()) == 24, timeout=WAIT_MS)
    row = window.parts.documents.model.row_of(doc.id)
    qtbot.waitUntil(
        lambda: window.parts.documents.model.index(row, PASSAGES).data() == "24", timeout=WAIT_MS
    )
    qtbot.waitUntil(lambda: window.parts.excerpts.model.rowCount() == 24, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: window.library.tags.get(tag.id).count == 24, timeout=WAIT_MS)
    tag_row = window.parts.tag_panel.model.index_of(tag.id)
    qtbot.waitUntil(lambda: tag_row.siblingAtColumn(1).data() == "24", timeout=WAIT_MS)
    assert "another program" in window.statusBar().currentMessage()

    cli.annotations.delete(made[0])
    qtbot.waitUntil(lambda: len(window.parts.view.highlights()) == 23, timeout=WAIT_MS)


def test_undo_does_not_write_back_over_the_command_lines_change(qtbot, setup):
    window, cli, doc, tag = setup
    annotation = window.library.annotations.for_document(doc.id)[0]
    window.jump_to_annotation(annotation.id)
    window.parts.inspector.note.setFocus()
    qtbot.keyClicks(window.parts.inspector.note, "mine")
    window.parts.inspector.note.flush()
    assert window.controller.undo_stack.canUndo()
    cli.annotations.delete(annotation.id)
    window.controller.check_outside()
    assert not window.controller.undo_stack.canUndo()
    assert "undo history was cleared" in window.statusBar().currentMessage()
    assert annotation.id not in {h.annotation_id for h in window.parts.view.highlights()}


def _type_over_a_note_the_command_line_changes(qtbot, window, cli, annotation_id):
    """Type into the inspector's note; the command line changes it before the save; type on."""
    window.jump_to_annotation(annotation_id)
    editor = window.parts.inspector.note
    editor.setFocus()
    qtbot.keyClicks(editor, "Mine")
    assert editor.pending()  # not saved yet (it saves 400 ms after the last key)
    cli.annotations.set_note(annotation_id, "Theirs, from the command line")
    window.controller.check_outside()  # the app polls; the typed text stays on screen
    assert editor.toPlainText() == "Mine"
    qtbot.keyClicks(editor, " and more")
    qtbot.waitUntil(lambda: editor.conflict is not None, timeout=WAIT_MS)
    dialog = editor.conflict
    assert isinstance(dialog, NoteConflictDialog) and dialog.isVisible()
    assert dialog.windowTitle() == "This note was changed by another program"
    assert dialog.theirs.toPlainText() == "Theirs, from the command line"
    assert dialog.mine.toPlainText() == "Mine and more"
    # Nothing was overwritten while the dialog waits.
    assert cli.annotations.get(annotation_id).note == "Theirs, from the command line"
    return editor, dialog


def test_keep_mine_writes_the_typed_note_over_theirs(qtbot, setup):
    window, cli, doc, _tag = setup
    annotation_id = window.library.annotations.for_document(doc.id)[0].id
    editor, dialog = _type_over_a_note_the_command_line_changes(qtbot, window, cli, annotation_id)
    qtbot.mouseClick(dialog.keep_button, Qt.MouseButton.LeftButton)
    assert editor.conflict is None
    assert cli.annotations.get(annotation_id).note == "Mine and more"
    assert editor.toPlainText() == "Mine and more"


def test_take_theirs_shows_their_note_and_drops_the_typed_one(qtbot, setup):
    window, cli, doc, _tag = setup
    annotation_id = window.library.annotations.for_document(doc.id)[0].id
    editor, dialog = _type_over_a_note_the_command_line_changes(qtbot, window, cli, annotation_id)
    qtbot.mouseClick(dialog.take_button, Qt.MouseButton.LeftButton)
    assert cli.annotations.get(annotation_id).note == "Theirs, from the command line"
    assert editor.toPlainText() == "Theirs, from the command line"
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "!")  # typing on now saves without a question
    editor.flush()
    assert cli.annotations.get(annotation_id).note == "Theirs, from the command line!"


def test_copy_mine_puts_the_typed_note_on_the_clipboard_and_takes_theirs(qtbot, setup):
    window, cli, doc, _tag = setup
    annotation_id = window.library.annotations.for_document(doc.id)[0].id
    editor, dialog = _type_over_a_note_the_command_line_changes(qtbot, window, cli, annotation_id)
    qtbot.mouseClick(dialog.copy_button, Qt.MouseButton.LeftButton)
    assert QApplication.clipboard().text() == "Mine and more"
    assert cli.annotations.get(annotation_id).note == "Theirs, from the command line"
    assert editor.toPlainText() == "Theirs, from the command line"


def test_a_saved_note_changed_elsewhere_is_shown_without_a_question(qtbot, setup):
    window, cli, doc, _tag = setup
    editor = window.parts.notes.document_editor
    editor.setFocus()
    qtbot.keyClicks(editor, "Read twice")
    editor.flush()
    cli.documents.set_note(doc.id, "Read twice; the command line adds a line")
    window.controller.check_outside()
    assert editor.toPlainText() == "Read twice; the command line adds a line"
    qtbot.keyClick(editor, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, ".")
    editor.flush()
    assert editor.conflict is None
    assert cli.documents.get(doc.id).note == "Read twice; the command line adds a line."


def test_enter_in_the_dialog_takes_the_choice_that_loses_nothing(qtbot, setup):
    window, cli, doc, _tag = setup
    annotation_id = window.library.annotations.for_document(doc.id)[0].id
    editor, dialog = _type_over_a_note_the_command_line_changes(qtbot, window, cli, annotation_id)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert QApplication.clipboard().text() == "Mine and more"
    assert cli.annotations.get(annotation_id).note == "Theirs, from the command line"
    assert editor.conflict is None
