"""Opening project files: pragmas, schema upgrades, and readable errors for bad or locked files."""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest
from sqlite_utils import Database

from annotator.core.models import ExcerptFilter
from annotator.store.errors import ProjectCorrupt, ProjectLocked, StoreError
from annotator.store.library import Library
from annotator.store.migrations import migrations
from annotator.store.search import write_pending_index


def test_a_new_project_file_uses_wal_and_foreign_keys(tmp_path):
    path = tmp_path / "new.annotator"
    with Library.open(path) as lib:
        assert lib.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert lib.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        # A row pointing nowhere is refused.
        with pytest.raises(StoreError):
            with lib.atomic() as db:
                db.execute(
                    "INSERT INTO documents (source_id, path, text, status) VALUES (99, 'x', '', "
                    "'present')"
                )
    assert path.is_file()


def test_a_project_keeps_its_contents_across_close_and_open(tmp_path, add_doc):
    path = tmp_path / "p.annotator"
    with Library.open(path) as lib:
        doc = add_doc(lib, "a.txt", "Alpha beta gamma delta.")
        tag = lib.tags.create("Energy").value
        lib.annotations.create(doc.id, 6, 10, tag_ids=[tag.id], note="n")
        lib.project.set_note("project note")
    # Closing folds the WAL back into the one file.
    assert not (tmp_path / "p.annotator-wal").exists() or (
        (tmp_path / "p.annotator-wal").stat().st_size == 0
    )
    with Library.open(path) as lib:
        [annotation] = lib.annotations.query()
        assert annotation.exact == "beta"
        assert annotation.tag_ids == (tag.id,)
        assert lib.project.note == "project note"


def test_in_memory_project():
    with Library.open(None) as lib:
        assert lib.path is None
        assert lib.tags.create("A").value.name == "A"


def test_an_older_schema_is_upgraded_with_its_data(tmp_path):
    path = tmp_path / "old.annotator"
    db = Database(path)
    migrations.apply(db, stop_before="m002_indexes_and_search")
    assert "annotations_fts" not in db.table_names()
    db["sources"].insert({"id": 1, "path": str(tmp_path), "kind": "folder", "added": "2024"})
    db["documents"].insert(
        {
            "id": 1,
            "source_id": 1,
            "path": "old.txt",
            "title": "Pipeline politics",
            "text": "The Power of Siberia pipeline carries gas east.",
            "content_hash": "h",
            "status": "present",
            "encoding": "utf-8",
            "created": "2024-01-01T00:00:00+00:00",
            "modified": "2024-01-01T00:00:00+00:00",
            "read_at": "2024-01-01T00:00:00+00:00",
        }
    )
    db["tags"].insert({"id": 1, "name": "Gas", "color": "#112233", "position": 0})
    db["annotations"].insert(
        {
            "id": 7,
            "document_id": 1,
            "start": 4,
            "end": 19,
            "exact": "Power of Siberia",
            "note": "legacy note about turbines",
            "created": "2024-01-02T10:00:00+00:00",
            "modified": "2024-01-02T10:00:00+00:00",
            "status": "exact",
        }
    )
    db["annotation_tags"].insert({"annotation_id": 7, "tag_id": 1})
    db.close()

    with Library.open(path) as lib:
        columns = {c.name for c in lib.db["annotations"].columns}
        assert "reviewed" in columns
        found = lib.annotations.query(ExcerptFilter(search="turbin"))
        assert [a.id for a in found] == [7]
        assert found[0].reviewed is True
        assert found[0].tag_ids == (1,)
        assert found[0].exact == "Power of Siberia"
        assert [hit.document_id for hit in lib.search.documents("siberia")] == [1]
        assert lib.search.tags("gas") == [1]
        assert lib.documents.get(1).title == "Pipeline politics"
        # The upgraded file works like a new one.
        lib.annotations.create(1, 0, 3)
        assert lib.annotations.count() == 2


def test_a_file_that_is_not_sqlite_is_refused(tmp_path):
    path = tmp_path / "notes.annotator"
    path.write_text("These are my notes, not a database.\n" * 10)
    with pytest.raises(ProjectCorrupt, match="not an Annotator project"):
        Library.open(path)
    assert path.read_text().startswith("These are my notes")  # untouched


def test_an_sqlite_file_of_another_app_is_refused(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Ada')")
    conn.commit()
    conn.close()
    with pytest.raises(ProjectCorrupt, match="not an Annotator project"):
        Library.open(path)
    conn = sqlite3.connect(path)
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"contacts"}  # no tables of ours added to someone else's file


def test_a_damaged_file_is_reported_as_corrupt(tmp_path, add_doc):
    path = tmp_path / "damaged.annotator"
    with Library.open(path) as lib:
        add_doc(lib, "a.txt", "Some text " * 2000)
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wipe the schema page after the header
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectCorrupt):
        Library.open(path)


def test_a_folder_or_a_missing_folder_is_refused(tmp_path):
    with pytest.raises(StoreError, match="folder"):
        Library.open(tmp_path)
    with pytest.raises(StoreError, match="does not exist"):
        Library.open(tmp_path / "missing" / "p.annotator")


def _hold_lock(path, seconds: float, started: threading.Event) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    started.set()
    time.sleep(seconds)
    conn.execute("ROLLBACK")
    conn.close()


def test_a_locked_project_gives_a_readable_error_and_writes_nothing(tmp_path, add_doc):
    path = tmp_path / "p.annotator"
    lib = Library.open(path, busy_timeout_ms=100)
    doc = add_doc(lib, "a.txt", "Alpha beta gamma delta.")
    tag = lib.tags.create("Energy").value
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(ProjectLocked, match="locked by another program"):
            lib.annotations.create(doc.id, 0, 5, tag_ids=[tag.id])
        with pytest.raises(ProjectLocked):
            lib.tags.create("Other")
        with pytest.raises(ProjectLocked):
            lib.project.set_note("typed while locked")
        # Reading still works while another program writes.
        assert lib.tags.get(tag.id).name == "Energy"
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert lib.annotations.count() == 0
    assert [t.name for t in lib.tags.list()] == ["Energy"]
    assert lib.project.note == ""
    # Once the other program lets go, writing works again.
    lib.annotations.create(doc.id, 0, 5, tag_ids=[tag.id])
    assert lib.annotations.count() == 1
    lib.close()


def test_a_brief_lock_by_another_program_is_waited_out(tmp_path):
    path = tmp_path / "p.annotator"
    lib = Library.open(path, busy_timeout_ms=5000)
    tag = lib.tags.create("Energy").value
    started = threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(path, 0.2, started))
    holder.start()
    started.wait(5)
    try:
        lib.tags.rename(tag.id, "Power")  # reads, then writes: must wait, not fail
    finally:
        holder.join()
    assert lib.tags.get(tag.id).name == "Power"
    lib.close()


def test_documents_are_rebuilt_with_their_text_last_and_keep_index_and_log(tmp_path):
    path = tmp_path / "before-m010.annotator"
    db = Database(path)
    migrations.apply(db, stop_before="m010_document_text_last")
    db["sources"].insert({"id": 1, "path": str(tmp_path), "kind": "folder", "added": "2024"})
    with db.atomic():
        db["documents"].insert(
            {
                "id": 1,
                "source_id": 1,
                "path": "old.txt",
                "title": "Pipeline politics",
                "text": "The Power of Siberia pipeline carries gas east.",
                "status": "present",
            }
        )
    with db.atomic():
        write_pending_index(db)  # as Library.atomic does before it commits
    db["annotations"].insert(
        {"id": 3, "document_id": 1, "start": 4, "end": 20, "exact": "Power of Siberia"}
    )
    db.close()

    with Library.open(path) as lib:
        assert list(lib.db["documents"].columns_dict)[-1] == "text"
        assert [hit.document_id for hit in lib.search.documents("siberia")] == [1]
        assert lib.annotations.get(3).document_id == 1
        start = lib.log.last()
        lib.documents.set_note(1, "turbines from Germany")
        assert [hit.document_id for hit in lib.search.documents("turbines")] == [1]
        assert lib.log.last() > start  # the change log still hears of document writes
        assert lib.documents.text(1) == "The Power of Siberia pipeline carries gas east."
