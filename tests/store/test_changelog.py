"""Another program's writes: the change log says what it changed; notes are not overwritten."""

from __future__ import annotations

import pytest

from annotator.core.models import DocStatus
from annotator.store.errors import StaleValue
from annotator.store.library import Library


@pytest.fixture
def other(lib):
    """A second connection to the same file, as the command line opens it."""
    second = Library.open(lib.path)
    yield second
    second.close()


def test_another_programs_writes_are_reported_with_what_they_touched(lib, other, add_doc):
    doc = add_doc(lib, "a.txt", "Moscow and Beijing signed a gas agreement after years of talks.")
    tag = lib.tags.create("Energy").value
    start = lib.log.last()
    version = lib.data_version()

    first = other.annotations.create(doc.id, 0, 6, tag_ids=[tag.id]).value
    other.annotations.set_note(first.id, "check the date")
    other.tags.create("Trade")
    other.documents.set_note(doc.id, "from the archive")
    other.project.set_note("plans")

    assert lib.data_version() != version
    found, seen = lib.log.since(start)
    assert seen == other.log.last() > start
    assert found.complete
    assert found.changes.annotations == {first.id}
    assert doc.id in found.changes.documents  # its highlight count changed too
    assert tag.id in found.changes.tags and found.changes.tag_tree and found.changes.project
    assert found.touched.annotations == {first.id} and found.touched.documents == {doc.id}
    assert lib.log.since(seen)[0].changes.annotations == set()


def test_own_writes_are_left_out_and_a_sibling_threads_are_marked_as_ours(lib, other, add_doc):
    doc = add_doc(lib, "a.txt", "Moscow and Beijing signed a gas agreement after years of talks.")
    start = lib.log.last()
    version = lib.data_version()
    annotation = lib.annotations.create(doc.id, 0, 6).value
    assert lib.data_version() == version  # own commits leave it alone
    assert not lib.log.since(start)[0]
    sibling = lib.sibling()  # a worker thread's connection (a scan)
    try:
        sibling.documents.set_status(doc.id, DocStatus.MISSING)
    finally:
        sibling.close()
    found, seen = lib.log.since(start)
    assert found.ours and found.changes.documents == {doc.id}
    other.annotations.set_note(annotation.id, "from the command line")
    mixed, _ = lib.log.since(start)
    assert not mixed.ours and mixed.changes.annotations == {annotation.id}


def test_a_moved_tag_changes_the_tree_and_a_renamed_one_only_itself(lib, other):
    parent = lib.tags.create("Energy").value
    child = lib.tags.create("Gas").value
    start = lib.log.last()
    other.tags.rename(child.id, "Natural gas")
    renamed, seen = lib.log.since(start)
    assert renamed.changes.tags == {child.id} and not renamed.changes.tag_tree
    other.tags.move(child.id, parent.id)
    moved, _ = lib.log.since(seen)
    assert moved.changes.tag_tree and child.id in moved.changes.tags


def test_when_the_log_was_pruned_past_the_last_look_everything_counts_as_changed(lib, other):
    tags = [lib.tags.create(f"Tag {i}").value.id for i in range(3)]
    start = lib.log.last()
    with other.atomic() as db:
        # More changes than the log keeps (as a large import would make).
        db.execute("UPDATE sqlite_sequence SET seq = seq + 60000 WHERE name = 'change_log'")
        for _ in range(1001):
            db.execute("INSERT INTO meta (key, value) VALUES ('x', '1') ON CONFLICT DO NOTHING")
            db.execute("DELETE FROM meta WHERE key = 'x'")
    found, _ = lib.log.since(start)
    assert not found.complete
    assert set(tags) <= found.changes.tags and found.changes.tag_tree and found.changes.project


@pytest.mark.parametrize("kind", ["annotation", "document", "tag", "project"])
def test_a_note_changed_elsewhere_is_not_overwritten(lib, other, add_doc, kind):
    doc = add_doc(lib, "a.txt", "Moscow and Beijing signed a gas agreement after years of talks.")
    annotation = lib.annotations.create(doc.id, 0, 6).value
    tag = lib.tags.create("Energy").value
    setters = {
        "annotation": lambda library, *a, **k: (
            library.annotations.set_note(annotation.id, *a, **k).changes
        ),
        "document": lambda library, *a, **k: library.documents.set_note(doc.id, *a, **k).changes,
        "tag": lambda library, *a, **k: library.tags.set_note(tag.id, *a, **k).changes,
        "project": lambda library, *a, **k: library.project.set_note(*a, **k).changes,
    }
    getters = {
        "annotation": lambda: lib.annotations.get(annotation.id).note,
        "document": lambda: lib.documents.get(doc.id).note,
        "tag": lambda: lib.tags.get(tag.id).note,
        "project": lambda: lib.project.note,
    }
    setters[kind](lib, "mine, first draft")
    setters[kind](other, "theirs")
    with pytest.raises(StaleValue, match="changed by another program") as caught:
        setters[kind](lib, "mine, longer", expected="mine, first draft")
    assert caught.value.current == "theirs"
    assert getters[kind]() == "theirs"
    setters[kind](lib, "mine, longer", expected="theirs")
    assert getters[kind]() == "mine, longer"


def test_the_search_index_follows_note_changes_but_not_status_changes(lib, add_doc):
    doc = add_doc(lib, "a.txt", "Moscow and Beijing signed a gas agreement after years of talks.")
    lib.documents.set_note(doc.id, "archived copy")
    lib.documents.set_status(doc.id, DocStatus.MISSING)
    hits = lambda words: {hit.document_id for hit in lib.search.documents(words)}  # noqa: E731
    assert hits("archived") == {doc.id} and hits("agreement") == {doc.id}
    lib.documents.set_note(doc.id, "kept")
    assert hits("archived") == set() and hits("kept") == {doc.id}
    # Only a change of the indexed columns re-indexes the text (marking 3,000 documents missing
    # used to re-tokenise all of them).
    [sql] = [
        row[0]
        for row in lib.db.execute("SELECT sql FROM sqlite_master WHERE name = 'documents_au'")
    ]
    assert 'AFTER UPDATE OF "title", "text", "note" ON "documents"' in sql
