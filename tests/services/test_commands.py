"""Undoable commands: each one does its change, undo puts everything back, redo does it again."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.models import AnchorStatus, Changes
from annotator.core.textload import decode_bytes
from annotator.services import commands as cmd
from annotator.services.tagging import TagSpan
from annotator.store.library import Library


class UndoStack:
    """A plain undo stack, driving the commands as the GUI's QUndoStack does: redo, undo, and
    folding a step into the one before when the product's rule (``Command.merge_with``) says."""

    def __init__(self) -> None:
        self._done: list[cmd.Command] = []
        self._undone: list[cmd.Command] = []

    def push(self, command: cmd.Command) -> Changes:
        changes = command.redo()
        last = self._done[-1] if self._done else None
        if last is None or not last.merge_with(command):
            self._done.append(command)
        self._undone.clear()
        return changes

    def undo(self) -> Changes:
        if not self._done:
            return Changes()
        command = self._done.pop()
        self._undone.append(command)
        return command.undo()

    def redo(self) -> Changes:
        if not self._undone:
            return Changes()
        command = self._undone.pop()
        self._done.append(command)
        return command.redo()

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)


TEXT = (
    "Beijing and Moscow agreed on a new pipeline route. Critics said the price was too low. "
    "The agreement runs for thirty years and covers oil as well as gas."
)


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "p.annotator")
    source = library.sources.add(tmp_path, "folder").value
    doc = library.documents.add(source.id, "a.txt", decode_bytes(TEXT.encode())).value
    energy = library.tags.create("Energy").value
    gas = library.tags.create("Gas", parent_id=energy.id).value
    library.tags.create("Oil", parent_id=energy.id)
    politics = library.tags.create("Politics").value
    library.tags.create("Treaties", parent_id=politics.id)
    library.annotations.create(doc.id, 0, 18, tag_ids=[gas.id, politics.id], note="first")
    library.annotations.create(doc.id, 51, 80, tag_ids=[energy.id])
    yield library
    library.close()


def state(lib):
    """Everything a user can see, except modification times."""
    annotations = [
        (
            a.id,
            a.document_id,
            a.start,
            a.end,
            a.exact,
            a.prefix,
            a.suffix,
            a.note,
            a.author,
            a.created,
            a.status,
            a.reviewed,
            a.tag_ids,
        )
        for a in lib.annotations.query()
    ]
    tags = [
        (t.id, t.name, t.parent_id, t.color, t.description, t.note, t.position, t.count)
        for t in lib.tags.list()
    ]
    docs = [(d.id, d.title, d.note, d.path) for d in lib.documents.list()]
    return annotations, tags, docs, lib.project.note


def tag_id(lib, path):
    return lib.tags.require(path).id


def check_undo_redo(lib, command, expect_done):
    """Push ``command``, check ``expect_done``, undo back to the start, redo, undo again."""
    stack = UndoStack()
    before = state(lib)
    changes = stack.push(command)
    assert changes, "a command reports what it changed"
    expect_done()
    after = state(lib)
    assert after != before
    assert stack.can_undo and not stack.can_redo
    assert stack.undo()
    assert state(lib) == before
    assert stack.can_redo
    stack.redo()
    assert state(lib) == after
    expect_done()
    stack.undo()
    assert state(lib) == before


def test_tagging_a_new_span_creates_an_annotation(lib):
    doc_id = lib.documents.list()[0].id
    start = TEXT.index("Moscow")
    command = TagSpan(lib, doc_id, start, start + 6, tag_ids=[tag_id(lib, "Oil")], note="n")

    def done():
        made = lib.annotations.get(command.annotation_id)
        assert (made.exact, made.note) == ("Moscow", "n")
        assert made.tag_ids == (tag_id(lib, "Oil"),)

    check_undo_redo(lib, command, done)


def test_delete_annotation_comes_back_with_its_id_and_tags(lib):
    first = lib.annotations.query()[0]
    command = cmd.DeleteAnnotation(lib, first.id)

    def done():
        assert first.id not in lib.annotations.ids()

    check_undo_redo(lib, command, done)
    assert lib.annotations.get(first.id).tag_ids == first.tag_ids


def test_set_tags(lib):
    first = lib.annotations.query()[0]
    new = [tag_id(lib, "Treaties"), tag_id(lib, "Oil")]
    check_undo_redo(
        lib,
        cmd.set_annotation_tags(lib, first.id, new),
        lambda: lib.annotations.get(first.id).tag_ids == tuple(sorted(new)) or pytest.fail(),
    )


def test_consecutive_note_edits_fold_into_one_undo_step(lib):
    first = lib.annotations.query()[0]
    stack = UndoStack()
    before = state(lib)
    for typed in ("a", "ab", "abc"):
        stack.push(cmd.set_annotation_note(lib, first.id, typed))
    assert lib.annotations.get(first.id).note == "abc"
    # Another annotation's note is a separate step.
    other = lib.annotations.query()[1]
    stack.push(cmd.set_annotation_note(lib, other.id, "other"))
    stack.undo()
    assert lib.annotations.get(other.id).note == ""
    assert lib.annotations.get(first.id).note == "abc"
    stack.undo()
    assert state(lib) == before
    assert not stack.can_undo
    stack.redo()
    assert lib.annotations.get(first.id).note == "abc"


def test_only_consecutive_edits_of_one_value_fold(lib):
    """The product's merge rule (``Command.merge_with``), which the app's QUndoStack asks."""
    first, other = lib.annotations.query()[:2]
    typing = cmd.set_annotation_note(lib, first.id, "a", expected="first")
    later = cmd.set_annotation_note(lib, first.id, "ab", expected="a")
    assert typing.merge_with(later) and typing.new == "ab" and typing.old == "first"
    assert not typing.merge_with(cmd.set_annotation_note(lib, other.id, "x"))
    doc = lib.documents.list()[0].id
    assert not typing.merge_with(cmd.set_document_note(lib, doc, "x"))
    assert cmd.set_tag_note(lib, 1, "x").merge_with(cmd.set_tag_note(lib, 1, "xy"))
    assert not cmd.set_tag_note(lib, 1, "x").merge_with(cmd.set_tag_note(lib, 2, "x"))
    # Steps that are not typing never fold, even twice the same.
    oil = tag_id(lib, "Oil")
    assert not cmd.rename_tag(lib, oil, "A").merge_with(cmd.rename_tag(lib, oil, "B"))
    assert not cmd.DeleteAnnotation(lib, first.id).merge_with(cmd.DeleteAnnotation(lib, other.id))
    assert not cmd.SetValue("Edit note", typing.value, "z").merge_with(typing)  # no key


def test_a_note_edit_after_another_command_does_not_fold_into_the_earlier_one(lib):
    first = lib.annotations.query()[0]
    stack = UndoStack()
    stack.push(cmd.set_annotation_note(lib, first.id, "one"))
    stack.push(cmd.rename_tag(lib, tag_id(lib, "Oil"), "Petroleum"))
    stack.push(cmd.set_annotation_note(lib, first.id, "two"))
    stack.undo()
    assert lib.annotations.get(first.id).note == "one"


def test_set_span(lib):
    first = lib.annotations.query()[0]

    def done():
        assert lib.annotations.get(first.id).exact == "Beijing and Moscow agreed"

    check_undo_redo(lib, cmd.SetAnnotationSpan(lib, first.id, 0, 25), done)


def test_accept_anchor(lib):
    first = lib.annotations.query()[0]
    lib.annotations.replace_all([replace(first, status=AnchorStatus.MOVED, reviewed=False)])
    check_undo_redo(
        lib,
        cmd.accept_anchor(lib, first.id),
        lambda: lib.annotations.get(first.id).reviewed or pytest.fail(),
    )


def test_document_note_and_title(lib):
    doc_id = lib.documents.list()[0].id
    check_undo_redo(
        lib,
        cmd.set_document_note(lib, doc_id, "Read for the briefing."),
        lambda: lib.documents.get(doc_id).note == "Read for the briefing." or pytest.fail(),
    )
    check_undo_redo(
        lib,
        cmd.set_document_title(lib, doc_id, "Pipeline deal"),
        lambda: lib.documents.get(doc_id).title == "Pipeline deal" or pytest.fail(),
    )


def test_project_note(lib):
    check_undo_redo(
        lib,
        cmd.set_project_note(lib, "Due Friday."),
        lambda: lib.project.note == "Due Friday." or pytest.fail(),
    )


@pytest.mark.parametrize(
    ("make", "check"),
    [
        (
            lambda lib, t: cmd.rename_tag(lib, t, "Natural gas"),
            lambda tag: tag.name == "Natural gas",
        ),
        (lambda lib, t: cmd.recolor_tag(lib, t, "#123456"), lambda tag: tag.color == "#123456"),
        (
            lambda lib, t: cmd.describe_tag(lib, t, "LNG too"),
            lambda tag: tag.description == "LNG too",
        ),
        (lambda lib, t: cmd.set_tag_note(lib, t, "a note"), lambda tag: tag.note == "a note"),
    ],
    ids=["rename", "recolor", "describe", "note"],
)
def test_tag_values(lib, make, check):
    gas = tag_id(lib, "Gas")
    check_undo_redo(lib, make(lib, gas), lambda: check(lib.tags.get(gas)) or pytest.fail())


def test_create_tag(lib):
    command = cmd.CreateTag(lib, "Sanctions", parent_id=tag_id(lib, "Politics"), color="#00aa00")

    def done():
        assert lib.tags.path(command.tag_id) == "Politics/Sanctions"

    check_undo_redo(lib, command, done)


def test_move_tag(lib):
    oil = tag_id(lib, "Oil")

    def done():
        assert [lib.tags.path(t.id) for t in lib.tags.list()][-3:] == [
            "Politics",
            "Politics/Oil",
            "Politics/Treaties",
        ]

    check_undo_redo(lib, cmd.MoveTag(lib, oil, tag_id(lib, "Politics"), 0), done)


def test_reorder_tag_among_siblings(lib):
    oil = tag_id(lib, "Oil")

    def done():
        assert [t.name for t in lib.tags.list()][:3] == ["Energy", "Oil", "Gas"]

    check_undo_redo(lib, cmd.MoveTag(lib, oil, tag_id(lib, "Energy"), 0), done)


def test_merge_tags(lib):
    energy, politics = tag_id(lib, "Energy"), tag_id(lib, "Politics")

    def done():
        assert [t.name for t in lib.tags.list()] == ["Politics", "Treaties", "Gas", "Oil"]

    check_undo_redo(lib, cmd.MergeTags(lib, energy, politics), done)


def test_delete_tag(lib):
    energy = tag_id(lib, "Energy")

    def done():
        assert [t.name for t in lib.tags.list()] == ["Politics", "Treaties"]
        assert lib.annotations.count() == 2

    check_undo_redo(lib, cmd.DeleteTag(lib, energy), done)


def test_a_sequence_of_commands_undoes_in_reverse(lib):
    doc_id = lib.documents.list()[0].id
    stack = UndoStack()
    before = state(lib)
    create = TagSpan(lib, doc_id, 12, 18)
    stack.push(create)
    stack.push(cmd.CreateTag(lib, "Russia"))
    stack.push(cmd.set_annotation_tags(lib, create.annotation_id, [tag_id(lib, "Russia")]))
    stack.push(cmd.MergeTags(lib, tag_id(lib, "Russia"), tag_id(lib, "Politics")))
    stack.push(cmd.DeleteTag(lib, tag_id(lib, "Politics")))
    assert lib.annotations.get(create.annotation_id).tag_ids == ()
    while stack.can_undo:
        stack.undo()
    assert state(lib) == before
    while stack.can_redo:
        stack.redo()
    assert [t.name for t in lib.tags.list()] == ["Energy", "Gas", "Oil"]
    assert stack.undo() and stack.redo()
    assert not UndoStack().undo() and not UndoStack().redo()
