"""Note editors save as you type, lose nothing on switching targets, and undo in one step."""

from __future__ import annotations

import pytest
from helpers_panels import seeded
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QApplication

from annotator.services import commands as cmd
from annotator.ui.note_editor import NoteEditor, NotesPanel


@pytest.fixture
def data():
    return seeded()


def make_editor(qtbot, data, delay_ms: int = 400) -> NoteEditor:
    editor = NoteEditor(data.controller, delay_ms=delay_ms)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    return editor


def test_typing_saves_after_the_debounce(qtbot, data):
    editor = make_editor(qtbot, data, delay_ms=100)
    document = data.documents[0]
    editor.set_target("document", document)
    editor.setFocus()
    qtbot.keyClicks(editor, "Read again")
    assert editor.pending()
    assert data.library.documents.get(document).note == ""  # not on every keystroke
    qtbot.waitUntil(lambda: data.library.documents.get(document).note == "Read again")
    assert not editor.pending()


def test_whole_typed_note_undoes_in_one_step_with_ctrl_z(qtbot, data):
    annotation = data.library.annotations.query()[0].id
    editor = make_editor(qtbot, data, delay_ms=30)
    editor.set_target("annotation", annotation)
    editor.setFocus()
    for word in ("first ", "second ", "third"):
        qtbot.keyClicks(editor, word)
        qtbot.waitUntil(lambda: not editor.pending())
    assert data.library.annotations.get(annotation).note == "first second third"
    assert data.controller.undo_stack.count() == 1
    qtbot.keyClick(editor, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert data.library.annotations.get(annotation).note == ""
    assert editor.toPlainText() == ""
    qtbot.keyClick(
        editor,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert editor.toPlainText() == "first second third"


def test_switching_target_flushes_what_was_typed(qtbot, data):
    editor = make_editor(qtbot, data, delay_ms=10_000)
    oil, economy = data.tags["Energy/Oil"], data.tags["Economy"]
    editor.set_target("tag", oil)
    qtbot.keyClicks(editor, "crude")
    editor.set_target("tag", economy)
    assert data.library.tags.get(oil).note == "crude"
    assert editor.toPlainText() == ""
    editor.set_target("tag", oil)
    assert editor.toPlainText() == "crude"


def test_focus_out_saves(qtbot, data):
    editor = make_editor(qtbot, data, delay_ms=10_000)
    editor.set_target("project")
    editor.setFocus()
    qtbot.keyClicks(editor, "Plan")
    assert data.library.project.note == ""
    # Offscreen windows are never active, so deliver the focus loss the window system would.
    QApplication.sendEvent(editor, QFocusEvent(QEvent.Type.FocusOut))
    assert data.library.project.note == "Plan"


def test_reloads_on_outside_change_keeping_cursor(qtbot, data):
    editor = make_editor(qtbot, data)
    document = data.documents[1]
    data.library.documents.set_note(document, "alpha beta")
    editor.set_target("document", document)
    cursor = editor.textCursor()
    cursor.setPosition(5)
    editor.setTextCursor(cursor)
    data.controller.push(cmd.set_document_note(data.library, document, "alpha beta gamma"))
    assert editor.toPlainText() == "alpha beta gamma"
    assert editor.textCursor().position() == 5


def test_deleted_target_leaves_editor_read_only(qtbot, data):
    editor = make_editor(qtbot, data)
    annotation = data.library.annotations.query()[0].id
    editor.set_target("annotation", annotation)
    data.controller.push(cmd.DeleteAnnotation(data.library, annotation))
    assert editor.target() == (None, None)
    assert editor.isReadOnly()


def test_unknown_kind_is_refused(qtbot, data):
    editor = make_editor(qtbot, data)
    with pytest.raises(ValueError, match="unknown note kind"):
        editor.set_target("chapter", 1)


def test_notes_panel_tabs_follow_document_and_tag(qtbot, data):
    panel = NotesPanel(data.controller)
    qtbot.addWidget(panel)
    panel.show()
    document, tag = data.documents[0], data.tags["Security"]
    panel.set_document(document)
    panel.set_tag(tag)
    assert panel.pages["document"].caption.text() == data.library.documents.get(document).title
    assert panel.pages["tag"].caption.text() == "Security"
    panel.setCurrentWidget(panel.pages["tag"])
    panel.tag_editor.setFocus()
    qtbot.keyClicks(panel.tag_editor, "watch")
    panel.flush()
    assert data.library.tags.get(tag).note == "watch"
    assert panel.tabText(2).startswith("Tag") and "•" in panel.tabText(2)
    panel.set_tag(-1)
    assert panel.tag_editor.isReadOnly()
    assert panel.pages["tag"].caption.text() == "No tag selected"
