"""The domain records: documents, tags, annotations and the filter over excerpts.

Offsets are Python code-point indices into a document's normalised text (newlines are ``\\n``),
everywhere in the core and in the database. The GUI converts Qt's UTF-16 positions at its boundary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class AnchorStatus(StrEnum):
    """How an annotation's span relates to the text it was made on."""

    EXACT = "exact"  # the same words, possibly at another offset after edits elsewhere
    EDITED = "edited"  # found in place, with words changed inside
    MOVED = "moved"  # found elsewhere (a moved passage)
    ORPHAN = "orphan"  # not found: kept with its quote and context, never deleted


class DocStatus(StrEnum):
    """Whether a document's source file is on disk."""

    PRESENT = "present"
    MISSING = "missing"


class Match(StrEnum):
    """How several tags combine in a filter."""

    ANY = "any"
    ALL = "all"


@dataclass(frozen=True, slots=True)
class Source:
    """A folder (watched as a whole) or a single file that documents come from."""

    id: int
    path: str  # absolute path of the folder, or of the single file
    kind: str  # "folder" or "file"


@dataclass(frozen=True, slots=True)
class Document:
    """A source text. ``text`` is loaded only when asked for (see the store)."""

    id: int
    source_id: int
    path: str  # relative to the source folder (a file source: its file name)
    title: str
    content_hash: str
    status: DocStatus
    encoding: str
    word_count: int
    char_count: int
    note: str
    created: str
    modified: str
    read_at: str  # when the text was last read from disk
    annotation_count: int = 0
    needs_review: int = 0  # annotations moved or edited by re-anchoring, not yet accepted
    orphan_count: int = 0
    # Citation metadata (core.metadata): filled from the file where it states them, editable.
    authors: tuple[str, ...] = ()
    outlet: str = ""  # the publisher, site or journal
    published: str = ""  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"; "" when unknown
    url: str = ""
    citation_note: str = ""  # free text a citation adds ("translated from the Russian")
    format: str = ""  # the key of the source format that reads its file ("text", "pdf")
    # The metadata fields the user set: reading the file again does not overwrite them.
    user_fields: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Tag:
    """A node of the tag tree."""

    id: int
    name: str
    parent_id: int | None
    color: str  # "#rrggbb"
    description: str
    note: str
    position: int  # order among siblings
    count: int = 0  # annotations carrying this tag itself (not its descendants)


@dataclass(frozen=True, slots=True)
class Annotation:
    """A highlighted span of a document, with zero or more tags and a note."""

    id: int
    document_id: int
    start: int
    end: int
    exact: str  # the quote
    prefix: str  # up to 32 characters before the quote
    suffix: str  # up to 32 characters after the quote
    note: str
    author: str
    created: str
    modified: str
    status: AnchorStatus
    reviewed: bool  # the user accepted a moved/edited anchor (exact ones count as reviewed)
    tag_ids: tuple[int, ...] = ()
    # Why an imported annotation awaits review though its status is exact ("position convention
    # not verified"); '' for every other annotation.
    review_reason: str = ""

    @property
    def is_orphan(self) -> bool:
        return self.status is AnchorStatus.ORPHAN


@dataclass(frozen=True, slots=True)
class ExcerptFilter:
    """Which annotations the excerpts list (and an export) shows.

    Tags match their descendants. An empty filter matches every annotation, untagged ones and
    orphans included.
    """

    tag_ids: tuple[int, ...] = ()
    match: Match = Match.ANY
    document_ids: tuple[int, ...] = ()
    search: str = ""  # full text over quotes and notes
    authors: tuple[str, ...] = ()
    created_from: str = ""  # ISO date or timestamp, inclusive
    created_to: str = ""  # ISO date or timestamp, inclusive (a bare date covers the whole day)
    statuses: tuple[AnchorStatus, ...] = ()
    untagged_only: bool = False

    @property
    def is_empty(self) -> bool:
        return self == ExcerptFilter()


@dataclass(slots=True)
class Changes:
    """What one operation changed, so views refresh only what is stale (as Anki's OpChanges)."""

    documents: set[int] = field(default_factory=set)
    annotations: set[int] = field(default_factory=set)
    tags: set[int] = field(default_factory=set)
    tag_tree: bool = False  # tags created, deleted, moved or merged
    project: bool = False  # project name or note
    sources: set[int] = field(default_factory=set)  # folders or files added as sources

    def merge(self, other: Changes) -> Changes:
        self.documents |= other.documents
        self.annotations |= other.annotations
        self.tags |= other.tags
        self.tag_tree = self.tag_tree or other.tag_tree
        self.project = self.project or other.project
        self.sources |= other.sources
        return self

    def __bool__(self) -> bool:
        return bool(
            self.documents
            or self.annotations
            or self.tags
            or self.tag_tree
            or self.project
            or self.sources
        )


@dataclass(frozen=True, slots=True)
class Outcome(Generic[T]):
    """What a change to the project returned: its value (None when there is none) and what it
    changed. Every store method that writes returns one, so no caller patches the record."""

    value: T
    changes: Changes


@dataclass(frozen=True, slots=True)
class TagGroup:
    """A named set of tags (ATLAS.ti's code groups, REFI-QDA ``<Sets>``): a filter, not a tree."""

    id: int
    name: str
    description: str
    guid: str  # the GUID it came with ('' for a group made here)
    tag_ids: tuple[int, ...] = ()
