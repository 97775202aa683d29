"""Other programs writing to an open project: noticing it, and note edits that do not clobber."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.models import Changes
from annotator.core.textload import decode_bytes
from annotator.services import commands as cmd
from annotator.services.outside import OutsideWatch, overlaps
from annotator.store.errors import StaleValue
from annotator.store.library import Library

TEXT = "Moscow and Beijing signed a gas agreement after years of talks."


@pytest.fixture
def two(tmp_path: Path):
    """The app's connection and the command line's, on one project with a highlight."""
    app = Library.open(tmp_path / "p.annotator")
    source = app.sources.add(tmp_path / "texts", "folder").value
    doc = app.documents.add(source.id, "a.txt", decode_bytes(TEXT.encode())).value
    annotation = app.annotations.create(doc.id, 0, 6).value
    cli = Library.open(tmp_path / "p.annotator")
    yield app, cli, annotation
    cli.close()
    app.close()


def test_a_poll_reports_only_other_programs_changes(two):
    app, cli, annotation = two
    watch = OutsideWatch(app)
    assert watch.poll() is None
    app.annotations.set_note(annotation.id, "mine")
    assert watch.poll() is None
    made = [cli.annotations.create(annotation.document_id, 7, 10).value.id for _ in range(3)]
    found = watch.poll()
    assert found is not None and found.changes.annotations == set(made)
    assert annotation.document_id in found.changes.documents
    assert watch.poll() is None


def test_a_note_edit_expects_the_note_it_was_typed_over(two):
    app, cli, annotation = two
    app.annotations.set_note(annotation.id, "draft")
    cli.annotations.set_note(annotation.id, "the command line's note")
    edit = cmd.set_annotation_note(app, annotation.id, "draft, longer", expected="draft")
    with pytest.raises(StaleValue) as caught:
        edit.redo()
    assert caught.value.current == "the command line's note"
    assert app.annotations.get(annotation.id).note == "the command line's note"


def test_undoing_a_note_another_program_changed_since_leaves_theirs(two):
    app, cli, annotation = two
    edit = cmd.set_annotation_note(app, annotation.id, "mine")
    edit.redo()
    cli.annotations.set_note(annotation.id, "theirs")
    with pytest.raises(StaleValue):
        edit.undo()
    assert app.annotations.get(annotation.id).note == "theirs"
    cli.annotations.set_note(annotation.id, "mine")
    edit.undo()  # back to what it replaced, now that the note is as it left it
    assert app.annotations.get(annotation.id).note == ""


def test_overlaps_compares_the_records_written():
    assert overlaps(Changes(annotations={1, 2}), Changes(annotations={2}))
    assert overlaps(Changes(tag_tree=True), Changes(tag_tree=True))
    assert not overlaps(Changes(annotations={1}, documents={5}), Changes(annotations={2}))
