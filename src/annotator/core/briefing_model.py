"""The briefing's records: options, excerpts, sections, sources and the tag × document heat map."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from annotator.core.models import AnchorStatus

GROUP_BY = ("tag", "document")
ORDERS = ("position", "date")
UNTAGGED_TITLE = "Untagged"
DEFAULT_SUMMARY_HEADING = "Summary"


class EmptyBriefing(ValueError):
    """The selection holds nothing to put in a briefing."""


@dataclass(frozen=True, slots=True)
class BriefingOptions:
    """What the user chose in the export dialog (or on the command line)."""

    title: str = "Briefing"
    subtitle: str = ""
    author: str = ""
    date: str = ""  # shown as given (the caller formats it)
    group_by: str = "tag"  # "tag" | "document"
    order: str = "position"  # "position" (document order, then offset) | "date" (created)
    include_document_notes: bool = True
    include_orphans: bool = False
    notes_as_comments: bool = False
    summary_heading: str = DEFAULT_SUMMARY_HEADING
    context: bool = False  # the sentence before and after each quote
    # The tags the selection asked for: sections for them and their descendants only (empty:
    # every tag).
    selected_tags: tuple[int, ...] = ()

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


def locator_text(page: str, paragraph: int | None) -> str:
    """ "p. 12" ("pp. 12–13") for a passage on a source's pages, else "¶ 12" (no-break space
    inside); "" when neither is known."""
    if page:
        return f"{'pp.' if '–' in page else 'p.'}\u00a0{page}"
    return f"¶\u00a0{paragraph}" if paragraph is not None else ""


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
    page: str = ""  # the source's page label(s): "12", "12–13" (PDF sources with a page map)
    before: str = ""  # context: the sentence before the quote (empty unless asked for)
    after: str = ""  # context: the sentence after it
    # Where the excerpt is printed in full: that section's key and title, and the annotation
    # id of the block holding it (its own, or that of the passage it lies inside).
    home_key: str = ""
    home_title: str = ""
    block_id: int = 0
    inner: tuple[Excerpt, ...] = ()  # selected passages inside this one, printed within it

    @property
    def tag_names(self) -> tuple[str, ...]:
        return tuple(t.name for t in self.tags)

    @property
    def is_orphan(self) -> bool:
        return self.status is AnchorStatus.ORPHAN

    @property
    def locator(self) -> str:
        """ "p. 12" ("pp. 12–13") for a paged source, else "¶ 12" (no-break space inside); ""
        when unknown."""
        return locator_text(self.page, self.paragraph)

    @property
    def changed_note(self) -> str:
        """What happened to the passage since it was highlighted, in plain words."""
        if self.status is AnchorStatus.EDITED:
            return "wording changed since highlighted"
        if self.status is AnchorStatus.MOVED:
            return "moved in the source since highlighted"
        return ""


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
    excerpts: tuple[Excerpt, ...] = ()  # printed here in full, in the chosen order
    references: tuple[Excerpt, ...] = ()  # belong here too but printed in full elsewhere
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
    """A document cited by the briefing, with what its reference needs."""

    document_id: int
    title: str
    path: str
    file_name: str
    word_count: int
    read_at: str
    note: str  # empty unless include_document_notes
    excerpt_count: int
    missing: bool  # the source file is no longer on disk
    authors: tuple[str, ...] = ()
    outlet: str = ""
    published: str = ""  # ISO date as far as known ("2023", "2023-02", "2023-02-27")
    url: str = ""
    citation_note: str = ""  # the user's own addition to the reference
    format: str = ""  # the source format's label ("PDF", "Web page"...)

    @property
    def key(self) -> str:
        return f"src-{self.document_id}"


@dataclass(frozen=True, slots=True)
class HeatRow:
    """One tag's excerpt counts per document column (own and nested tags' excerpts)."""

    title: str
    level: int
    link_keys: tuple[str, ...]  # per column: the section a cell links to ("" for none)
    counts: tuple[int, ...]
    total: int


@dataclass(frozen=True, slots=True)
class HeatMap:
    """The overview's tag × document table; ``others`` adds a column for the remaining sources."""

    columns: tuple[SourceEntry, ...]
    rows: tuple[HeatRow, ...]
    others: bool = False

    @property
    def peak(self) -> int:
        return max((c for r in self.rows for c in r.counts), default=0)


@dataclass(frozen=True, slots=True)
class Briefing:
    """Everything a renderer needs, in reading order."""

    options: BriefingOptions
    project_name: str  # as the user set it ("" when never set: no file name leaks in)
    summary: str  # the project note
    sections: tuple[Section, ...]
    orphans: tuple[Excerpt, ...]  # empty unless include_orphans
    sources: tuple[SourceEntry, ...]
    keywords: tuple[str, ...] = field(default=())  # names of the tags used, tree order
    selection: tuple[Excerpt, ...] = field(default=())  # the body's excerpts once, chosen order
    heat_map: HeatMap | None = None

    def walk(self) -> Iterator[Section]:
        for section in self.sections:
            yield from section.walk()

    def excerpts(self) -> Iterator[Excerpt]:
        """Every distinct excerpt once in the chosen order: the body's, then the orphans."""
        yield from self.selection
        yield from self.orphans

    @property
    def placement_count(self) -> int:
        """Excerpt blocks in the body: each excerpt once (a nested one inside its container)."""
        return sum(len(s.excerpts) for s in self.walk())
