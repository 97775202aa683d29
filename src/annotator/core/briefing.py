"""The briefing as pure data: options, sections following the tag tree, excerpts, sources.

``build_briefing`` turns the core records into a ``Briefing`` that every renderer (Word, Markdown,
CSV) walks without touching the store. Paragraph locators ("¶ 12") count the non-empty lines of a
document: the text is split on every newline (a blank line and a single newline both end a
paragraph), lines holding only whitespace are skipped, and the first paragraph is number 1. An
excerpt's paragraph is the one holding its first non-whitespace character.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath

from annotator.core.models import AnchorStatus, Annotation, DocStatus, Document, Tag

GROUP_BY = ("tag", "document")
ORDERS = ("position", "date")
UNTAGGED_TITLE = "Untagged"


class EmptyBriefing(ValueError):
    """The selection holds nothing to put in a briefing."""


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """What the user chose in the export dialog."""

    title: str = "Briefing"
    subtitle: str = ""
    author: str = ""
    date: str = ""  # shown as given (the caller formats it)
    group_by: str = "tag"  # "tag" | "document"
    order: str = "position"  # "position" (document order, then offset) | "date" (created)
    include_document_notes: bool = True
    include_orphans: bool = False
    notes_as_comments: bool = False

    def __post_init__(self) -> None:
        if self.group_by not in GROUP_BY:
            raise ValueError(f"group_by must be one of {GROUP_BY}, not {self.group_by!r}")
        if self.order not in ORDERS:
            raise ValueError(f"order must be one of {ORDERS}, not {self.order!r}")


@dataclass(frozen=True, slots=True)
class TagRef:
    """A tag as an excerpt carries it: its name and its path in the tree ("Parent / Child")."""

    id: int
    name: str
    path: str


@dataclass(frozen=True, slots=True)
class Excerpt:
    """One annotation, ready to print."""

    annotation_id: int
    document_id: int
    document_title: str
    document_path: str
    paragraph: int | None  # None: unknown (orphan, or the document text is unavailable)
    start: int
    end: int
    quote: str
    note: str
    tags: tuple[TagRef, ...]  # in tag-tree order
    author: str
    created: str
    status: AnchorStatus

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    @property
    def is_orphan(self) -> bool:
        return self.status is AnchorStatus.ORPHAN


@dataclass(frozen=True, slots=True)
class Section:
    """A tag (nested like the tag tree), a document, or the untagged excerpts."""

    key: str  # stable, unique in the briefing: "tag-3", "doc-7", "untagged"
    kind: str  # "tag" | "document" | "untagged"
    title: str
    level: int  # 1 for top-level sections
    description: str = ""
    note: str = ""
    color: str = ""
    tag_id: int | None = None
    document_id: int | None = None
    excerpts: tuple[Excerpt, ...] = ()  # its own, in the chosen order
    children: tuple[Section, ...] = ()
    excerpt_count: int = 0  # distinct excerpts here and in every descendant
    source_count: int = 0  # distinct documents those excerpts come from
    tag_count: int = 0  # distinct tags those excerpts carry (what a document section shows)

    def other_tags(self, excerpt: Excerpt) -> tuple[TagRef, ...]:
        """The excerpt's tags except the one this section stands for."""
        return tuple(t for t in excerpt.tags if t.id != self.tag_id)

    def walk(self) -> Iterator[Section]:
        """This section and its descendants, depth first in reading order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """A document cited by the briefing."""

    document_id: int
    title: str
    path: str
    file_name: str
    word_count: int
    read_at: str
    note: str  # empty unless include_document_notes
    excerpt_count: int
    missing: bool  # the source file is no longer on disk

    @property
    def key(self) -> str:
        return f"src-{self.document_id}"


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a renderer needs, in reading order."""

    options: BriefingOptions
    project_name: str
    summary: str  # the project note
    sections: tuple[Section, ...]
    orphans: tuple[Excerpt, ...]  # empty unless include_orphans
    sources: tuple[SourceEntry, ...]
    keywords: tuple[str, ...] = field(default=())  # names of the tags used, tree order
    selection: tuple[Excerpt, ...] = field(default=())  # the body's excerpts once, chosen order

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def excerpts(self) -> Iterator[Excerpt]:
        """Every distinct excerpt once in the chosen order: the body's, then the orphans."""
        yield from self.selection
        yield from self.orphans

    @property
    def placement_count(self) -> int:
        """Excerpt blocks in the body (an excerpt counts once per section it appears in)."""
        return sum(len(s.excerpts) for s in self.walk())


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
) -> Briefing:
    """Arrange the (already filtered) annotations into a briefing.

    ``documents`` gives the document order; ``tags`` are all the project's tags. Raises
    ``EmptyBriefing`` when nothing would be printed.
    """
    if not annotations:
        raise EmptyBriefing("No excerpts are selected: choose some excerpts to compile a briefing.")
    tree = _TagTree(tags)
    docs = {d.id: d for d in documents}
    doc_rank = {d.id: i for i, d in enumerate(documents)}
    indexes: dict[int, ParagraphIndex] = {}

    def make(a: Annotation) -> Excerpt:
        doc = docs.get(a.document_id)
        paragraph = None
        if not a.is_orphan and a.document_id in texts:
            index = indexes.get(a.document_id)
            if index is None:
                index = indexes[a.document_id] = ParagraphIndex(texts[a.document_id])
            paragraph = index.number_at(a.start)
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
        sections = _document_sections(body, docs, doc_rank, options.include_document_notes)
    else:
        sections = tree.sections(body)
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
    return Briefing(
        options=options,
        project_name=project_name,
        summary=project_note,
        sections=sections,
        orphans=orphans,
        sources=sources,
        keywords=keywords,
        selection=tuple(body),
    )


class _TagTree:
    """The tag tree in display order, tolerant of dangling parents and cycles."""

    def __init__(self, tags: Sequence[Tag]) -> None:
        self.tags = {t.id: t for t in tags}
        kids: dict[int | None, list[Tag]] = {}
        for t in tags:
            parent = t.parent_id if t.parent_id in self.tags and t.parent_id != t.id else None
            kids.setdefault(parent, []).append(t)
        for siblings in kids.values():
            siblings.sort(key=lambda t: (t.position, t.name.casefold(), t.id))
        self._kids = kids
        self.children: dict[int | None, list[Tag]] = {}  # the tree as placed (no cycles)
        self.order: list[int] = []
        self.depth: dict[int, int] = {}
        self.paths: dict[int, str] = {}
        self._visit(None, 0, "")
        # Tags caught in a parent cycle are unreachable from the roots: show them as roots.
        for t in sorted(tags, key=lambda t: (t.position, t.name.casefold(), t.id)):
            if t.id not in self.depth:
                self._place(t, None, 1, "")
        self._rank = {tag_id: i for i, tag_id in enumerate(self.order)}

    def _visit(self, parent: int | None, depth: int, prefix: str) -> None:
        for t in self._kids.get(parent, []):
            if t.id not in self.depth:
                self._place(t, parent, depth + 1, prefix)

    def _place(self, t: Tag, parent: int | None, depth: int, prefix: str) -> None:
        self.children.setdefault(parent, []).append(t)
        self.depth[t.id] = depth
        self.paths[t.id] = f"{prefix} / {t.name}" if prefix else t.name
        self.order.append(t.id)
        self._visit(t.id, depth, self.paths[t.id])

    def rank(self, ref: TagRef) -> int:
        return self._rank[ref.id]

    def ref(self, tag_id: int) -> TagRef:
        return TagRef(tag_id, self.tags[tag_id].name, self.paths[tag_id])

    def sections(self, body: list[Excerpt]) -> tuple[Section, ...]:
        by_tag: dict[int, list[Excerpt]] = {}
        untagged: list[Excerpt] = []
        for e in body:
            if not e.tags:
                untagged.append(e)
            for t in e.tags:
                by_tag.setdefault(t.id, []).append(e)

        def build(t: Tag) -> Section | None:
            kids = [s for s in (build(c) for c in self.children.get(t.id, [])) if s]
            own = by_tag.get(t.id, [])
            if not own and not kids:
                return None
            ids = {e.annotation_id for e in own}
            docs = {e.document_id for e in own}
            for kid in kids:
                for s in kid.walk():
                    ids.update(e.annotation_id for e in s.excerpts)
                    docs.update(e.document_id for e in s.excerpts)
            return Section(
                key=f"tag-{t.id}",
                kind="tag",
                title=t.name,
                level=self.depth[t.id],
                description=t.description,
                note=t.note,
                color=t.color,
                tag_id=t.id,
                excerpts=tuple(own),
                children=tuple(kids),
                excerpt_count=len(ids),
                source_count=len(docs),
            )

        roots = [s for s in (build(t) for t in self.children.get(None, [])) if s]
        if untagged:
            roots.append(
                Section(
                    key="untagged",
                    kind="untagged",
                    title=UNTAGGED_TITLE,
                    level=1,
                    description="Excerpts that carry no tag.",
                    excerpts=tuple(untagged),
                    excerpt_count=len(untagged),
                    source_count=len({e.document_id for e in untagged}),
                )
            )
        return tuple(roots)


def _document_sections(
    body: list[Excerpt], docs: Mapping[int, Document], rank: Mapping[int, int], with_notes: bool
) -> tuple[Section, ...]:
    grouped: dict[int, list[Excerpt]] = {}
    for e in body:  # already in the chosen order, which each document keeps
        grouped.setdefault(e.document_id, []).append(e)
    sections = []
    for doc_id in sorted(grouped, key=lambda i: (rank.get(i, len(rank)), i)):
        items = grouped[doc_id]
        doc = docs.get(doc_id)
        sections.append(
            Section(
                key=f"doc-{doc_id}",
                kind="document",
                title=items[0].document_title,
                level=1,
                description=doc.path if doc else "",
                note=doc.note if doc and with_notes else "",
                document_id=doc_id,
                excerpts=tuple(items),
                excerpt_count=len(items),
                source_count=1,
                tag_count=len({t.id for e in items for t in e.tags}),
            )
        )
    return tuple(sections)


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
    )
