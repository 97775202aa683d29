"""The map of old offsets to new ones that a re-anchoring returns (reanchor.alignment.OffsetMap)."""

from __future__ import annotations

from annotator.core.anchoring import describe
from annotator.reanchor.engine import reanchor_document

OLD = "The summit opened on Monday.\n\nDelegates discussed the railway.\n\nA final word."
NEW = "A new opening.\n\nThe summit opened on Monday.\n\nDelegates discussed the rail link."


def test_the_map_is_the_alignment_that_placed_the_annotations():
    start = OLD.index("Delegates")
    result = reanchor_document(OLD, NEW, [describe(OLD, start, start + len("Delegates"))])
    [placement] = result.placements
    assert result.mapping.map_offset(start) == placement.start == NEW.index("Delegates")
    assert result.mapping.map_offset(OLD.index("Monday")) == NEW.index("Monday")


def test_without_annotations_the_map_is_still_there_and_clamps():
    mapping = reanchor_document(OLD, NEW, []).mapping
    assert mapping.map_offset(OLD.index("summit")) == NEW.index("summit")
    assert mapping.map_offset(10**9) == len(NEW)
    same = reanchor_document(OLD, OLD, []).mapping
    assert [same.map_offset(p) for p in (-3, 7, 10**9)] == [0, 7, len(OLD)]


def test_two_reloads_compose():
    newer = "Preface.\n\n" + NEW
    first = reanchor_document(OLD, NEW, []).mapping
    second = reanchor_document(NEW, newer, []).mapping
    assert first.then(second).map_offset(OLD.index("Monday")) == newer.index("Monday")
