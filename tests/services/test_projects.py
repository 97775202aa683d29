"""Projects as files: new, copied while open (WAL), sources removed with undo, files renamed."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from annotator.services import commands as cmd
from annotator.services.projects import new_project, rename_source_file, source_file
from annotator.services.sources import add_paths
from annotator.store.errors import Conflict, StoreError
from annotator.store.library import Library


@pytest.fixture
def project(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Gas flows east through the new pipeline.\n", encoding="utf-8")
    (texts / "b.txt").write_text("Grain moves by rail across the border.\n", encoding="utf-8")
    single = tmp_path / "single.txt"
    single.write_text("A single article about ports and tariffs.\n", encoding="utf-8")
    lib = Library.open(tmp_path / "p.annotator")
    add_paths(lib, [texts, single])
    energy = lib.tags.create("Energy").value
    for doc in lib.documents.list():
        lib.annotations.create(doc.id, 0, 5, tag_ids=[energy.id], note=f"on {doc.path}")
    yield lib
    lib.close()


def test_new_project_is_empty_or_over_the_seeds(tmp_path):
    empty = new_project(tmp_path / "Study one")
    assert empty.name == "Study one.annotator"
    with Library.open(empty) as lib:
        assert lib.documents.list() == [] and lib.project.name == "Study one"
    seeded = new_project(tmp_path / "seeded.annotator", seeds=True)
    with Library.open(seeded) as lib:
        assert len(lib.documents.list()) == 5
    with pytest.raises(StoreError, match="exists already"):
        new_project(seeded)


def test_a_copy_holds_every_commit_of_an_open_wal_project(project, tmp_path):
    # Still in the write-ahead log, not yet in the main file: a file copy would miss these.
    project.tags.create("Written just now")
    assert (tmp_path / "p.annotator-wal").stat().st_size > 0
    copy = tmp_path / "copy.annotator"
    project.save_copy(copy)
    assert not (tmp_path / "copy.annotator-wal").exists()
    with sqlite3.connect(copy) as db:
        names = {row[0] for row in db.execute("SELECT name FROM tags")}
    assert names == {"Energy", "Written just now"}
    project.save_copy(copy)  # over an older copy: replaced whole
    with pytest.raises(Conflict, match="open project"):
        project.save_copy(tmp_path / "p.annotator")


def test_removing_a_source_is_undone_with_texts_annotations_and_tags(project):
    folder = next(s for s in project.sources.list() if s.kind == "folder")
    before = {d.id: (d.path, project.documents.text(d.id)) for d in project.documents.list()}
    notes = {a.note: a.tag_ids for a in project.annotations.query()}
    command = cmd.RemoveSource(project, folder.id)
    changes = command.redo()
    assert len(changes.documents) == 2 and len(changes.annotations) == 2
    assert [d.path for d in project.documents.list()] == ["single.txt"]
    assert project.annotations.count() == 1
    command.undo()
    after = {d.id: (d.path, project.documents.text(d.id)) for d in project.documents.list()}
    assert after == before
    assert {a.note: a.tag_ids for a in project.annotations.query()} == notes
    assert project.search.documents("rail")  # the text is found by search again


def test_renaming_a_file_keeps_its_document_and_annotations(project, tmp_path):
    doc = project.documents.find(project.sources.find(str(tmp_path / "texts")).id, "a.txt")
    rename_source_file(project, doc, "gas.txt")
    moved = project.documents.get(doc.id)
    assert moved.path == "gas.txt" and (tmp_path / "texts" / "gas.txt").is_file()
    assert not (tmp_path / "texts" / "a.txt").exists()
    assert project.annotations.for_document(doc.id)[0].note == "on a.txt"
    single = next(d for d in project.documents.list() if d.path == "single.txt")
    rename_source_file(project, single, "ports.txt")
    assert source_file(project, project.documents.get(single.id)) == tmp_path / "ports.txt"


def test_renaming_onto_an_existing_file_or_in_a_read_only_folder_is_refused(project, tmp_path):
    folder = project.sources.find(str(tmp_path / "texts"))
    doc = project.documents.find(folder.id, "a.txt")
    with pytest.raises(StoreError, match="b.txt already exists"):
        rename_source_file(project, doc, "b.txt")
    os.chmod(tmp_path / "texts", stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(tmp_path / "texts", os.W_OK):
            pytest.skip("running as root: the folder stays writable")
        with pytest.raises(StoreError, match="read-only"):
            rename_source_file(project, doc, "c.txt")
    finally:
        os.chmod(tmp_path / "texts", stat.S_IRWXU)
    assert project.documents.get(doc.id).path == "a.txt"


def test_the_bundled_sample_articles_are_never_renamed(tmp_path):
    from annotator.bundled import seeds_dir

    with Library.open(new_project(tmp_path / "s", seeds=True)) as lib:
        doc = lib.documents.list()[0]
        with pytest.raises(StoreError, match="sample articles"):
            rename_source_file(lib, doc, "other.txt")
        assert (seeds_dir() / doc.path).is_file()
