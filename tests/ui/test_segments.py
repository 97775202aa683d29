"""The interval index: highlights merged into disjoint segments, updated one highlight at a time."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.ui.segments import Highlight, SegmentIndex

N = 60


@st.composite
def highlight_lists(draw, max_size=12):
    out = []
    for aid in range(1, draw(st.integers(0, max_size)) + 1):
        start = draw(st.integers(0, N))
        end = draw(st.integers(start, min(N, start + 30)))
        out.append(Highlight(aid, start, end, ("#ff0000",), (aid % 3,)))
    return out


def covering(highlights, pos):
    hs = [h for h in highlights if h.start <= pos < h.end]
    return [h.annotation_id for h in sorted(hs, key=lambda h: (h.start, h.annotation_id))]


def segments(index):
    """Every segment, as (start, end, ids): what ``segments_in`` gives over the whole text."""
    return list(index.segments_in(0, 10 * N))


def assert_canonical(index):
    segs = segments(index)
    for (_, a_end, a_ids), (b_start, _, b_ids) in zip(segs, segs[1:], strict=False):
        assert a_end <= b_start
        assert not (a_end == b_start and a_ids == b_ids), "touching equal segments not merged"
    assert all(start < end and ids for start, end, ids in segs)


@given(highlight_lists())
def test_annotations_at_lists_every_covering_highlight_in_start_order(highlights):
    index = SegmentIndex(highlights)
    for pos in range(N + 1):
        assert index.annotations_at(pos) == covering(highlights, pos)
    assert_canonical(index)


@given(highlight_lists(), highlight_lists(max_size=6), st.data())
def test_incremental_updates_match_a_fresh_build(initial, added, data):
    index = SegmentIndex(initial)
    current = {h.annotation_id: h for h in initial}
    for h in added:  # same ids as some initial ones: a mix of updates and inserts
        index.add(h)
        current[h.annotation_id] = h
    for aid in data.draw(st.lists(st.integers(1, 12), max_size=6)):
        index.remove(aid)
        current.pop(aid, None)
    fresh = SegmentIndex(current.values())
    assert segments(index) == segments(fresh)
    assert_canonical(index)


def test_segments_in_clips_to_the_window_and_annotations_in_orders_by_start():
    index = SegmentIndex(
        [Highlight(1, 10, 30, ("#f00",), (1,)), Highlight(2, 20, 40, ("#0f0",), (2,))]
    )
    assert list(index.segments_in(15, 25)) == [(15, 20, (1,)), (20, 25, (1, 2))]
    assert index.annotations_in(0, 100) == [1, 2]
    assert index.annotations_in(31, 35) == [2]
    assert index.annotations_in(40, 50) == []
    assert list(index.segments_in(35, 36)) and not list(index.segments_in(40, 41))


def test_remove_returns_the_span_and_unknown_ids_are_ignored():
    index = SegmentIndex([Highlight(1, 5, 9)])
    assert index.remove(2) is None
    assert index.remove(1) == (5, 9)
    assert segments(index) == [] and len(index) == 0


def test_empty_highlights_take_no_segment():
    index = SegmentIndex([Highlight(1, 5, 5)])
    assert index.annotations_at(5) == [] and 1 in index


def test_bad_highlights_are_refused_with_a_message():
    with pytest.raises(ValueError, match="bad span"):
        Highlight(1, 10, 5)
    with pytest.raises(ValueError, match="colours"):
        Highlight(1, 0, 5, ("#fff",), (1, 2))
