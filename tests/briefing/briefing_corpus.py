"""The test project's data: three short documents, a four-level tag tree, seven annotations."""

from __future__ import annotations

from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag

TEXTS = {
    1: "Alpha opens the first text.\n\nBravo follows a blank line.\nCharlie sits on line three.",
    2: "Delta is the first paragraph.\nEcho comes second.\n\n\nFoxtrot is third after two blanks.",
    3: "Golf alone.",
}


def make_document(i: int) -> Document:
    return Document(
        id=i,
        source_id=1,
        path=f"sub/source-{i}.txt",
        title=f"Source number {i}",
        content_hash="",
        status=DocStatus.PRESENT,
        encoding="utf-8",
        word_count=1000 * i + 234,
        char_count=len(TEXTS[i]),
        note=f"Note on document {i}." if i != 2 else "",
        created="",
        modified="",
        read_at=f"2026-03-0{i}T08:00:00",
    )


# Politics(1) > Elections(2) > Polls(3) > Margins(6); Economy(4); Unused(5)
TAGS = [
    Tag(1, "Politics", None, "#111111", "All things political.", "Tag note on politics.", 0),
    Tag(2, "Elections", 1, "#222222", "", "", 0),
    Tag(3, "Polls", 2, "#333333", "", "", 0),
    Tag(6, "Margins", 3, "#666666", "", "", 0),
    Tag(4, "Economy", None, "#444444", "Money.", "", 1),
    Tag(5, "Unused", None, "#555555", "", "", 2),
]


def quote_of(doc_id: int, word: str) -> tuple[int, int, str]:
    text = TEXTS[doc_id]
    start = text.index(word)
    end = text.index("\n", start) if "\n" in text[start:] else len(text)
    return start, end, text[start:end]


def annotation(i, doc_id, word, tags=(), note="", status=AnchorStatus.EXACT) -> Annotation:
    start, end, exact = quote_of(doc_id, word)
    return Annotation(
        id=i,
        document_id=doc_id,
        start=start,
        end=end,
        exact=exact,
        prefix="",
        suffix="",
        note=note,
        author="Ana Lyst",
        created=f"2026-03-0{1 + i % 5}T09:00:00",
        modified="",
        status=status,
        reviewed=True,
        tag_ids=tuple(tags),
    )


ANNOTATIONS = [
    annotation(1, 1, "Alpha", [1], "Politics in general."),
    annotation(2, 1, "Charlie", [3, 4], "Polls and money."),
    annotation(3, 2, "Echo", [2]),
    annotation(4, 2, "Foxtrot", [6], "Deep tag."),
    annotation(5, 3, "Golf", [4], "Economy only."),
    annotation(6, 1, "Bravo", [], "No tag at all."),
    annotation(7, 3, "Golf", [1], "Lost passage.", status=AnchorStatus.ORPHAN),
]
