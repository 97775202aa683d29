"""A project file deleted, replaced, read-only or damaged: never recreated, never a traceback."""

from __future__ import annotations

import os
import random
import shutil

import pytest
from sqlite_utils import Database

from annotator.store.database import open_database
from annotator.store.errors import (
    ProjectCorrupt,
    ProjectMissing,
    ProjectReadOnly,
    StoreError,
)
from annotator.store.library import Library
from annotator.store.migrations import migrations


def remove_project(path) -> None:
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(f"{path}{suffix}"):
            os.unlink(f"{path}{suffix}")


def test_a_project_deleted_while_open_is_not_recreated(tmp_path, add_doc):
    path = tmp_path / "p.annotator"
    lib = Library.open(path)
    doc = add_doc(lib, "a.txt", "Alpha beta gamma delta.")
    tag = lib.tags.create("Energy").value
    remove_project(path)  # rm p.annotator* while the app has it open
    with pytest.raises(ProjectMissing, match="was deleted or replaced while open"):
        lib.annotations.create(doc.id, 0, 5, tag_ids=[tag.id])
    with pytest.raises(ProjectMissing):
        lib.tags.create("Other")
    assert not path.exists()  # no empty project in its place
    # What was saved can still be read, to export it.
    assert [t.name for t in lib.tags.list()] == ["Energy"]
    lib.close()
    assert not path.exists()


def test_a_project_replaced_while_open_is_not_written_into(tmp_path):
    path = tmp_path / "p.annotator"
    with Library.open(tmp_path / "other.annotator") as other:
        other.tags.create("Theirs")
    lib = Library.open(path)
    lib.tags.create("Mine")
    remove_project(path)
    shutil.copy(tmp_path / "other.annotator", path)  # another project put in its place
    with pytest.raises(ProjectMissing, match="deleted or replaced"):
        lib.tags.create("After")
    lib.close()
    with Library.open(path) as replaced:
        assert [t.name for t in replaced.tags.list()] == ["Theirs"]


def test_the_wal_recovery_never_creates_a_missing_project(tmp_path):
    # The reconnect after another program deleted the WAL opens the path again: SQLite would
    # create an empty database there if the project itself were gone.
    path = tmp_path / "p.annotator"
    lib = Library.open(path)
    lib.tags.create("Before")
    lib._file_id = None  # pretend the identity check passed, to reach the reconnect itself
    remove_project(path)
    with pytest.raises(StoreError):
        lib._reconnect_if_wal_gone()
    assert not path.exists()
    lib.close()


def test_opening_for_writing_only_never_creates(tmp_path):
    path = tmp_path / "gone.annotator"
    with pytest.raises(StoreError, match="cannot be opened"):
        open_database(path, mode="rw")
    assert not path.exists()


# Read-only -------------------------------------------------------------------------------------


@pytest.fixture
def saved(tmp_path, add_doc):
    path = tmp_path / "p.annotator"
    with Library.open(path) as lib:
        doc = add_doc(lib, "a.txt", "Alpha beta gamma delta.")
        tag = lib.tags.create("Energy").value
        lib.annotations.create(doc.id, 6, 10, tag_ids=[tag.id], note="n")
    return path


def test_a_read_only_project_reads_and_refuses_every_write_with_the_reason(saved):
    before = saved.read_bytes()
    with Library.open(saved, read_only=True) as lib:
        assert lib.read_only
        [annotation] = lib.annotations.query()
        assert annotation.exact == "beta" and annotation.note == "n"
        assert [t.name for t in lib.tags.list()] == ["Energy"]
        writes = (
            lambda: lib.tags.create("Other").value,
            lambda: lib.annotations.set_note(annotation.id, "changed").changes,
            lambda: lib.project.set_note("typed").changes,
            lambda: lib.documents.set_note(annotation.document_id, "x").changes,
        )
        for write in writes:
            with pytest.raises(ProjectReadOnly, match=r"p.annotator is read-only \(opened "):
                write()
        assert lib.annotations.get(annotation.id).note == "n"
    assert saved.read_bytes() == before


def test_a_project_whose_folder_cannot_be_written_opens_read_only(saved, monkeypatch):
    # Tests run as root, which may write anywhere: the check itself is what is tested here.
    real_access = os.access
    folder = str(saved.parent)

    def no_writes_in_folder(path, mode, **kwargs):
        if mode & os.W_OK and os.fspath(path) == folder:
            return False
        return real_access(path, mode, **kwargs)

    monkeypatch.setattr(os, "access", no_writes_in_folder)
    with Library.open(saved) as lib:
        assert lib.read_only_reason == "its folder is read-only"
        with pytest.raises(ProjectReadOnly, match=r"\(its folder is read-only\); changes cannot"):
            lib.tags.create("Other")
        assert lib.annotations.count() == 1


def test_a_read_only_file_opens_read_only(saved, monkeypatch):
    real_access = os.access
    monkeypatch.setattr(
        os,
        "access",
        lambda path, mode, **kw: (
            False
            if mode & os.W_OK and os.fspath(path) == str(saved)
            else real_access(path, mode, **kw)
        ),
    )
    with Library.open(saved) as lib:
        assert lib.read_only_reason == "the file is read-only"


def test_media_where_sqlite_cannot_keep_its_index_are_read_as_immutable(saved):
    db = open_database(saved, mode="immutable")
    assert db.execute("SELECT count(*) FROM annotations").fetchone()[0] == 1
    db.close()


def test_a_read_only_project_of_an_older_version_is_refused_clearly(tmp_path):
    path = tmp_path / "old.annotator"
    db = Database(path)
    migrations.apply(db, stop_before="m002_indexes_and_search")
    db.close()
    with pytest.raises(ProjectReadOnly, match="older version"):
        Library.open(path, read_only=True)


# Damaged files -------------------------------------------------------------------------------


def damaged_copy(path, marker: bytes, seed: int = 15):
    """``path`` with the page that holds ``marker`` overwritten by random bytes."""
    data = bytearray(path.read_bytes())
    page = data.index(marker) // 4096
    data[page * 4096 : (page + 1) * 4096] = random.Random(seed).randbytes(4096)
    damaged = path.with_name("damaged.annotator")
    damaged.write_bytes(bytes(data))
    return damaged


def test_reads_of_a_damaged_page_say_damaged_not_a_traceback(tmp_path, add_doc):
    path = tmp_path / "p.annotator"
    with Library.open(path) as lib:
        for n in range(30):
            add_doc(lib, f"doc{n}.txt", f"Document {n} MARKER{n:02d} " + "filler text " * 400)
    damaged = damaged_copy(path, b"MARKER15")
    with Library.open(damaged) as lib:
        with pytest.raises(ProjectCorrupt, match="damaged.annotator is damaged"):
            for doc in lib.documents.list():
                lib.documents.text(doc.id)
