"""Re-anchoring a document's annotations after its text changed (annotator.reanchor.engine)."""

from __future__ import annotations

from random import Random

import pytest
from reanchor_texts import at, join, offset, paragraph, reanchor

from annotator.core.anchoring import Selectors, describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement

EXACT, EDITED, MOVED, ORPHAN = (
    AnchorStatus.EXACT,
    AnchorStatus.EDITED,
    AnchorStatus.MOVED,
    AnchorStatus.ORPHAN,
)


# Examples, one per status and for the edge cases

OLD = join(
    [
        "The treaty was signed in Moscow after long talks between the two delegations.",
        "Trade grew quickly in the following decade, mostly grain and timber.",
        "Critics argued that the accord favoured one side far too heavily.",
    ]
)


def test_edit_elsewhere_keeps_span_exact_at_its_new_offset():
    sel = at(OLD, "Trade grew quickly")
    new = "Foreword.\n\n" + OLD
    assert reanchor(OLD, new, [sel]) == [Placement(sel.start + 11, sel.end + 11, EXACT)]


def test_word_changed_inside_span_is_edited_in_place():
    sel = at(OLD, "Trade grew quickly in the following decade")
    new = OLD.replace("grew quickly", "grew slowly")
    [placement] = reanchor(OLD, new, [sel])
    assert placement.status is EDITED
    assert new[placement.start : placement.end] == "Trade grew slowly in the following decade"


def test_moved_paragraph_is_moved():
    sel = at(OLD, "accord favoured one side")
    paragraphs = OLD.split("\n\n")
    new = join([paragraphs[2], paragraphs[0], paragraphs[1]])
    [placement] = reanchor(OLD, new, [sel])
    assert placement.status is MOVED
    assert new[placement.start : placement.end] == "accord favoured one side"


def test_moved_and_edited_paragraph_is_found_approximately():
    sel = at(OLD, "Critics argued that the accord favoured one side far too heavily.")
    paragraphs = OLD.split("\n\n")
    edited = paragraphs[2].replace("far too", "much too")
    new = join([edited, paragraphs[0], paragraphs[1]])
    [placement] = reanchor(OLD, new, [sel])
    assert placement.status is MOVED
    assert new[placement.start : placement.end] == edited


def test_deleted_passage_is_orphan():
    sel = at(OLD, "mostly grain and timber")
    new = OLD.replace("Trade grew quickly in the following decade, mostly grain and timber.", "")
    assert reanchor(OLD, new, [sel]) == [Placement(None, None, ORPHAN)]


def test_rewritten_passage_is_orphan_not_guessed():
    sel = at(OLD, "long talks between the two delegations")
    new = OLD.replace("after long talks between the two delegations", "on a cold morning")
    assert reanchor(OLD, new, [sel]) == [Placement(None, None, ORPHAN)]


def test_two_equally_good_places_make_an_orphan():
    passage = "The envoy returned with the signed accord and a gift of tea."
    body = OLD.split("\n\n")
    old = join(["Opening words of the report.", passage, *body])
    sel = at(old, "signed accord and a gift")
    # The passage left its place and now appears twice, in the same surroundings: never guess.
    new = join(["Opening words of the report.", *body, passage, passage])
    assert reanchor(old, new, [sel]) == [Placement(None, None, ORPHAN)]
    # With one copy it is found.
    new = join(["Opening words of the report.", *body, passage])
    assert reanchor(old, new, [sel])[0].status is MOVED


# A short line that recurs ("9 mins read" under every article of a saved digest), in its own
# paragraph: its context is too short to tell the copies apart, but a move of the whole line is.
DIGEST = [
    paragraph(Random(seed)) if seed % 2 else "9 mins read" for seed in range(1, 12)
]  # article, line, article, line, ...


def test_a_short_recurring_line_moved_whole_is_found_where_it_arrived():
    sel = at(join(DIGEST), "mins read", 2)  # the third copy (paragraph 5)
    moved = DIGEST[:5] + DIGEST[6:]
    moved.append(DIGEST[5])  # taken out and put back at the end, words unchanged
    new = join(moved)
    [placement] = reanchor(join(DIGEST), new, [sel])
    assert placement.status is MOVED
    assert placement.start == offset(moved, 10) + len("9 ")


def test_a_deleted_short_line_never_lands_on_a_copy_that_was_there_before():
    old = join(DIGEST)
    sel = at(old, "mins read", 2)
    new = join(DIGEST[:5] + DIGEST[6:])  # deleted: its copies were all there before the edit
    assert reanchor(old, new, [sel]) == [Placement(None, None, ORPHAN)]


def test_of_two_copies_that_left_and_one_that_arrived_neither_is_placed():
    # One line deleted and the other moved read exactly like the other way round: no guess.
    old = join(DIGEST)
    first, second = at(old, "mins read", 1), at(old, "mins read", 2)
    rest = [part for i, part in enumerate(DIGEST) if i not in (3, 5)]
    new = join([*rest, "9 mins read"])
    assert reanchor(old, new, [first, second]) == [Placement(None, None, ORPHAN)] * 2


def test_quote_occurring_twice_in_new_text_stays_on_its_own_occurrence():
    old = join(["Xi met Putin in Moscow.", "Later, Xi met Putin in Beijing."])
    first, second = at(old, "Xi met Putin"), at(old, "Xi met Putin", 1)
    new = "Summary.\n\n" + old
    placements = reanchor(old, new, [first, second])
    assert [(p.start, p.status) for p in placements] == [
        (first.start + 10, EXACT),
        (second.start + 10, EXACT),
    ]


def test_typographic_and_wrapping_changes_keep_spans_exact():
    old = "He said “no limits” – and meant it… Nobody\nbelieved the claim."
    sel = at(old, "“no limits” – and meant it…")
    wrapped = at(old, "Nobody\nbelieved the claim.")
    new = 'He said "no limits" - and meant it... Nobody believed\nthe claim.'
    placements = reanchor(old, new, [sel, wrapped])
    assert [p.status for p in placements] == [EXACT, EXACT]
    assert new[placements[0].start : placements[0].end] == '"no limits" - and meant it...'
    assert new[placements[1].start : placements[1].end] == "Nobody believed\nthe claim."


def test_empty_texts_and_empty_spans():
    assert reanchor("", "", []) == []
    assert reanchor("", "new text", [Selectors(0, 0, "")]) == [Placement(0, 0, EXACT)]
    sel = describe("old text", 0, 3)
    assert reanchor("old text", "", [sel]) == [Placement(None, None, ORPHAN)]


def test_stale_position_is_corrected_from_the_quote_before_mapping():
    sel = at(OLD, "grain and timber")
    stale = Selectors(sel.start + 5, sel.end + 5, sel.exact, sel.prefix, sel.suffix)
    new = "New opening.\n\n" + OLD
    assert reanchor(OLD, new, [stale]) == [Placement(sel.start + 14, sel.end + 14, EXACT)]


def test_quote_missing_from_the_old_text_is_orphan():
    ghost = Selectors(0, 5, "ghost", "", "")
    assert reanchor(OLD, OLD + " More.", [ghost]) == [Placement(None, None, ORPHAN)]


def test_texts_must_be_strings():
    with pytest.raises(TypeError, match="str"):
        reanchor(b"old", "new", [])  # type: ignore[arg-type]


def test_reordered_paragraphs_of_a_long_text_are_found():
    rng = Random(7)
    parts = [f"Part {i}. " + paragraph(rng) for i in range(600)]  # some 2,000 sentences
    text = join(parts)
    picks = [rng.randrange(len(parts)) for _ in range(40)]
    selectors = [
        describe(text, offset(parts, i) + len(f"Part {i}. "), offset(parts, i) + len(parts[i]))
        for i in picks
    ]
    shuffled = list(parts)
    rng.shuffle(shuffled)
    new_text = join(shuffled)

    placements = reanchor(text, new_text, selectors)

    for i, placement in zip(picks, placements, strict=True):
        new_index = shuffled.index(parts[i])
        assert placement.start == offset(shuffled, new_index) + len(f"Part {i}. ")
        assert placement.end == offset(shuffled, new_index) + len(parts[i])


def test_rewritten_first_word_is_covered_whole():
    old = "They contest each other's reach and influence in the region, year after year."
    sel = at(old, "reach and influence in the region")
    new = old.replace("reach", "treaty")
    [placement] = reanchor(old, new, [sel])
    assert placement.status is EDITED
    assert new[placement.start : placement.end] == "treaty and influence in the region"
