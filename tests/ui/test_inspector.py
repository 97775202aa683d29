"""The inspector: tag chips, adding tags, the note, accepting moved anchors, deleting."""

from __future__ import annotations

import pytest
from helpers_panels import copied, edit_inside, seeded
from PySide6.QtCore import Qt

from annotator.services.tagging import TagSpan
from annotator.ui.chips import TagChip
from annotator.ui.inspector import Inspector, elide


def make_inspector(qtbot, data) -> Inspector:
    widget = Inspector(data.controller)
    qtbot.addWidget(widget)
    widget.resize(320, 520)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


@pytest.fixture
def env(qtbot):
    data = seeded()
    annotation = next(a for a in data.library.annotations.query() if len(a.tag_ids) == 2)
    widget = make_inspector(qtbot, data)
    widget.show_annotation(annotation.id)
    return data, widget, annotation


def chip_names(widget) -> list[str]:
    """The names on the inspector's tag chips, in order (what the reader sees)."""
    chips = (widget.chips.itemAt(i).widget() for i in range(widget.chips.count()))
    return [c.name() for c in chips if isinstance(c, TagChip) and c.isVisibleTo(widget)]


def test_shows_quote_location_and_tag_chips(env):
    data, widget, annotation = env
    assert widget.stack.currentIndex() == 1
    assert annotation.exact.split()[0] in widget.quote.text()
    title = data.library.documents.get(annotation.document_id).title
    assert widget.location.text().startswith(title)
    names = [data.library.tags.get(t).name for t in annotation.tag_ids]
    assert chip_names(widget) == names
    assert not widget.status_frame.isVisibleTo(widget)


def test_removing_a_chip_removes_the_tag_and_undo_restores(env, qtbot):
    data, widget, annotation = env
    first, second = annotation.tag_ids
    chip = widget.chip(first)
    qtbot.mouseClick(chip.close_button, Qt.MouseButton.LeftButton)
    assert data.library.annotations.get(annotation.id).tag_ids == (second,)
    qtbot.waitUntil(lambda: widget.chip(first) is None)
    data.controller.undo_stack.undo()
    assert set(data.library.annotations.get(annotation.id).tag_ids) == {first, second}
    qtbot.waitUntil(lambda: widget.chip(first) is not None)


def test_add_tag_box_adds_existing_or_new_tag(env, qtbot):
    data, widget, annotation = env
    widget.tag_box.setFocus()
    qtbot.keyClicks(widget.tag_box, "Method")
    qtbot.keyClick(widget.tag_box, Qt.Key.Key_Return)
    assert data.tags["Method"] in data.library.annotations.get(annotation.id).tag_ids
    qtbot.keyClicks(widget.tag_box, "Brand new")
    qtbot.keyClick(widget.tag_box, Qt.Key.Key_Return)
    created = data.library.tags.find("Brand new")
    assert created is not None
    assert created.id in data.library.annotations.get(annotation.id).tag_ids
    qtbot.waitUntil(lambda: "Brand new" in chip_names(widget))


def test_typed_note_saves_and_undoes_in_one_step(env, qtbot):
    data, widget, annotation = env
    widget.note.setFocus()
    qtbot.keyClicks(widget.note, "Worth quoting")
    qtbot.waitUntil(lambda: data.library.annotations.get(annotation.id).note == "Worth quoting")
    qtbot.keyClicks(widget.note, " in full")
    qtbot.waitUntil(lambda: data.library.annotations.get(annotation.id).note.endswith("in full"))
    qtbot.keyClick(widget.note, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert data.library.annotations.get(annotation.id).note == ""
    assert widget.note.toPlainText() == ""


def test_delete_button_deletes_and_signals(env, qtbot):
    data, widget, annotation = env
    deleted: list[int] = []
    widget.annotation_deleted.connect(deleted.append)
    qtbot.mouseClick(widget.delete_button, Qt.MouseButton.LeftButton)
    assert deleted == [annotation.id]
    assert annotation.id not in {a.id for a in data.library.annotations.query()}
    assert widget.stack.currentIndex() == 0
    data.controller.undo_stack.undo()
    assert data.library.annotations.get(annotation.id).tag_ids == annotation.tag_ids
    assert widget.annotation_id() == annotation.id  # the undone delete shows up again
    assert widget.stack.currentIndex() == 1


def test_candidates_list_picks_among_overlaps(env, qtbot):
    data, widget, annotation = env
    other = data.controller
    command = TagSpan(data.library, annotation.document_id, 5, 15)
    other.push(command)
    widget.show_candidates([annotation.id, command.annotation_id])
    assert widget.candidates.isVisibleTo(widget) and widget.candidates.count() == 2
    assert widget.annotation_id() == annotation.id
    widget.candidates.setCurrentRow(1)
    assert widget.annotation_id() == command.annotation_id
    assert chip_names(widget) == []
    assert widget.no_tags.isVisibleTo(widget)
    widget.show_candidates([command.annotation_id])
    assert not widget.candidates.isVisibleTo(widget)


def test_nothing_shown_for_none(env):
    _data, widget, _annotation = env
    widget.show_annotation(None)
    assert widget.stack.currentIndex() == 0
    assert widget.annotation_id() is None


def test_accept_clears_the_review_flag(qtbot, tmp_path):
    data = copied(tmp_path)
    annotation_id = edit_inside(data, data.documents[0], 200, 320)
    widget = make_inspector(qtbot, data)
    widget.show_annotation(annotation_id)
    assert widget.status_frame.isVisibleTo(widget)
    assert "Check it" in widget.status_label.text()
    qtbot.mouseClick(widget.accept_button, Qt.MouseButton.LeftButton)
    assert data.library.annotations.get(annotation_id).reviewed
    assert not widget.status_frame.isVisibleTo(widget)
    data.controller.undo_stack.undo()
    assert not data.library.annotations.get(annotation_id).reviewed
    assert widget.status_frame.isVisibleTo(widget)


@pytest.mark.parametrize(("text", "limit"), [("short", 280), ("word " * 100, 50), ("x" * 400, 100)])
def test_elide_keeps_quotes_short(text, limit):
    result = elide(text, limit)
    assert len(result) <= limit + 1
    assert result.endswith("…") == (len(" ".join(text.split())) > limit)
