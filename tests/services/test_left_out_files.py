"""One document of a watched folder removed on its own: undo brings back every row, and the
scan, the watcher, adding the folder and the command line leave its file out until it is added
by name."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.cli.main import main
from annotator.services import commands as cmd
from annotator.services.file_commands import RemoveDocument
from annotator.services.live import handle_events
from annotator.services.sources import add_paths, scan
from annotator.store.errors import Conflict
from annotator.store.library import Library
from annotator.watch.watcher import SourceEvent

TABLES = ("documents", "annotations", "annotation_tags", "annotation_previous")


@pytest.fixture
def project(tmp_path):
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Gas flows east through the new pipeline.\n", encoding="utf-8")
    (texts / "b.txt").write_text("Grain moves by rail across the border.\n", encoding="utf-8")
    lib = Library.open(tmp_path / "p.annotator")
    add_paths(lib, [texts])
    energy = lib.tags.create("Energy").value
    trade = lib.tags.create("Trade").value
    for doc in lib.documents.list():
        lib.annotations.create(doc.id, 0, 5, tag_ids=[energy.id, trade.id], note=f"on {doc.path}")
    a = document(lib, "a.txt")
    lib.documents.set_note(a.id, "read twice")
    first = lib.annotations.for_document(a.id)[0]
    lib.annotations.set_previous_wording({first.id: "Gas flowed"})
    yield lib
    lib.close()


def document(lib: Library, path: str):
    return next(d for d in lib.documents.list() if d.path == path)


def rows(lib: Library) -> dict[str, list[tuple]]:
    """Every row of the tables a document's removal touches, as stored."""
    assert lib.path is not None
    with sqlite3.connect(lib.path) as db:
        return {t: sorted(db.execute(f"SELECT * FROM {t}").fetchall()) for t in TABLES}


def remove(lib: Library, path: str) -> RemoveDocument:
    command = RemoveDocument(lib, document(lib, path).id)
    command.redo()
    return command


def folder_of(lib: Library) -> Path:
    return Path(lib.sources.list()[0].path)


def test_removing_one_document_keeps_the_folder_and_undo_restores_every_row(project):
    before = rows(project)
    a = document(project, "a.txt")
    command = RemoveDocument(project, a.id)
    changes = command.redo()
    assert a.id in changes.documents and len(changes.annotations) == 1
    assert [d.path for d in project.documents.list()] == ["b.txt"]
    assert [s.kind for s in project.sources.list()] == ["folder"]  # still watched
    assert (folder_of(project) / "a.txt").is_file()  # the file on disk is not touched
    assert project.excluded.all() == {(a.source_id, "a.txt")}
    command.undo()
    assert rows(project) == before  # ids, text, note, tags, earlier wording: all as they were
    assert project.excluded.all() == set()
    assert project.search.documents("pipeline")  # found by search again
    command.redo()  # Redo takes it out again
    assert [d.path for d in project.documents.list()] == ["b.txt"]
    assert project.excluded.all() == {(a.source_id, "a.txt")}


def test_a_scan_leaves_the_removed_file_out(project):
    remove(project, "a.txt")
    (folder_of(project) / "a.txt").write_text("Gas flows west now.\n", encoding="utf-8")
    report = scan(project)
    assert report.new == [] and report.renamed == []
    assert [d.path for d in project.documents.list()] == ["b.txt"]
    (folder_of(project) / "c.txt").write_text("A new article.\n", encoding="utf-8")
    assert [d.path for d in scan(project).new] == ["c.txt"]  # the rest of the folder is watched


def test_the_watcher_leaves_the_removed_file_out_when_edited_or_written_again(project):
    remove(project, "a.txt")
    folder = folder_of(project)
    file = folder / "a.txt"
    file.write_text("Gas flows east, an edit.\n", encoding="utf-8")
    edited = handle_events(project, [(SourceEvent("changed", folder, file), True)])
    file.unlink()
    deleted = SourceEvent("deleted", folder, file)
    file.write_text("Gas flows east, written again.\n", encoding="utf-8")
    again = handle_events(project, [(deleted, True), (SourceEvent("created", folder, file), True)])
    saved = SourceEvent("moved", folder, file, folder / ".goutputstream-X1")  # an editor's save
    by_rename = handle_events(project, [(saved, True)])
    assert [r.message for r in edited + again + by_rename] == [""] * 4
    assert [d.path for d in project.documents.list()] == ["b.txt"]


def test_adding_the_file_by_name_lifts_the_exclusion_and_the_folder_again_does_not(project):
    removed = remove(project, "a.txt")
    folder = folder_of(project)
    report = add_paths(project, [folder])
    assert report.added == [] and report.left_out == ["a.txt"] and report.already == ["b.txt"]
    report = add_paths(project, [folder / "a.txt"])
    assert [d.path for d in report.added] == ["a.txt"]
    back = document(project, "a.txt")
    assert back.source_id == project.sources.list()[0].id  # the folder's again, not a new source
    assert len(project.sources.list()) == 1 and project.excluded.all() == set()
    assert scan(project).new == []
    with pytest.raises(Conflict, match="a.txt was added to texts again meanwhile"):
        removed.undo()


def test_a_file_of_a_folder_added_by_name_is_already_there(project):
    report = add_paths(project, [folder_of(project) / "b.txt"])
    assert report.added == [] and report.already == ["b.txt"]
    assert len(project.sources.list()) == 1


def test_removing_and_restoring_the_whole_folder_keeps_what_was_left_out(project):
    remove(project, "a.txt")
    folder = cmd.RemoveSource(project, project.sources.list()[0].id)
    folder.redo()
    assert project.excluded.all() == set()
    folder.undo()
    assert project.excluded.all() == {(project.sources.list()[0].id, "a.txt")}
    assert scan(project).new == []


def test_a_file_that_is_a_source_of_its_own_is_removed_as_a_source(project, tmp_path):
    single = tmp_path / "single.txt"
    single.write_text("Ports and tariffs.\n", encoding="utf-8")
    add_paths(project, [single])
    with pytest.raises(Conflict, match="a source of its own"):
        RemoveDocument(project, document(project, "single.txt").id).redo()


def test_annotator_scan_and_add_on_the_command_line(project, capsys):
    remove(project, "a.txt")
    assert project.path is not None
    folder = folder_of(project)
    (folder / "a.txt").write_text("Gas flows east, edited while closed.\n", encoding="utf-8")
    assert main(["--project", str(project.path), "scan"]) == 0
    assert "a.txt" not in capsys.readouterr().out
    assert main(["--project", str(project.path), "add", str(folder)]) == 0
    assert "left out a.txt (removed from the project" in capsys.readouterr().out
    assert [d.path for d in project.documents.list()] == ["b.txt"]
    assert main(["--project", str(project.path), "add", str(folder / "a.txt")]) == 0
    assert "added    a.txt" in capsys.readouterr().out
    assert main(["--project", str(project.path), "add", str(folder)]) == 0
    assert "left out" not in capsys.readouterr().out  # nothing is left out any more
    assert sorted(d.path for d in project.documents.list()) == ["a.txt", "b.txt"]
