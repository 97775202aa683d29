"""Tagging a span (services.tagging): the same span gains the tags, another span is a new
annotation, orphans are never matched, and undo puts everything back."""

from __future__ import annotations

from dataclasses import replace

import pytest

from annotator.core.models import AnchorStatus
from annotator.core.textload import decode_bytes
from annotator.services.tagging import TagSpan, exact_match, tag_span
from annotator.store.library import Library

TEXT = "Beijing and Moscow agreed on a new pipeline route. Critics said the price was too low."


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "p.annotator")
    source = library.sources.add(tmp_path, "folder").value
    library.documents.add(source.id, "a.txt", decode_bytes(TEXT.encode()))
    for name in ("Energy", "Politics"):
        library.tags.create(name)
    yield library
    library.close()


def ids(lib):
    doc = lib.documents.list()[0].id
    tags = {t.name: t.id for t in lib.tags.list()}
    return doc, tags


def test_the_same_span_gains_the_tag_and_undo_takes_it_off(lib):
    doc, tags = ids(lib)
    first = tag_span(lib, doc, 0, 7, [tags["Energy"]])
    assert first.created and first.label == "Highlight passage"
    second = TagSpan(lib, doc, 0, 7, [tags["Politics"]], note="a note")
    changes = second.redo()
    assert not second.created and second.changed and second.annotation_id == first.annotation_id
    assert changes.annotations == {first.annotation_id} and changes.tags == set(tags.values())
    (annotation,) = lib.annotations.query()
    assert annotation.tag_ids == (tags["Energy"], tags["Politics"])
    assert annotation.note == "a note"
    second.undo()
    (annotation,) = lib.annotations.query()
    assert annotation.tag_ids == (tags["Energy"],) and annotation.note == ""
    second.redo()
    assert lib.annotations.query()[0].tag_ids == (tags["Energy"], tags["Politics"])


def test_another_span_is_another_annotation_and_undo_deletes_it(lib):
    doc, tags = ids(lib)
    tag_span(lib, doc, 0, 7, [tags["Energy"]])
    other = TagSpan(lib, doc, 0, 18, [tags["Energy"]])
    other.redo()
    assert other.created and len(lib.annotations.query()) == 2
    other.undo()
    assert len(lib.annotations.query()) == 1
    other.redo()  # comes back with its id
    assert {a.id for a in lib.annotations.query()} == {1, other.annotation_id}


def test_tagging_with_a_tag_the_span_has_changes_nothing(lib):
    doc, tags = ids(lib)
    tag_span(lib, doc, 0, 7, [tags["Energy"]])
    again = TagSpan(lib, doc, 0, 7, [tags["Energy"]])
    assert not again.redo() and not again.changed


def test_the_oldest_of_twin_annotations_gains_the_tag_and_orphans_never_do(lib):
    doc, tags = ids(lib)
    older = lib.annotations.create(doc, 0, 7).value
    newer = lib.annotations.create(doc, 0, 7).value
    assert exact_match([newer, older], 0, 7) == older
    tag_span(lib, doc, 0, 7, [tags["Energy"]])
    assert lib.annotations.get(older.id).tag_ids == (tags["Energy"],)
    assert lib.annotations.get(newer.id).tag_ids == ()
    for twin in (older, newer):
        orphan = replace(lib.annotations.get(twin.id), status=AnchorStatus.ORPHAN)
        lib.annotations.replace_all([orphan])
    made = tag_span(lib, doc, 0, 7, [tags["Politics"]])
    assert made.created  # an orphan's span is stale: never tagged by position
