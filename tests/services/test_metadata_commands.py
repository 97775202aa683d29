"""Editing a document's metadata is undoable, checked before it is done, and one step a dialog."""

from __future__ import annotations

from dataclasses import replace

import pytest
from test_commands import UndoStack

from annotator.core.content import SourceContent, SourceMetadata
from annotator.services import commands as cmd
from annotator.store.library import Library


@pytest.fixture
def doc(tmp_path):
    with Library.open(tmp_path / "p.annotator") as lib:
        source = lib.sources.add(tmp_path, "folder").value
        content = SourceContent.of(
            "A title\n\nSome text.\n",
            "utf-8",
            metadata=SourceMetadata(title="A title", outlet="The file's outlet"),
            format="text",
        )
        yield lib, lib.documents.add(source.id, "a.txt", content).value


def test_a_field_edit_undoes_to_the_files_value_and_hands_the_field_back(doc) -> None:
    lib, document = doc
    stack = UndoStack()
    stack.push(cmd.set_document_field(lib, document.id, "outlet", "Foreign Affairs"))
    edited = lib.documents.get(document.id)
    assert edited.outlet == "Foreign Affairs" and edited.user_fields == {"outlet"}
    stack.undo()
    back = lib.documents.get(document.id)
    assert back.outlet == "The file's outlet" and back.user_fields == frozenset()
    stack.redo()
    assert lib.documents.get(document.id).outlet == "Foreign Affairs"


def test_several_fields_are_one_step_and_a_bad_one_changes_nothing(doc) -> None:
    lib, document = doc
    with pytest.raises(ValueError, match="not a date"):
        cmd.set_document_metadata(
            lib, document.id, {"authors": ["Luna Pham"], "published": "2024-02-30"}
        )
    assert lib.documents.get(document.id) == document
    stack = UndoStack()
    edit = cmd.set_document_metadata(
        lib,
        document.id,
        {
            "title": "A title",  # unchanged: stays the file's
            "authors": ["Luna Pham", "Ivan Petrov"],
            "published": "2024-02-29",
            "url": "https://example.org/a",
        },
    )
    changes = stack.push(edit)
    assert changes.documents == {document.id}
    edited = lib.documents.get(document.id)
    assert edited.authors == ("Luna Pham", "Ivan Petrov") and edited.published == "2024-02-29"
    assert edited.user_fields == {"authors", "published", "url"}
    stack.undo()
    # Undone, every field is back; "modified" records the undo itself (a second may have passed).
    assert replace(lib.documents.get(document.id), modified=document.modified) == document
