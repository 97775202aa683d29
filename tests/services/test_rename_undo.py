"""Renaming a source file is one undoable step: undo renames it back, redo again; a step that
would overwrite or lose track of a file is refused, naming it, and changes nothing."""

from __future__ import annotations

import pytest

from annotator.services.file_commands import RenameFile
from annotator.services.sources import add_paths
from annotator.store.errors import StoreError
from annotator.store.library import Library


@pytest.fixture
def project(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Gas flows east through the new pipeline.\n", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("A single article about ports and tariffs.\n", encoding="utf-8")
    lib = Library.open(tmp_path / "p.annotator")
    add_paths(lib, [texts, single])
    for doc in lib.documents.list():
        lib.annotations.create(doc.id, 0, 5, note=f"on {doc.path}")
    yield lib
    lib.close()


def doc_named(lib: Library, path: str):
    return next(d for d in lib.documents.list() if d.path == path)


def test_undo_renames_a_file_of_a_folder_back_and_redo_again(project, tmp_path):
    texts = tmp_path / "texts"
    a = doc_named(project, "a.txt")
    command = RenameFile(project, a.id, "gas.txt")
    assert command.label == "Rename a.txt to gas.txt"
    command.redo()
    assert sorted(p.name for p in texts.iterdir()) == ["gas.txt"]
    command.undo()
    assert sorted(p.name for p in texts.iterdir()) == ["a.txt"]
    assert project.documents.get(a.id).path == "a.txt"
    assert project.annotations.for_document(a.id)[0].note == "on a.txt"
    command.redo()
    assert project.documents.get(a.id).path == "gas.txt" and (texts / "gas.txt").is_file()


def test_undo_renames_a_single_file_source_back(project, tmp_path):
    single = doc_named(project, "single.txt")
    command = RenameFile(project, single.id, "ports.txt")
    command.redo()
    assert project.sources.get(single.source_id).path == str(tmp_path / "ports.txt")
    command.undo()
    assert project.sources.get(single.source_id).path == str(tmp_path / "single.txt")
    assert (tmp_path / "single.txt").is_file() and not (tmp_path / "ports.txt").exists()
    assert project.documents.get(single.id).annotation_count == 1


def test_undo_is_refused_when_the_old_name_is_taken_meanwhile(project, tmp_path):
    texts = tmp_path / "texts"
    a = doc_named(project, "a.txt")
    command = RenameFile(project, a.id, "gas.txt")
    command.redo()
    (texts / "a.txt").write_text("Another article took the name.\n", encoding="utf-8")
    with pytest.raises(StoreError, match=r"gas.txt cannot be renamed back to a.txt: another file"):
        command.undo()
    assert (texts / "a.txt").read_text(encoding="utf-8") == "Another article took the name.\n"
    assert (texts / "gas.txt").is_file() and project.documents.get(a.id).path == "gas.txt"


def test_undo_is_refused_when_the_file_was_moved_meanwhile(project, tmp_path):
    texts = tmp_path / "texts"
    a = doc_named(project, "a.txt")
    command = RenameFile(project, a.id, "gas.txt")
    command.redo()
    (texts / "gas.txt").rename(tmp_path / "elsewhere.txt")
    with pytest.raises(StoreError, match=r"gas.txt cannot be renamed back to a.txt: gas.txt is no"):
        command.undo()
    assert project.documents.get(a.id).path == "gas.txt"
    assert sorted(p.name for p in texts.iterdir()) == []
