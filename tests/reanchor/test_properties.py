"""Properties of re-anchoring that hold for any generated text, annotations and edit."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from reanchor_texts import annotated_documents, join, offset, reanchor, selectors_for, sentences

from annotator.core.models import AnchorStatus
from annotator.reanchor.engine import Placement

EXACT, MOVED, ORPHAN = AnchorStatus.EXACT, AnchorStatus.MOVED, AnchorStatus.ORPHAN


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


# Words none of the generated texts use: an edit made of them cannot create a look-alike.
FRESH = "zebra quartz mango violin glacier pepper tundra kettle lantern orchid".split()


@st.composite
def edits_outside(draw, parts: list[str], spans: list[tuple[int, int, int]]):
    """An edit of ``join(parts)`` that stays at least one character away from every span:
    a fresh sentence inserted at a sentence boundary, an unannotated paragraph deleted, or a
    word replaced or misspelt."""
    text = join(parts)
    taken = [(offset(parts, i) + s - 1, offset(parts, i) + e + 1) for i, s, e in spans]

    def clear(start: int, end: int) -> bool:
        return all(end <= lo or start >= hi for lo, hi in taken)

    kind = draw(st.sampled_from(["insert", "delete", "replace", "typo"]))
    if kind == "delete":
        free = [i for i in range(len(parts)) if i not in {i for i, _, _ in spans}]
        if free and len(parts) > 1:
            victim = draw(st.sampled_from(free))
            return join(parts[:victim] + parts[victim + 1 :])
        kind = "insert"
    if kind == "insert":
        cuts = [m.end() for m in re.finditer(r"[.!?] ", text) if clear(m.end() - 1, m.end() + 1)]
        cut = draw(st.sampled_from(cuts or [len(text)]))
        words = draw(st.lists(st.sampled_from(FRESH), min_size=2, max_size=8))
        return text[:cut] + " ".join(words).capitalize() + ". " + text[cut:]
    words = [m.span() for m in re.finditer(r"\w{3,}", text) if clear(*m.span())]
    assume(words)
    start, end = draw(st.sampled_from(words))
    if kind == "replace":
        return text[:start] + draw(st.sampled_from(FRESH)) + text[end:]
    return text[:start] + text[start + 1 : end] + text[end:]  # the first letter dropped


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(annotated_documents(), st.data())
def test_an_edit_outside_every_span_keeps_every_quote_exact_and_unchanged(case, data):
    parts, spans = case
    text = join(parts)
    selectors = selectors_for(parts, spans)
    new_text = data.draw(edits_outside(parts, spans))

    placements = reanchor(text, new_text, selectors)

    for sel, placement in zip(selectors, placements, strict=True):
        assert placement.status is EXACT
        assert new_text[placement.start : placement.end] == sel.exact
        # Where the edit put it: shifted by what changed before it, nothing else.
        shift = len(new_text) - len(text) if placement.start != sel.start else 0
        assert placement.start == sel.start + shift


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(annotated_documents(), st.data())
def test_a_deleted_paragraph_never_lands_on_its_twin(case, data):
    # The twin was in the old text already (and stays, or has a word replaced somewhere in it):
    # it is not where the deleted paragraph's passages went. (A twin that moved is an example in
    # test_copy_edits: moved next to the victim's place it would read as the victim kept.)
    parts, spans = case
    victim = data.draw(st.integers(0, len(parts) - 1))
    spans = [(i, s, e) for i, s, e in spans if i == victim] or [(victim, 0, len(parts[victim]))]
    twin_index = data.draw(st.integers(0, len(parts)))
    old_parts = [*parts[:twin_index], parts[victim], *parts[twin_index:]]
    victim_index = victim if twin_index > victim else victim + 1
    assume(abs(twin_index - victim_index) >= 2)  # side by side, which one went is a guess
    spans = [(victim_index, s, e) for _, s, e in spans]
    old = join(old_parts)
    selectors = selectors_for(old_parts, spans)
    new_parts = list(old_parts)
    if data.draw(st.booleans()):
        words = new_parts[twin_index].split(" ")
        k = data.draw(st.integers(0, len(words) - 1))
        words[k] = data.draw(st.sampled_from(FRESH))
        new_parts[twin_index] = " ".join(words)
    del new_parts[victim_index]

    placements = reanchor(old, join(new_parts), selectors)

    assert placements == [Placement(None, None, ORPHAN)] * len(selectors)
