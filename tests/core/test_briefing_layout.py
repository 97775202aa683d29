"""The briefing model's layout: each excerpt once, nested passages, one-tag selections, context,
page locators, the heat map and plain-word status labels."""

from __future__ import annotations

import dataclasses

from test_briefing_model import TAGS, TEXTS, ann, build, doc

from annotator.core.briefing import BriefingOptions, build_briefing
from annotator.core.models import AnchorStatus


def _homes(b):
    return {e.annotation_id: (s.title) for s in b.walk() for e in s.excerpts}


def test_first_in_tree_order_wins_among_equally_specific_tags():
    # Politics (position 0) comes before Economy (position 1); both are top level.
    b = build([ann(1, 1, 0, 5, [4, 1])])
    assert _homes(b) == {1: "Politics"}
    economy = next(s for s in b.walk() if s.title == "Economy")
    assert [e.annotation_id for e in economy.references] == [1]


def test_a_passage_inside_another_is_printed_within_it_not_twice():
    outer = ann(1, 1, 0, 40, [4], note="outer")
    inner = ann(2, 1, 6, 15, [3], note="inner")  # "paragraph" inside the first passage
    b = build([outer, inner])
    (block,) = [e for s in b.walk() for e in s.excerpts]
    assert block.annotation_id == 1
    assert [i.annotation_id for i in block.inner] == [2]
    nested = block.inner[0]
    assert (nested.block_id, nested.home_title) == (1, "Economy")
    # Polls, the inner passage's tag, points to the block that holds it.
    polls = next(s for s in b.walk() if s.title == "Polls")
    assert polls.excerpts == () and [e.block_id for e in polls.references] == [1]
    assert b.placement_count == 1 and len(b.selection) == 2


def test_a_tag_selection_gives_sections_for_that_tag_and_its_descendants_only():
    both = ann(1, 1, 0, 5, [2, 4])  # Elections and Economy
    deeper = ann(2, 1, 23, 30, [3])  # Polls, under Elections
    b = build([both, deeper], selected_tags=(2,))
    assert [(s.title, s.level) for s in b.walk()] == [("Elections", 1), ("Polls", 2)]
    assert _homes(b) == {1: "Elections", 2: "Polls"}
    assert not any(s.title == "Economy" for s in b.walk())


def test_status_reads_in_plain_words():
    b = build(
        [
            ann(1, 1, 0, 5, [4], status=AnchorStatus.EDITED),
            ann(2, 1, 23, 30, [4], status=AnchorStatus.MOVED),
            ann(3, 1, 40, 45, [4]),
        ]
    )
    notes = {e.annotation_id: e.changed_note for e in b.selection}
    assert notes == {
        1: "wording changed since highlighted",
        2: "moved in the source since highlighted",
        3: "",
    }


def test_context_is_the_sentence_before_and_after_when_asked():
    text = (
        "The talks ended late. Mr. Lavrov, the minister, called Russia an outright vassal to "
        "China, according to aides. Nobody replied. The rest was silence."
    )
    start = text.index("an outright vassal")
    end = start + len("an outright vassal to China")
    a = dataclasses.replace(ann(1, 9, start, end, [4]), exact=text[start:end])
    opts = BriefingOptions(title="T", context=True)
    b = build_briefing(
        opts,
        project_name="",
        project_note="",
        documents=[doc(9)],
        texts={9: text},
        tags=TAGS,
        annotations=[a],
    )
    (e,) = b.selection
    assert e.before == "The talks ended late. Mr. Lavrov, the minister, called Russia"
    assert e.after == ", according to aides. Nobody replied."
    plain = build([ann(1, 1, 0, 5, [4])])
    assert plain.selection[0].before == plain.selection[0].after == ""


def test_a_paged_source_is_cited_by_page():
    b = build_briefing(
        BriefingOptions(title="T"),
        project_name="",
        project_note="",
        documents=[doc(1)],
        texts=TEXTS,
        tags=TAGS,
        annotations=[ann(1, 1, 23, 30, [4]), ann(2, 1, 15, 30, [4])],
        pages={1: ((0, "11"), (20, "12"))},
    )
    locators = {e.annotation_id: e.locator for e in b.selection}
    assert locators == {1: "p.\u00a012", 2: "pp.\u00a011–12"}
    assert build([ann(1, 1, 23, 30, [4])]).selection[0].locator == "¶\u00a02"


def test_heat_map_counts_excerpts_per_tag_subtree_and_document():
    b = build([ann(1, 1, 0, 5, [3]), ann(2, 2, 5, 10, [2]), ann(3, 1, 23, 30, [4])])
    heat = b.heat_map
    assert [c.document_id for c in heat.columns] == [1, 2]
    rows = {r.title: (r.counts, r.total, r.link_keys) for r in heat.rows}
    assert rows["Politics"] == ((1, 1), 2, ("tag-1", "tag-1"))
    assert rows["Polls"] == ((1, 0), 1, ("tag-3", ""))
    assert rows["Economy"] == ((1, 0), 1, ("tag-4", ""))
    by_doc = build([ann(1, 1, 0, 5, [3])], group_by="document").heat_map
    assert by_doc.rows[0].link_keys == ("doc-1",)


def test_placing_an_excerpt_keeps_every_field():
    from annotator.core.briefing_tree import _homed

    (e,) = build([ann(1, 1, 0, 5, [4])]).selection
    e = dataclasses.replace(e, page="3", before="b", after="a")
    moved = _homed(e, "tag-9", "Nine", 7)
    assert moved == dataclasses.replace(e, home_key="tag-9", home_title="Nine", block_id=7)
