"""Re-anchoring a document's annotations after its text changed (annotator.reanchor.engine)."""

from __future__ import annotations

import re
from random import Random

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from annotator.core.anchoring import Selectors, describe
from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement, reanchor

EXACT, EDITED, MOVED, ORPHAN = (
    AnchorStatus.EXACT,
    AnchorStatus.EDITED,
    AnchorStatus.MOVED,
    AnchorStatus.ORPHAN,
)

WORDS = (
    "the of and to in a is that for on with as by at from this was are be it an which or "
    "Moscow Beijing treaty border trade summit leader alliance energy pipeline market policy "
    "history empire army navy grain rouble yuan ministry envoy dispute frontier accord talks "
    "sanctions visit partner rival decade century island river steppe port railway loan debt "
    "Xi Putin Mao Stalin Khrushchev said argued wrote signed rejected welcomed feared hoped "
    "naïve café “quoted” don’t élite — – … 😀 中文 שלום"
).split()


def _sentence(rng: Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 14))).capitalize() + "."


def _paragraph(rng: Random) -> str:
    return " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))


# Words drawn by a seeded generator: shrinking must not turn every paragraph into "the the the",
# where a paragraph's identity (and so the right answer) is lost.
sentences = st.integers(0, 2**32).map(Random).map(_sentence)


@st.composite
def documents(draw, min_size: int = 4, max_size: int = 8) -> list[str]:
    rng = draw(st.integers(0, 2**32).map(Random))
    return [_paragraph(rng) for _ in range(draw(st.integers(min_size, max_size)))]


def join(parts: list[str]) -> str:
    return "\n\n".join(parts)


def offset(parts: list[str], index: int) -> int:
    return sum(len(part) + 2 for part in parts[:index])


@st.composite
def word_span(draw, paragraph: str, min_words: int = 1) -> tuple[int, int]:
    """A span of whole words (runs of non-space) inside ``paragraph``."""
    words = [m.span() for m in re.finditer(r"\S+", paragraph)]
    first = draw(st.integers(0, len(words) - min_words))
    last = draw(st.integers(first + min_words - 1, len(words) - 1))
    return words[first][0], words[last][1]


@st.composite
def annotated_documents(draw, min_words: int = 1):
    parts = draw(documents())
    spans = []
    for _ in range(draw(st.integers(1, 6))):
        index = draw(st.integers(0, len(parts) - 1))
        start, end = draw(word_span(parts[index], min_words))
        spans.append((index, start, end))
    return parts, spans


def selectors_for(parts, spans) -> list[Selectors]:
    text = join(parts)
    return [describe(text, offset(parts, i) + s, offset(parts, i) + e) for i, s, e in spans]


# Properties


@given(annotated_documents())
def test_identity_keeps_every_span_exact_in_place(case):
    parts, spans = case
    text = join(parts)
    selectors = selectors_for(parts, spans)
    assert reanchor(text, text, selectors) == [Placement(s.start, s.end, EXACT) for s in selectors]
    # An unrelated edit far away changes nothing either (the diff path, not the shortcut).
    edited = text + "\n\nA closing remark."
    assert reanchor(text, edited, selectors) == [
        Placement(s.start, s.end, EXACT) for s in selectors
    ]


@given(annotated_documents(), st.lists(sentences, min_size=1, max_size=3))
def test_inserting_text_before_shifts_spans(case, inserted):
    parts, spans = case
    text = join(parts)
    selectors = selectors_for(parts, spans)
    head = "Preface: " + " ".join(inserted) + "\n\n"

    placements = reanchor(text, head + text, selectors)

    assert placements == [
        Placement(s.start + len(head), s.end + len(head), EXACT) for s in selectors
    ]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(annotated_documents(), st.data())
def test_deleted_paragraph_becomes_orphan_even_with_a_look_alike_elsewhere(case, data):
    parts, spans = case
    victim = data.draw(st.integers(0, len(parts) - 1))
    # A near-identical copy (one word changed) that stays, away from the deleted paragraph.
    words = parts[victim].split(" ")
    changed = data.draw(st.integers(1, len(words) - 1))
    words[changed] = "different" if words[changed] != "different" else "other"
    look_alike = " ".join(words)
    parts = [*parts, "Interlude: nothing to see here at all.", look_alike]
    text = join(parts)
    selectors = selectors_for(parts, spans)
    new_parts = parts[:victim] + parts[victim + 1 :]

    placements = reanchor(text, join(new_parts), selectors)

    for (index, _, _), placement in zip(spans, placements, strict=True):
        if index == victim:
            assert placement == Placement(None, None, ORPHAN)
        else:
            assert placement.status is EXACT


@given(annotated_documents(min_words=3), st.data())
def test_moved_paragraph_is_found_where_it_went(case, data):
    parts, spans = case
    source = data.draw(st.integers(0, len(parts) - 1))
    target = data.draw(st.integers(0, len(parts) - 1))
    assume(abs(target - source) >= 2)
    text = join(parts)
    selectors = selectors_for(parts, spans)
    new_parts = list(parts)
    new_parts.insert(target, new_parts.pop(source))
    new_text = join(new_parts)

    placements = reanchor(text, new_text, selectors)

    for (index, s, e), sel, placement in zip(spans, selectors, placements, strict=True):
        new_index = new_parts.index(parts[index])
        expected = (offset(new_parts, new_index) + s, offset(new_parts, new_index) + e)
        assert placement.status in (EXACT, MOVED)
        assert (placement.start, placement.end) == expected
        assert new_text[placement.start : placement.end] == sel.exact


# Examples, one per status and for the edge cases

OLD = join(
    [
        "The treaty was signed in Moscow after long talks between the two delegations.",
        "Trade grew quickly in the following decade, mostly grain and timber.",
        "Critics argued that the accord favoured one side far too heavily.",
    ]
)


def at(text: str, quote: str, occurrence: int = 0) -> Selectors:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(quote, start + 1)
    return describe(text, start, start + len(quote))


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
    parts = [f"Part {i}. " + _paragraph(rng) for i in range(600)]  # some 2,000 sentences
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
