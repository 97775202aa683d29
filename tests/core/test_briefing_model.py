"""The briefing model: sections follow the tag tree, paragraph numbers, orphans, empty input."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.briefing import (
    BriefingOptions,
    EmptyBriefing,
    ParagraphIndex,
    build_briefing,
    repair_surrogates,
)
from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag

TEXTS = {
    1: "First paragraph here.\n\nSecond paragraph, after a blank line.\nThird, after one newline.",
    2: "\n\n  \nOnly paragraph of doc two, after blank lines.\n",
}


def doc(i: int, title: str = "", note: str = "") -> Document:
    return Document(
        id=i,
        source_id=1,
        path=f"folder/doc{i}.txt",
        title=title or f"Doc {i}",
        content_hash="",
        status=DocStatus.PRESENT,
        encoding="utf-8",
        word_count=10 * i,
        char_count=0,
        note=note,
        created="",
        modified="",
        read_at=f"2026-01-0{i}T10:00:00",
    )


def tag(i: int, name: str, parent: int | None = None, position: int = 0) -> Tag:
    return Tag(i, name, parent, "#aabbcc", f"about {name}", "", position)


def ann(i, doc_id, start, end, tags=(), note="", status=AnchorStatus.EXACT, created=""):
    text = TEXTS.get(doc_id, "")
    return Annotation(
        id=i,
        document_id=doc_id,
        start=start,
        end=end,
        exact=text[start:end] or "lost words",
        prefix="",
        suffix="",
        note=note,
        author="me",
        created=created or f"2026-01-01T00:00:{i:02d}",
        modified="",
        status=status,
        reviewed=True,
        tag_ids=tuple(tags),
    )


# Tree: Politics(1) > Elections(2) > Polls(3); Economy(4); Unused(5). Order by position.
TAGS = [
    tag(4, "Economy", None, 1),
    tag(1, "Politics", None, 0),
    tag(2, "Elections", 1, 0),
    tag(3, "Polls", 2, 0),
    tag(5, "Unused", None, 2),
]


def build(annotations, **options):
    return build_briefing(
        BriefingOptions(title="T", **options),
        project_name="P",
        project_note="The note",
        documents=[doc(1), doc(2)],
        texts=TEXTS,
        tags=TAGS,
        annotations=annotations,
    )


def paragraph_number(text: str, offset: int) -> int | None:
    return ParagraphIndex(text).number_at(offset)


def test_paragraph_numbers_count_non_empty_lines():
    text = TEXTS[1]
    assert paragraph_number(text, 0) == 1
    assert paragraph_number(text, text.index("Second")) == 2
    assert paragraph_number(text, text.index("Third")) == 3
    # An offset on the blank line belongs to the paragraph that follows it.
    assert paragraph_number(text, text.index("\n\n") + 1) == 2
    assert paragraph_number(TEXTS[2], 0) == 1
    assert paragraph_number(text, len(text) + 5) is None
    assert paragraph_number("   \n\n", 0) is None


@given(st.lists(st.sampled_from(["a", "b c", "", "  ", "\t"]), max_size=12), st.data())
def test_paragraph_number_matches_a_naive_count(lines, data):
    text = "\n".join(lines)
    offset = data.draw(st.integers(0, len(text)))
    rest = offset
    while rest < len(text) and text[rest].isspace():
        rest += 1
    # Naive: paragraphs are non-blank lines; count those starting at or before ``rest``.
    starts, pos = [], 0
    for line in lines:
        if line.strip():
            starts.append(pos)
        pos += len(line) + 1
    expected = max(1, sum(1 for s in starts if s <= rest)) if starts else None
    assert ParagraphIndex(text).number_at(offset) == expected


def test_sections_follow_the_tag_tree_and_skip_empty_tags():
    b = build([ann(1, 1, 0, 5, [3]), ann(2, 1, 23, 30, [4])])
    assert [s.title for s in b.sections] == ["Politics", "Economy"]
    politics = b.sections[0]
    assert [(s.title, s.level) for s in politics.walk()] == [
        ("Politics", 1),
        ("Elections", 2),
        ("Polls", 3),
    ]
    assert politics.excerpts == () and politics.excerpt_count == 1
    # Keywords are the tags the excerpts carry, in tree order.
    assert b.keywords == ("Polls", "Economy")


def test_excerpt_prints_once_under_its_most_specific_tag_and_is_referenced_elsewhere():
    b = build([ann(1, 1, 0, 5, [4, 2], note="n")])
    elections = next(s for s in b.walk() if s.title == "Elections")
    economy = next(s for s in b.walk() if s.title == "Economy")
    (e,) = elections.excerpts  # Elections (level 2) is more specific than Economy (level 1)
    assert economy.excerpts == () and economy.references == (e,)
    assert (e.home_key, e.home_title, e.block_id) == ("tag-2", "Elections", 1)
    assert [t.name for t in elections.other_tags(e)] == ["Economy"]
    assert b.placement_count == 1 and len(list(b.excerpts())) == 1


def test_counts_are_distinct_excerpts_and_sources_including_descendants():
    b = build([ann(1, 1, 0, 5, [1, 2]), ann(2, 2, 5, 10, [3]), ann(3, 1, 23, 30, [2])])
    counts = {s.title: (s.excerpt_count, s.source_count) for s in b.walk()}
    assert counts == {"Politics": (3, 2), "Elections": (3, 2), "Polls": (1, 1)}


def test_untagged_excerpts_get_their_own_section_last():
    b = build([ann(1, 1, 0, 5), ann(2, 1, 23, 30, [4])])
    assert [s.title for s in b.sections] == ["Economy", "Untagged"]
    assert b.sections[-1].kind == "untagged"


def test_orphans_are_left_out_or_go_to_the_appendix():
    notes = [ann(1, 1, 0, 5, [4]), ann(2, 1, 0, 5, [4], status=AnchorStatus.ORPHAN)]
    assert build(notes).orphans == ()
    assert [e.annotation_id for s in build(notes).walk() for e in s.excerpts] == [1]
    with_orphans = build(notes, include_orphans=True)
    (orphan,) = with_orphans.orphans
    assert orphan.annotation_id == 2 and orphan.paragraph is None
    assert with_orphans.sources[0].excerpt_count == 2


def test_empty_selection_raises_a_clear_error():
    with pytest.raises(EmptyBriefing, match="No excerpts"):
        build([])
    with pytest.raises(EmptyBriefing, match="orphan"):
        build([ann(1, 1, 0, 5, [4], status=AnchorStatus.ORPHAN)])


def test_group_by_document_makes_a_section_per_document_in_document_order():
    b = build([ann(1, 2, 5, 10, [4]), ann(2, 1, 23, 30), ann(3, 1, 0, 5, [1])], group_by="document")
    assert [(s.kind, s.document_id) for s in b.sections] == [("document", 1), ("document", 2)]
    assert [e.annotation_id for e in b.sections[0].excerpts] == [3, 2]
    # In a document section no tag is "the section's": all of them are other tags.
    e = b.sections[0].excerpts[0]
    assert [t.name for t in b.sections[0].other_tags(e)] == ["Politics"]


def test_order_by_date_or_position():
    anns = [ann(1, 1, 23, 30, [4], created="2026-01-01"), ann(2, 1, 0, 5, [4], created="2026-02")]
    assert [e.annotation_id for e in build(anns).sections[0].excerpts] == [2, 1]
    by_date = build(anns, order="date")
    assert [e.annotation_id for e in by_date.sections[0].excerpts] == [1, 2]


def test_sources_list_each_cited_document_once_with_its_note_when_asked():
    docs = [doc(1, note="doc note"), doc(2)]
    anns = [ann(1, 1, 0, 5, [4]), ann(2, 1, 23, 30, [1])]
    for with_notes, expected in ((True, "doc note"), (False, "")):
        b = build_briefing(
            BriefingOptions(include_document_notes=with_notes),
            project_name="P",
            project_note="",
            documents=docs,
            texts=TEXTS,
            tags=TAGS,
            annotations=anns,
        )
        (src,) = b.sources
        assert (src.document_id, src.file_name, src.excerpt_count) == (1, "doc1.txt", 2)
        assert src.note == expected


def test_dangling_parents_and_cycles_do_not_lose_tags():
    tags = [tag(1, "Loop A", 2), tag(2, "Loop B", 1), tag(3, "Stray", 99)]
    b = build_briefing(
        BriefingOptions(),
        project_name="P",
        project_note="",
        documents=[doc(1)],
        texts=TEXTS,
        tags=tags,
        annotations=[ann(1, 1, 0, 5, [1, 2, 3])],
    )
    assert {s.title for s in b.walk()} == {"Loop A", "Loop B", "Stray"}


def test_options_are_validated():
    with pytest.raises(ValueError, match="group_by"):
        BriefingOptions(group_by="colour")
    with pytest.raises(ValueError, match="order"):
        BriefingOptions(order="random")
    assert dataclasses.replace(BriefingOptions(), group_by="document").group_by == "document"


def test_repair_surrogates_joins_pairs_and_replaces_lone_ones():
    assert repair_surrogates("a\ud83d\ude00b") == "a\U0001f600b"
    assert repair_surrogates("x\ud800y") == "x\ufffdy"
    assert repair_surrogates("plain é") == "plain é"
