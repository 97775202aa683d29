"""The briefing as pure data: ``build_briefing`` turns the core records into a ``Briefing``.

Every renderer (Word, Markdown, CSV) walks the result without touching the store. Paragraph
locators ("¶ 12") count the non-empty lines of a document: the text is split on every newline (a
blank line and a single newline both end a paragraph), lines holding only whitespace are skipped,
and the first paragraph is number 1. An excerpt's paragraph is the one holding its first
non-whitespace character. A source with a page map (a PDF) is cited by page ("p. 12") instead.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from pathlib import PurePath

from annotator.core.briefing_model import (
    DEFAULT_SUMMARY_HEADING,
    GROUP_BY,
    ORDERS,
    UNTAGGED_TITLE,
    Briefing,
    BriefingOptions,
    EmptyBriefing,
    Excerpt,
    HeatMap,
    HeatRow,
    Section,
    SourceEntry,
    TagRef,
)
from annotator.core.briefing_tree import TagTree, document_sections, heat_map, tag_sections
from annotator.core.metadata import Pages, page_at, page_span
from annotator.core.models import Annotation, DocStatus, Document, Tag
from annotator.core.sentences import context

__all__ = [
    "DEFAULT_SUMMARY_HEADING",
    "GROUP_BY",
    "ORDERS",
    "UNTAGGED_TITLE",
    "Briefing",
    "BriefingOptions",
    "EmptyBriefing",
    "Excerpt",
    "HeatMap",
    "HeatRow",
    "ParagraphIndex",
    "Section",
    "SourceEntry",
    "TagRef",
    "build_briefing",
    "page_at",
    "repair_surrogates",
]


_SURROGATE = re.compile("[\ud800-\udfff]")


def repair_surrogates(text: str) -> str:
    """Join surrogate pairs into their character and replace lone surrogates with U+FFFD.

    Such strings come from text decoded with ``surrogatepass``/``surrogateescape``; UTF-8 encoders
    (python-docx, files) refuse them.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


class ParagraphIndex:
    """Maps offsets of one text to paragraph numbers (see the module docstring)."""

    __slots__ = ("_starts", "_text")

    def __init__(self, text: str) -> None:
        self._text = text
        starts: list[int] = []
        offset = 0
        for line in text.split("\n"):
            if line.strip():
                starts.append(offset)
            offset += len(line) + 1
        self._starts = starts

    def number_at(self, offset: int) -> int | None:
        if not self._starts or offset < 0 or offset > len(self._text):
            return None
        text = self._text
        while offset < len(text) and text[offset].isspace():
            offset += 1
        return max(1, bisect.bisect_right(self._starts, offset))


def build_briefing(
    options: BriefingOptions,
    *,
    project_name: str,
    project_note: str,
    documents: Sequence[Document],
    texts: Mapping[int, str],
    tags: Sequence[Tag],
    annotations: Sequence[Annotation],
    pages: Mapping[int, Pages] | None = None,
) -> Briefing:
    """Arrange the (already filtered) annotations into a briefing.

    ``documents`` gives the document order; ``tags`` are all the project's tags; ``pages`` maps a
    paged document (a PDF) to its page map (``core.metadata``). Raises ``EmptyBriefing`` when
    nothing would be printed.
    """
    if not annotations:
        raise EmptyBriefing("No excerpts are selected: choose some excerpts to compile a briefing.")
    tree = TagTree(tags)
    docs = {d.id: d for d in documents}
    doc_rank = {d.id: i for i, d in enumerate(documents)}
    indexes: dict[int, ParagraphIndex] = {}
    page_maps = pages or {}

    def make(a: Annotation) -> Excerpt:
        doc = docs.get(a.document_id)
        paragraph = None
        page = ""
        before = after = ""
        text = texts.get(a.document_id)
        if not a.is_orphan and text is not None:
            index = indexes.get(a.document_id)
            if index is None:
                index = indexes[a.document_id] = ParagraphIndex(text)
            paragraph = index.number_at(a.start)
            page = page_span(page_maps.get(a.document_id, ()), a.start, a.end)
            if options.context:
                before, after = context(text, a.start, a.end)
        refs = tuple(sorted((tree.ref(t) for t in set(a.tag_ids) if t in tree.tags), key=tree.rank))
        return Excerpt(
            annotation_id=a.id,
            document_id=a.document_id,
            document_title=doc.title if doc else f"Document {a.document_id}",
            document_path=doc.path if doc else "",
            paragraph=paragraph,
            start=a.start,
            end=a.end,
            quote=a.exact,
            note=a.note,
            tags=refs,
            author=a.author,
            created=a.created,
            status=a.status,
            page=page,
            before=before,
            after=after,
            block_id=a.id,
        )

    def sort_key(e: Excerpt) -> tuple:
        position = (doc_rank.get(e.document_id, len(doc_rank)), e.document_id, e.start, e.end)
        if options.order == "date":
            return (e.created, *position, e.annotation_id)
        return (*position, e.annotation_id)

    excerpts = sorted((make(a) for a in annotations), key=sort_key)
    body = [e for e in excerpts if not e.is_orphan]
    orphans = tuple(e for e in excerpts if e.is_orphan) if options.include_orphans else ()
    if not body and not orphans:
        raise EmptyBriefing(
            "The selected excerpts are all orphaned (their passages were not found in the "
            "current text): include orphans to compile them."
        )
    if options.group_by == "document":
        sections, body = document_sections(body, docs, doc_rank, options.include_document_notes)
    else:
        sections, body = tag_sections(tree, body, options.selected_tags)
    cited = {e.document_id for e in body} | {e.document_id for e in orphans}
    counts: dict[int, int] = {}
    for e in body + list(orphans):
        counts[e.document_id] = counts.get(e.document_id, 0) + 1
    sources = tuple(
        _source(docs.get(i), i, counts[i], options.include_document_notes)
        for i in sorted(cited, key=lambda i: (doc_rank.get(i, len(doc_rank)), i))
    )
    used = {t.id for e in body + list(orphans) for t in e.tags}
    keywords = tuple(tree.tags[i].name for i in tree.order if i in used)
    by_tag = options.group_by == "tag"
    return Briefing(
        options=options,
        project_name=project_name,
        summary=project_note,
        sections=sections,
        orphans=orphans,
        sources=sources,
        keywords=keywords,
        selection=tuple(body),
        heat_map=heat_map(tree, sections, body, sources, by_tag, options.selected_tags),
    )


def _source(doc: Document | None, doc_id: int, count: int, with_notes: bool) -> SourceEntry:
    if doc is None:
        return SourceEntry(doc_id, f"Document {doc_id}", "", "", 0, "", "", count, True)
    return SourceEntry(
        document_id=doc.id,
        title=doc.title,
        path=doc.path,
        file_name=PurePath(doc.path.replace("\\", "/")).name,
        word_count=doc.word_count,
        read_at=doc.read_at,
        note=doc.note if with_notes else "",
        excerpt_count=count,
        missing=doc.status == DocStatus.MISSING,
        # From the file or typed by the user; a field nobody knows stays empty, never a file name.
        authors=doc.authors,
        outlet=doc.outlet,
        published=doc.published,
        url=doc.url,
        citation_note=doc.citation_note,
        format=doc.format,
    )
