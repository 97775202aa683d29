"""The project's records as an annotations or codebook export writes them: plain data, no store.

The services fill a ``ProjectSnapshot`` from the project; the interchange writers (W3C JSON,
REFI-QDA) turn it into a file without ever touching the database, as the briefing renderers do
with a ``Briefing``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from annotator.core.models import Annotation, Document, Tag, TagGroup


@dataclass(frozen=True)
class ProjectSnapshot:
    """What to export: the tags, the documents and the annotations chosen, with the texts."""

    name: str  # the project's name
    author: str  # who the project credits new annotations to
    note: str  # the project note
    tags: tuple[Tag, ...] = ()  # the whole tag tree, parents before children
    documents: tuple[Document, ...] = ()  # every document, or those of the chosen annotations
    annotations: tuple[Annotation, ...] = ()  # the chosen ones, by document then position
    texts: Mapping[int, str] = field(default_factory=dict)  # document id -> text (may be lazy)
    partial: bool = False  # a selection of the annotations, not all of them
    uuid: str = ""  # the project's UUID: exported ids are unique to the project
    # Stable identifiers by kind ("tag", "document", "annotation", "group") and record id.
    guids: Mapping[str, Mapping[int, str]] = field(default_factory=dict)
    locations: Mapping[int, str] = field(default_factory=dict)  # document id -> its file's path
    groups: tuple[TagGroup, ...] = ()  # named sets of tags (ATLAS.ti's code groups)

    def guid(self, kind: str, item_id: int) -> str:
        """The item's stable GUID ('' when the snapshot holds none: the writer makes one)."""
        return self.guids.get(kind, {}).get(item_id, "")

    def tag_path(self, tag_id: int) -> str:
        """ "Parent/Child" for a tag of the snapshot ("" for an unknown id)."""
        by_id = {tag.id: tag for tag in self.tags}
        names: list[str] = []
        current: int | None = tag_id
        while current is not None and current in by_id and len(names) <= len(by_id):
            names.append(by_id[current].name)
            current = by_id[current].parent_id
        return "/".join(reversed(names))

    def tag_paths(self) -> dict[int, str]:
        """Every tag's path, computed in one pass over the tree."""
        by_id = {tag.id: tag for tag in self.tags}
        paths: dict[int, str] = {}
        for tag in self.tags:  # parents come first, so each parent's path is known
            parent = paths.get(tag.parent_id) if tag.parent_id in by_id else None
            paths[tag.id] = f"{parent}/{tag.name}" if parent else tag.name
        return paths

    def by_document(self) -> dict[int, list[Annotation]]:
        """The chosen annotations of each document, by position (then id)."""
        grouped: dict[int, list[Annotation]] = {}
        for annotation in sorted(self.annotations, key=lambda a: (a.start, a.id)):
            grouped.setdefault(annotation.document_id, []).append(annotation)
        return grouped
