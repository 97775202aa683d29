"""REFI-QDA imports against hostile packages: odd names, duplicate GUIDs, full disks, kills."""

from __future__ import annotations

import errno
import uuid
import zipfile
from pathlib import Path, PurePath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.filenames import is_source_path
from annotator.formats.registry import source_format_for, source_suffixes
from annotator.interchange.refiqda_common import RefiError
from annotator.services import import_refiqda
from annotator.services.import_folder import file_name
from annotator.services.importing import import_file
from annotator.services.sources import add_paths, scan
from annotator.store.errors import Conflict
from annotator.store.library import Library

NS = 'xmlns="urn:QDA-XML:project:1.0"'


def import_qdpx(lib, path, folder=None):
    """A .qdpx imported as the app and the CLI import it."""
    return import_file(lib, path, folder=folder)


def import_qdc(lib, path):
    return import_file(lib, path)


def guid(n: int) -> str:
    return str(uuid.UUID(int=n)).upper()


def package(path: Path, sources: list[tuple[str, str, str]], codes: str = "") -> Path:
    """A .qdpx of ``(guid, name, text)`` sources, each with its first word coded by code 1."""
    parts = []
    for key, name, text in sources:
        word = len(text.split()[0])
        parts.append(
            f'<TextSource guid="{key}" name="{name}" plainTextPath="internal://{key}.txt">'
            f'<PlainTextSelection guid="{uuid.uuid4()}" startPosition="0" endPosition="{word}">'
            f'<Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{guid(1)}"/></Coding>'
            "</PlainTextSelection></TextSource>"
        )
    codes = codes or f'<Code guid="{guid(1)}" name="Theme" isCodable="true"/>'
    qde = (
        f'<?xml version="1.0" encoding="utf-8"?><Project name="p" {NS}>'
        f"<CodeBook><Codes>{codes}</Codes></CodeBook>"
        f"<Sources>{''.join(parts)}</Sources></Project>"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", qde)
        for key, _, text in sources:
            archive.writestr(f"sources/{key}.txt", text)
    return path


def left_in(folder: Path) -> list[str]:
    """What is in ``folder`` besides the project and SQLite's files."""
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("project.annotator"))


@pytest.fixture
def fresh(tmp_path: Path):
    (tmp_path / "target").mkdir()
    lib = Library.open(tmp_path / "target" / "project.annotator")
    yield lib
    lib.close()


# File names --------------------------------------------------------------------------------


@given(st.text(max_size=150))
def test_every_written_name_is_read_by_the_scan_and_the_watcher(name):
    written = file_name(name, set())
    assert source_format_for(written) is not None  # what the scan and add read
    assert is_source_path(PurePath(written), source_suffixes())  # what the watcher reports
    assert "/" not in written and "\\" not in written


@given(
    st.lists(st.sampled_from(["#1 Interview", "~draft", ".hidden", "a", "A", "..."]), max_size=8)
)
def test_written_names_are_unique_without_case(names):
    taken: set[str] = set()
    written = [file_name(name, taken) for name in names]
    assert len({w.lower() for w in written}) == len(written)


def test_sources_with_leading_hash_tilde_or_dots_keep_their_annotations(fresh, tmp_path):
    names = ["#1 Interview", "~draft", ".hidden", "...Ellipsis"]
    sources = [(guid(10 + n), name, f"Text{n} of source {name}.\n") for n, name in enumerate(names)]
    report = import_qdpx(fresh, package(tmp_path / "odd.qdpx", sources))
    assert report.documents_added == 4 and report.annotations == 4
    assert sorted(d.title for d in fresh.documents.list()) == sorted(names)
    assert not [p for p in report.problems if "could not be added" in p]
    assert sorted(p.name for p in report.folder.iterdir()) == [
        "1 Interview.txt",
        "Ellipsis.txt",
        "draft.txt",
        "hidden.txt",
    ]
    after = scan(fresh)  # the files are read as the documents they are
    assert (after.new, after.missing, after.refused) == ([], [], [])


def test_a_text_that_cannot_be_added_fails_the_whole_import(fresh, tmp_path, monkeypatch):
    sources = [(guid(10), "First", "First text.\n"), (guid(11), "Second", "Second text.\n")]
    path = package(tmp_path / "p.qdpx", sources)
    real_add = fresh.documents.add

    def refuse_second(source_id, rel, loaded, **kwargs):
        if "Second" in rel:
            raise Conflict(f"{rel} is already in the project")
        return real_add(source_id, rel, loaded, **kwargs)

    monkeypatch.setattr(fresh.documents, "add", refuse_second)
    with pytest.raises(RefiError, match="Second: the text could not be added"):
        import_qdpx(fresh, path)
    assert fresh.documents.list() == [] and fresh.tags.list() == []
    assert left_in(tmp_path / "target") == []


def test_a_missing_document_of_an_earlier_import_does_not_block_a_new_one(fresh, tmp_path):
    first = package(tmp_path / "p.qdpx", [(guid(10), "Report", "Version one.\n")])
    report = import_qdpx(fresh, first)
    for file in report.folder.iterdir():
        file.unlink()
    report.folder.rmdir()
    scan(fresh)  # the document is missing now, its path kept
    second = package(tmp_path / "p.qdpx", [(guid(10), "Report", "Version two.\n")])
    again = import_qdpx(fresh, second)
    assert again.documents_added == 1
    assert sorted(p.name for p in again.folder.iterdir()) == ["Report (2).txt"]


def test_a_full_disk_gives_a_message_and_leaves_nothing(fresh, tmp_path, monkeypatch):
    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha.\n"), (guid(11), "B", "Beta.\n")])
    real_write = Path.write_text
    written = []

    def full_after_one(self, *args, **kwargs):
        if written:
            raise OSError(errno.ENOSPC, "No space left on device")
        written.append(self)
        return real_write(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", full_after_one)
    with pytest.raises(RefiError, match="No space left on device; nothing was imported"):
        import_qdpx(fresh, path)
    assert left_in(tmp_path / "target") == []
    assert fresh.documents.list() == [] and fresh.tags.list() == []


def test_the_cli_import_of_a_full_disk_exits_1_with_a_message(tmp_path, monkeypatch, capsys):
    from annotator.cli.main import main

    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha.\n")])
    monkeypatch.setattr(
        Path, "write_text", lambda *a, **k: (_ for _ in ()).throw(OSError(errno.ENOSPC, "Full"))
    )
    status = main(["--project", str(tmp_path / "x.annotator"), "import", str(path)])
    err = capsys.readouterr().err
    assert status == 1 and "Full; nothing was imported" in err and "Traceback" not in err
    assert not (tmp_path / "p sources").exists()


def test_an_import_killed_half_way_does_not_push_the_next_to_a_numbered_folder(
    fresh, tmp_path, monkeypatch
):
    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha.\n")])
    # A kill -9 runs no clean-up: the written texts stay where they were put.
    monkeypatch.setattr(import_refiqda, "discard", lambda staging: None)

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(fresh.annotations, "insert_raw", killed)
    with pytest.raises(KeyboardInterrupt):
        import_qdpx(fresh, path)
    assert not (tmp_path / "target" / "p sources").exists()  # only a hidden leftover
    monkeypatch.undo()
    report = import_qdpx(fresh, path)
    assert report.folder == tmp_path / "target" / "p sources"
    assert report.documents_added == 1


# Duplicate GUIDs -----------------------------------------------------------------------------


def test_two_codes_with_one_guid_keep_the_first_and_are_reported(fresh, tmp_path):
    codes = (
        f'<Code guid="{guid(1)}" name="First" isCodable="true"/>'
        f'<Code guid="{guid(1)}" name="Second" isCodable="true"/>'
    )
    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha beta.\n")], codes)
    report = import_qdpx(fresh, path)
    assert sorted(t.name for t in fresh.tags.list()) == ["First", "Second"]
    [annotation] = fresh.annotations.query()
    assert [fresh.tags.get(t).name for t in annotation.tag_ids] == ["First"]
    assert any("“First” and “Second” share the GUID" in p for p in report.problems)


def test_two_sources_with_one_guid_are_both_imported_and_reported(fresh, tmp_path):
    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha.\n"), (guid(11), "B", "Beta.\n")])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    # The second source takes the first one's GUID (its text keeps its own file).
    members["project.qde"] = members["project.qde"].replace(
        f'guid="{guid(11)}"'.encode(), f'guid="{guid(10)}"'.encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    report = import_qdpx(fresh, path)
    assert sorted(d.title for d in fresh.documents.list()) == ["A", "B"]
    assert fresh.annotations.count() == 2
    assert any("“A” and “B” share the GUID" in p for p in report.problems)


def test_two_notes_with_one_guid_are_both_kept(fresh, tmp_path):
    path = package(tmp_path / "p.qdpx", [(guid(10), "A", "Alpha.\n")])
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    notes = "".join(
        f'<Note guid="{guid(5)}" name="{name}"><PlainTextContent>{name} text</PlainTextContent>'
        "</Note>"
        for name in ("Memo one", "Memo two")
    )
    members["project.qde"] = members["project.qde"].replace(
        b"</Sources>", f"</Sources><Notes>{notes}</Notes>".encode()
    )
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    report = import_qdpx(fresh, path)
    assert "Memo one text" in fresh.project.note and "Memo two text" in fresh.project.note
    assert any("two notes share the GUID" in p for p in report.problems)


def test_a_package_with_odd_names_imports_into_a_watched_folder(tmp_path):
    # The folder is inside a watched folder: its files belong to that source, read by scans.
    watched = tmp_path / "watched"
    watched.mkdir()
    (watched / "existing.txt").write_text("Existing text.\n", encoding="utf-8")
    library = Library.open(watched / "p.annotator")
    add_paths(library, [watched])
    path = package(tmp_path / "odd.qdpx", [(guid(10), "#1 Interview", "Hello there.\n")])
    report = import_qdpx(library, path)
    assert report.documents_added == 1
    assert sorted(d.path for d in library.documents.list()) == [
        "existing.txt",
        "odd sources/1 Interview.txt",
    ]
    after = scan(library)
    assert (after.new, after.missing) == ([], [])
    library.close()


def test_a_codebook_import_lists_the_tags_once_not_once_per_code(fresh, tmp_path, monkeypatch):
    codes = "".join(
        f'<Code guid="{guid(100 + n)}" name="Code {n}" isCodable="true"/>' for n in range(300)
    )
    path = tmp_path / "book.qdc"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0">'
        f"<Codes>{codes}</Codes></CodeBook>",
        encoding="utf-8",
    )
    calls = []
    real_list = type(fresh.tags).list
    monkeypatch.setattr(type(fresh.tags), "list", lambda self: calls.append(1) or real_list(self))
    report = import_qdc(fresh, path)
    assert report.tags_created == 300
    assert len(calls) <= 2
