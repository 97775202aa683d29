"""Applying settled file events to a project: reload and re-anchor, add, rename, delete, retry."""

import os
from pathlib import Path

import pytest

from annotator.core.models import AnchorStatus, DocStatus
from annotator.services.live import handle_events
from annotator.services.sources import add_paths
from annotator.store.library import Library
from annotator.watch.watcher import SourceEvent


def handle_event(library, event, *, final=False):
    """One file event applied on its own (the app applies them in batches)."""
    return handle_events(library, [(event, final)])[0]


PARAGRAPHS = [
    "The pipeline talks stalled again in the spring.",
    "Officials in Beijing asked for a lower gas price than Moscow offered.",
    "Analysts expect the partnership to stay lopsided for a decade.",
]


@pytest.fixture
def project(tmp_path: Path):
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "article.txt").write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    library = Library.open(tmp_path / "p.annotator")
    add_paths(library, [folder])
    doc = library.documents.list()[0]
    text = library.documents.text(doc.id)
    start = text.index("a lower gas price")
    annotation = library.annotations.create(doc.id, start, start + len("a lower gas price")).value
    yield library, folder, doc, annotation
    library.close()


def event(folder: Path, kind: str, name: str, old: str | None = None) -> SourceEvent:
    return SourceEvent(kind, folder, folder / name, folder / old if old else None)


def test_an_edit_reloads_the_text_and_moves_the_annotation(project):
    library, folder, doc, annotation = project
    edited = "A new opening line.\n\n" + "\n\n".join(PARAGRAPHS)
    (folder / "article.txt").write_text(edited, encoding="utf-8")
    result = handle_event(library, event(folder, "changed", "article.txt"))
    moved = library.annotations.get(annotation.id)
    text = library.documents.text(doc.id)
    assert text[moved.start : moved.end] == "a lower gas price"
    assert moved.start == annotation.start + len("A new opening line.\n\n")
    assert annotation.id in result.changes.annotations
    assert "reloaded" in result.message


def test_unchanged_content_does_nothing(project):
    library, folder, doc, annotation = project
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert not result.changes and not result.message


def test_deleting_the_annotated_paragraph_keeps_an_orphan_with_its_quote(project):
    library, folder, doc, annotation = project
    (folder / "article.txt").write_text(PARAGRAPHS[0] + "\n\n" + PARAGRAPHS[2], encoding="utf-8")
    result = handle_event(library, event(folder, "changed", "article.txt"))
    orphan = library.annotations.get(annotation.id)
    assert orphan.status is AnchorStatus.ORPHAN
    assert orphan.exact == "a lower gas price"
    assert "1 passage orphaned" in result.message


def test_a_deleted_file_is_marked_missing_and_restored_when_it_returns(project):
    library, folder, doc, annotation = project
    content = (folder / "article.txt").read_bytes()
    (folder / "article.txt").unlink()
    result = handle_event(library, event(folder, "deleted", "article.txt"))
    assert library.documents.get(doc.id).status is DocStatus.MISSING
    assert library.annotations.get(annotation.id).exact == "a lower gas price"
    assert "kept" in result.message
    (folder / "article.txt").write_bytes(content)
    handle_event(library, event(folder, "changed", "article.txt"))
    assert library.documents.get(doc.id).status is DocStatus.PRESENT


def test_a_renamed_file_keeps_its_document_and_annotations(project):
    library, folder, doc, annotation = project
    (folder / "article.txt").rename(folder / "renamed.txt")
    result = handle_event(library, event(folder, "moved", "renamed.txt", old="article.txt"))
    assert library.documents.get(doc.id).path == "renamed.txt"
    assert library.annotations.for_document(doc.id)[0].id == annotation.id
    assert len(library.documents.list()) == 1
    assert "renamed" in result.message


def test_a_new_file_is_added(project):
    library, folder, doc, annotation = project
    (folder / "second.md").write_text("# Second article\n\nBody.", encoding="utf-8")
    result = handle_event(library, event(folder, "changed", "second.md"))
    paths = [d.path for d in library.documents.list()]
    assert paths == ["article.txt", "second.md"]
    assert result.document_id is not None


def test_a_utf8_file_cut_mid_character_is_retried_not_loaded(project):
    library, folder, doc, annotation = project
    full = ("Déjà vu: " + "\n\n".join(PARAGRAPHS)).encode("utf-8")
    (folder / "article.txt").write_bytes(full[:2])  # "D" plus half of "é"
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert result.retry
    assert library.documents.text(doc.id) == "\n\n".join(PARAGRAPHS)
    final = handle_event(library, event(folder, "changed", "article.txt"), final=True)
    assert not final.retry
    assert library.documents.get(doc.id).encoding == "windows-1252"


def test_a_binary_file_is_refused_and_the_stored_text_kept(project):
    library, folder, doc, annotation = project
    (folder / "article.txt").write_bytes(b"\x00\x01\x02binary")
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert result.retry
    assert "binary" in result.message
    assert library.documents.text(doc.id) == "\n\n".join(PARAGRAPHS)


def test_a_file_moved_to_another_watched_folder_keeps_its_annotations(project, tmp_path):
    library, folder, doc, annotation = project
    other = tmp_path / "other"
    other.mkdir()
    add_paths(library, [other])
    content = (folder / "article.txt").read_text(encoding="utf-8")
    (folder / "article.txt").unlink()
    handle_event(library, event(folder, "deleted", "article.txt"))
    (other / "moved.txt").write_text(content.replace("stalled", "stopped"), encoding="utf-8")
    result = handle_event(library, event(other, "changed", "moved.txt"))
    moved = library.documents.get(doc.id)
    assert (moved.path, moved.status) == ("moved.txt", DocStatus.PRESENT)
    assert library.sources.get(moved.source_id).path == str(other.resolve())
    assert len(library.documents.list()) == 1
    assert library.annotations.get(annotation.id).exact == "a lower gas price"
    assert "is back as moved.txt" in result.message


def test_a_file_renamed_over_another_documents_file_takes_its_place(project):
    library, folder, doc, annotation = project
    (folder / "draft.txt").write_text("A draft about grain exports and ports.", encoding="utf-8")
    handle_event(library, event(folder, "changed", "draft.txt"))
    draft = library.documents.find(library.documents.get(doc.id).source_id, "draft.txt")
    os.replace(folder / "draft.txt", folder / "article.txt")
    result = handle_event(library, event(folder, "moved", "article.txt", old="draft.txt"))
    renamed = library.documents.get(draft.id)
    replaced = library.documents.get(doc.id)
    assert (renamed.path, renamed.status) == ("article.txt", DocStatus.PRESENT)
    assert replaced.status is DocStatus.MISSING
    assert replaced.path.startswith("article.txt (replaced")
    kept = library.annotations.get(annotation.id)
    assert kept.exact == "a lower gas price" and kept.document_id == doc.id
    assert kept.status is not AnchorStatus.ORPHAN  # not re-anchored onto the draft's text
    assert "replacing it" in result.message


def test_a_utf8_file_cut_mid_character_after_accents_is_retried(project):
    # The first characters decode, so the file reads as UTF-8 with a replaced tail: still
    # a writer at work, not a text to reload.
    library, folder, doc, annotation = project
    full = ("Déjà vu à Zürich: " + "\n\n".join(PARAGRAPHS) + " Ende: ü").encode("utf-8")
    (folder / "article.txt").write_bytes(full[:-1])
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert result.retry
    assert library.documents.text(doc.id) == "\n\n".join(PARAGRAPHS)
    (folder / "article.txt").write_bytes(full)
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert not result.retry and library.documents.text(doc.id).endswith("Ende: ü")


def test_a_reload_with_a_bad_byte_stays_utf8_and_says_so(project):
    library, folder, doc, annotation = project
    text = "Déjà vu.\n\n" + "\n\n".join(PARAGRAPHS)
    data = text.encode("utf-8").replace(b"spring", b"spr\xffng")
    (folder / "article.txt").write_bytes(data)
    result = handle_event(library, event(folder, "changed", "article.txt"))
    assert library.documents.get(doc.id).encoding == "utf-8"
    assert library.documents.text(doc.id).startswith("Déjà vu.")
    assert "1 byte that is not UTF-8 was replaced" in result.message


def test_a_fifo_is_reported_once_not_retried(project, tmp_path, finishes):
    library, folder, doc, annotation = project
    os.mkfifo(folder / "pipe.txt")

    def handle():
        with Library.open(library.path) as other:  # SQLite objects stay on their thread
            result = handle_event(other, event(folder, "changed", "pipe.txt"))
            return result, [d.path for d in other.documents.list()]

    result, paths = finishes(handle)
    assert not result.retry
    assert "not a regular file (a FIFO)" in result.message
    assert paths == ["article.txt"]


def test_events_applied_together_see_each_others_changes(project, tmp_path):
    """A folder synced in one go: a move between folders, new files, one unreadable file."""
    library, folder, doc, annotation = project
    other = tmp_path / "other"
    other.mkdir()
    add_paths(library, [other])
    content = (folder / "article.txt").read_text(encoding="utf-8")
    (folder / "article.txt").unlink()
    (other / "moved.txt").write_text(content.replace("stalled", "stopped"), encoding="utf-8")
    for i in range(3):
        (other / f"new{i}.txt").write_text(f"New article {i} on grain exports.", encoding="utf-8")
    (other / "broken.txt").write_bytes(b"\x00\x01binary")
    events = [
        (event(folder, "deleted", "article.txt"), False),
        (event(other, "changed", "new0.txt"), False),
        (event(other, "changed", "moved.txt"), False),
        (event(other, "changed", "broken.txt"), False),
        (event(other, "changed", "new1.txt"), False),
        (event(other, "changed", "new2.txt"), False),
    ]
    results = handle_events(library, events)
    assert len(results) == 6
    # The deletion earlier in the batch lets the moved file find its document.
    assert library.documents.get(doc.id).path == "moved.txt"
    assert library.annotations.get(annotation.id).document_id == doc.id
    assert "is back as moved.txt" in results[2].message
    assert results[3].retry and "binary" in results[3].message
    assert sorted(d.path for d in library.documents.list()) == [
        "moved.txt",
        "new0.txt",
        "new1.txt",
        "new2.txt",
    ]


def test_an_event_that_fails_is_reported_and_the_others_still_apply(project, monkeypatch):
    library, folder, doc, annotation = project
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(f"Article {name} about ports and railways.", encoding="utf-8")
    original = library.documents.add

    def add(source_id, path, loaded, **kwargs):
        if path == "a.txt":
            raise OSError("disk unplugged")
        return original(source_id, path, loaded, **kwargs)

    monkeypatch.setattr(library.documents, "add", add)
    results = handle_events(
        library,
        [(event(folder, "changed", "a.txt"), False), (event(folder, "changed", "b.txt"), False)],
    )
    assert "disk unplugged" in results[0].error and "a.txt" in results[0].error
    assert results[1].message == "added b.txt"
    assert sorted(d.path for d in library.documents.list()) == ["article.txt", "b.txt"]


def test_files_that_arrive_are_searchable_at_once_and_indexed_later(project):
    # A flood of dropped files must not wait for the full-text index: their texts are queued,
    # searches find them meanwhile, and the window indexes them once idle.
    library, folder, doc, annotation = project
    for i in range(3):
        (folder / f"new{i}.txt").write_text(f"Report {i} on the Arctic sea route.", "utf-8")
    handle_events(library, [(event(folder, "created", f"new{i}.txt"), False) for i in range(3)])
    assert library.search.pending() == 3
    hits = {library.documents.get(h.document_id).path for h in library.search.documents("Arctic")}
    assert hits == {"new0.txt", "new1.txt", "new2.txt"}
    library.search.index_pending()
    assert library.search.pending() == 0
    hits = {library.documents.get(h.document_id).path for h in library.search.documents("Arctic")}
    assert hits == {"new0.txt", "new1.txt", "new2.txt"}
