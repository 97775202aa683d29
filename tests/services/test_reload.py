"""Reloading a document's text: annotations follow it, and the notice says what happened."""

from __future__ import annotations

from collections import Counter

import pytest

from annotator.core.models import AnchorStatus
from annotator.core.textload import decode_bytes
from annotator.reanchor.alignment import OffsetMap
from annotator.services.reload import ReloadResult, TextMappings, reload_document
from annotator.store.library import Library

OLD = (
    "The summit opened on Monday with a long speech about trade.\n\n"
    "Delegates then discussed the new railway corridor through the mountains.\n\n"
    "A final paragraph covered the grain harvest and the export quotas for next year."
)


@pytest.mark.parametrize(
    ("counts", "message"),
    [
        ({}, "every passage still in place"),
        ({AnchorStatus.EXACT: 4}, "every passage still in place"),
        ({AnchorStatus.MOVED: 1}, "1 passage moved"),
        ({AnchorStatus.MOVED: 3, AnchorStatus.ORPHAN: 1}, "3 passages moved, 1 passage orphaned"),
        (
            {AnchorStatus.EDITED: 2, AnchorStatus.MOVED: 1, AnchorStatus.ORPHAN: 2},
            "2 passages edited, 1 passage moved, 2 passages orphaned",
        ),
    ],
)
def test_message_wording(counts, message):
    assert ReloadResult(1, Counter(counts)).message == message


@pytest.fixture
def lib(tmp_path):
    library = Library.open(None)
    source = library.sources.add(tmp_path, "folder").value
    library.documents.add(source.id, "a.txt", decode_bytes(OLD.encode()))
    yield library
    library.close()


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def test_reload_moves_edits_and_orphans_in_one_step(lib):
    doc_id = lib.documents.list()[0].id
    same = lib.annotations.create(doc_id, *span(OLD, "long speech about trade")).value.id
    edited = lib.annotations.create(doc_id, *span(OLD, "the new railway corridor through")).value.id
    gone = lib.annotations.create(
        doc_id, *span(OLD, "grain harvest and the export quotas")
    ).value.id
    new = (
        "Breaking: an added first line.\n\n"
        "The summit opened on Monday with a long speech about trade.\n\n"
        "Delegates then discussed the new rail corridor through the mountains."
    )
    result = reload_document(lib, doc_id, decode_bytes(new.encode()))
    assert lib.documents.text(doc_id) == new
    placed = {a.id: a for a in lib.annotations.for_document(doc_id)}
    assert new[placed[same].start : placed[same].end] == "long speech about trade"
    assert placed[same].status is AnchorStatus.EXACT and placed[same].reviewed
    assert placed[edited].status is AnchorStatus.EDITED and not placed[edited].reviewed
    assert "rail corridor" in placed[edited].exact  # the quote follows the text
    assert placed[gone].status is AnchorStatus.ORPHAN
    assert placed[gone].exact == "grain harvest and the export quotas"
    assert result.counts[AnchorStatus.ORPHAN] == 1 and result.counts[AnchorStatus.EDITED] == 1
    assert result.message == "1 passage edited, 1 passage orphaned"
    assert result.changes.documents == {doc_id}
    assert result.changes.annotations == {same, edited, gone}
    assert lib.documents.get(doc_id).needs_review == 1


def test_an_orphan_whose_quote_comes_back_is_reattached(lib):
    doc_id = lib.documents.list()[0].id
    quote = "grain harvest and the export quotas"
    ann = lib.annotations.create(doc_id, *span(OLD, quote)).value.id
    without = OLD[: OLD.index("A final paragraph")]
    reload_document(lib, doc_id, decode_bytes(without.encode()))
    assert lib.annotations.get(ann).status is AnchorStatus.ORPHAN
    back = "New intro.\n\n" + OLD
    result = reload_document(lib, doc_id, decode_bytes(back.encode()))
    again = lib.annotations.get(ann)
    assert again.status is AnchorStatus.MOVED and not again.reviewed
    assert back[again.start : again.end] == quote
    assert result.message == "1 passage moved"


def test_a_failed_reload_keeps_the_old_text_and_spans(lib, monkeypatch):
    doc_id = lib.documents.list()[0].id
    ann = lib.annotations.create(doc_id, *span(OLD, "long speech")).value

    def broken(annotations):
        raise RuntimeError("crash while writing the spans")

    monkeypatch.setattr(lib.annotations, "replace_all", broken)
    with pytest.raises(RuntimeError):
        reload_document(lib, doc_id, decode_bytes(("Intro.\n\n" + OLD).encode()))
    monkeypatch.undo()
    assert lib.documents.text(doc_id) == OLD
    assert lib.annotations.get(ann.id) == ann


def test_the_reload_returns_the_map_it_placed_the_annotations_with(lib):
    doc_id = lib.documents.list()[0].id
    lib.annotations.create(doc_id, *span(OLD, "long speech about trade"))
    new = "A new first paragraph.\n\n" + OLD.replace("railway corridor", "rail corridor")
    result = reload_document(lib, doc_id, decode_bytes(new.encode()))
    for word in ("summit", "mountains", "harvest"):
        assert result.mapping.map_offset(OLD.index(word)) == new.index(word)
    assert result.mapping.map_offset(-5) == new.index("The summit")  # clamped to 0 first
    assert result.mapping.map_offset(len(OLD) + 5) == len(new)


def test_a_document_without_annotations_still_maps_offsets(lib):
    doc_id = lib.documents.list()[0].id
    new = "Inserted.\n\n" + OLD
    result = reload_document(lib, doc_id, decode_bytes(new.encode()))
    assert result.mapping.map_offset(OLD.index("grain")) == new.index("grain")


def test_reloads_record_their_maps_by_the_texts_they_map(lib):
    """A window finds the map from the text it shows to the text stored, by their hashes: a
    map is never applied to another change, and two reloads behind it chains two maps."""
    doc_id = lib.documents.list()[0].id
    maps = TextMappings()
    shown = lib.documents.get(doc_id).content_hash
    second = "Inserted.\n\n" + OLD
    third = "Another line.\n\n" + second
    reload_document(lib, doc_id, decode_bytes(second.encode()), maps)
    middle = lib.documents.get(doc_id).content_hash
    reload_document(lib, doc_id, decode_bytes(third.encode()), maps)
    stored = lib.documents.get(doc_id).content_hash
    assert maps.find(doc_id, shown, middle).map_offset(OLD.index("grain")) == second.index("grain")
    assert maps.find(doc_id, shown, stored).map_offset(OLD.index("grain")) == third.index("grain")
    assert maps.find(doc_id, middle, stored).map_offset(second.index("rail")) == third.index("rail")
    assert maps.find(doc_id, stored, shown) is None  # nobody reloaded that way
    assert maps.find(doc_id + 1, shown, middle) is None
    for n in range(TextMappings.KEPT):  # only the last few are kept
        maps.record(doc_id, f"a{n}", f"b{n}", OffsetMap.identity(n))
    assert maps.find(doc_id, shown, middle) is None


def test_an_orphan_is_not_reattached_to_a_copy_the_old_text_already_had(lib):
    # The orphan's paragraph was deleted while a verbatim twin stayed: the twin was there
    # before, it is not where the passage went, at this reload or any later one.
    doc_id = lib.documents.list()[0].id
    twin = "Delegates then discussed the new railway corridor through the mountains."
    with_twin = OLD + "\n\n" + twin
    reload_document(lib, doc_id, decode_bytes(with_twin.encode()))
    first = with_twin.index(twin)
    ann = lib.annotations.create(doc_id, first, first + len(twin)).value.id
    deleted = with_twin[:first] + with_twin[first + len(twin) + 2 :]
    reload_document(lib, doc_id, decode_bytes(deleted.encode()))
    assert lib.annotations.get(ann).status is AnchorStatus.ORPHAN
    later = "Another edit.\n\n" + deleted
    reload_document(lib, doc_id, decode_bytes(later.encode()))
    assert lib.annotations.get(ann).status is AnchorStatus.ORPHAN


def test_a_short_orphan_quote_is_not_reattached_by_itself(lib):
    # "Monday" may well come back somewhere else (_MIN_RETRY_QUOTE).
    doc_id = lib.documents.list()[0].id
    ann = lib.annotations.create(doc_id, *span(OLD, "Monday")).value.id
    without = OLD.replace("on Monday ", "")
    reload_document(lib, doc_id, decode_bytes(without.encode()))
    assert lib.annotations.get(ann).status is AnchorStatus.ORPHAN
    back = without + "\n\nThe next meeting is on Monday."
    reload_document(lib, doc_id, decode_bytes(back.encode()))
    assert lib.annotations.get(ann).status is AnchorStatus.ORPHAN
