"""Documents: add, list with counts, resolve by name, change, delete; document full-text search."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from annotator.core.models import AnchorStatus, DocStatus
from annotator.core.textload import decode_bytes
from annotator.store.errors import Conflict, NotFound


def test_add_and_read_back(lib, add_doc, tmp_path):
    text = "Gas Deals in the East\n\nThe pipeline opened in 2019. Prices rose."
    doc = add_doc(lib, "east/gas.txt", text)
    assert doc.title == "Gas Deals in the East"
    assert doc.path == "east/gas.txt"
    assert doc.status is DocStatus.PRESENT
    assert doc.char_count == len(text) and doc.word_count == len(text.split())
    assert doc.encoding == "utf-8"
    assert lib.documents.text(doc.id) == text
    assert lib.documents.get(doc.id) == doc
    assert (
        Path(lib.sources.get(doc.source_id).path) / doc.path
        == tmp_path / "sources" / "east" / "gas.txt"
    )


def test_adding_the_same_path_twice_is_a_conflict(lib, add_doc):
    add_doc(lib, "a.txt", "one")
    with pytest.raises(Conflict, match="already"):
        add_doc(lib, "a.txt", "two")
    assert len(lib.documents.list()) == 1


def test_list_orders_by_path_and_counts_annotations(lib, add_doc):
    b = add_doc(lib, "b.txt", "Bravo text here and more words.")
    a = add_doc(lib, "a.txt", "Alpha text here and more words.")
    lib.annotations.create(b.id, 0, 5)
    second = lib.annotations.create(b.id, 6, 10).value
    lib.annotations.replace_all([replace(second, status=AnchorStatus.ORPHAN, reviewed=False)])
    listed = lib.documents.list()
    assert [d.path for d in listed] == ["a.txt", "b.txt"]
    counts = {d.id: (d.annotation_count, d.orphan_count) for d in listed}
    assert counts == {a.id: (0, 0), b.id: (2, 1)}


def test_resolve_by_id_path_file_name_and_title(lib, add_doc):
    one = add_doc(lib, "2024/pipeline.txt", "Power of Siberia Revisited\n\ntext")
    two = add_doc(lib, "2024/arms.txt", "Arms Sales and Energy\n\ntext")
    assert lib.documents.resolve(str(one.id)) == one
    assert lib.documents.resolve("2024/arms.txt") == two
    assert lib.documents.resolve("pipeline.txt") == one
    assert lib.documents.resolve("Arms Sales and Energy") == two
    assert lib.documents.resolve("siberia") == one  # a unique part of the title


def test_resolve_reports_ambiguity_and_absence(lib, add_doc):
    add_doc(lib, "a.txt", "Energy security in Asia\n")
    add_doc(lib, "b.txt", "Energy markets in Europe\n")
    with pytest.raises(NotFound, match="matches 2 documents"):
        lib.documents.resolve("energy")
    with pytest.raises(NotFound, match="no document"):
        lib.documents.resolve("nothing like this")
    with pytest.raises(NotFound):
        lib.documents.get(999)


def test_title_note_status_and_relocate(lib, add_doc):
    doc = add_doc(lib, "a.txt", "Title\n\nBody")
    other = add_doc(lib, "b.txt", "Other")
    lib.documents.set_title(doc.id, "  A   better  title ")
    lib.documents.set_note(doc.id, "Read twice.")
    lib.documents.set_status(doc.id, DocStatus.MISSING)
    changed = lib.documents.get(doc.id)
    assert (changed.title, changed.note, changed.status) == (
        "A better title",
        "Read twice.",
        DocStatus.MISSING,
    )
    with pytest.raises(ValueError):
        lib.documents.set_title(doc.id, "   ")
    with pytest.raises(Conflict):
        lib.documents.relocate(doc.id, doc.source_id, "b.txt")
    lib.documents.relocate(doc.id, doc.source_id, "renamed.txt")
    assert lib.documents.get(doc.id).path == "renamed.txt"
    assert lib.documents.get(other.id).path == "b.txt"
    with pytest.raises(NotFound):
        lib.documents.set_note(12345, "x")


def test_a_file_renamed_and_edited_is_moved_with_its_new_text_or_not_at_all(lib, add_doc):
    doc = add_doc(lib, "a.txt", "short text")
    add_doc(lib, "b.txt", "Other")
    loaded = decode_bytes(b"the text as edited")
    with pytest.raises(Conflict):
        lib.documents.replace_text(doc.id, loaded, (doc.source_id, "b.txt"))
    assert (lib.documents.get(doc.id).path, lib.documents.text(doc.id)) == ("a.txt", "short text")
    lib.documents.replace_text(doc.id, loaded, (doc.source_id, "moved/a.txt"))
    after = lib.documents.get(doc.id)
    assert (after.path, after.content_hash) == ("moved/a.txt", loaded.content_hash)
    assert lib.documents.text(doc.id) == "the text as edited"


def test_replace_text_updates_counts_and_hash(lib, add_doc):
    doc = add_doc(lib, "a.txt", "short text")
    loaded = decode_bytes("a much longer text than before".encode("utf-16"))
    lib.documents.replace_text(doc.id, loaded)
    after = lib.documents.get(doc.id)
    assert lib.documents.text(doc.id) == "a much longer text than before"
    assert after.content_hash == loaded.content_hash != doc.content_hash
    assert (after.word_count, after.char_count, after.encoding) == (6, 30, "utf-16")
    assert lib.documents.find_by_hash(loaded.content_hash) == [after]


def test_delete_removes_the_document_with_its_annotations(lib, add_doc):
    doc = add_doc(lib, "a.txt", "Alpha beta gamma")
    keep = add_doc(lib, "b.txt", "Delta epsilon")
    tag = lib.tags.create("T").value
    lib.annotations.create(doc.id, 0, 5, tag_ids=[tag.id])
    kept = lib.annotations.create(keep.id, 0, 5, tag_ids=[tag.id]).value
    changes = lib.documents.delete(doc.id).changes
    assert doc.id in changes.documents
    assert [a.id for a in lib.annotations.query()] == [kept.id]
    assert lib.tags.get(tag.id).count == 1
    with pytest.raises(NotFound):
        lib.documents.delete(doc.id)


def test_document_search_finds_prefixes_and_all_words(lib, add_doc):
    gas = add_doc(lib, "gas.txt", "Pipelines\n\nThe Power of Siberia pipeline carries gas.")
    arms = add_doc(lib, "arms.txt", "Arms\n\nSukhoi fighters and S-400 systems were sold.")
    lib.documents.set_note(arms.id, "about weapons exports")
    assert [h.document_id for h in lib.search.documents("pipel")] == [gas.id]
    assert [h.document_id for h in lib.search.documents("weapon")] == [arms.id]
    assert lib.search.documents("siberia fighters") == []
    hit = lib.search.documents("siberia")[0]
    assert "[Siberia]" in hit.snippet and hit.title == "Pipelines"
    assert lib.search.documents("   ") == []
    assert lib.search.documents('"quoted" (odd) * chars:') == []  # no FTS syntax error


def test_search_sees_text_replaced_by_a_reload(lib, add_doc):
    doc = add_doc(lib, "a.txt", "Title\n\nold words only")
    lib.documents.replace_text(doc.id, decode_bytes(b"Title\n\nentirely fresh vocabulary"))
    assert lib.search.documents("old") == []
    assert [h.document_id for h in lib.search.documents("vocab")] == [doc.id]


def test_a_failed_nested_write_is_undone_alone(lib, add_doc):
    # A scan writes many files in one transaction, each in a savepoint of its own: one that
    # fails leaves the others, before and after it, in place.
    doc = add_doc(lib, "a.txt", "Alpha")
    with lib.atomic():
        lib.documents.set_note(doc.id, "first")
        with pytest.raises(Conflict), lib.atomic():
            lib.documents.set_title(doc.id, "Changed meanwhile")
            raise Conflict("a file added meanwhile")
        with lib.atomic(), lib.atomic():
            lib.documents.set_status(doc.id, DocStatus.MISSING)
    after = lib.documents.get(doc.id)
    assert (after.note, after.title, after.status) == ("first", "Alpha", DocStatus.MISSING)
