"""Tagging a passage: one use case for the app and the command line.

The span gains the tags when an annotation already covers exactly that span (the oldest, when
several do; orphans are never matched, their span is stale); any other span becomes a new
annotation. Either way it is one undoable command.
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.core.models import Annotation, Changes
from annotator.services.commands import Command, OffsetFunction, remapped
from annotator.store.library import Library


def exact_match(annotations: Iterable[Annotation], start: int, end: int) -> Annotation | None:
    """The annotation covering exactly ``[start, end)``, the oldest when there are several."""
    found = [a for a in annotations if a.start == start and a.end == end and not a.is_orphan]
    return min(found, key=lambda a: a.id) if found else None


class TagSpan(Command):
    """Tag ``[start, end)`` of a document: the existing annotation of that span gains the tags
    (and the note, appended), or a new annotation is made with them."""

    def __init__(
        self,
        library: Library,
        document_id: int,
        start: int,
        end: int,
        tag_ids: Iterable[int] = (),
        note: str = "",
    ) -> None:
        self.lib = library
        self.document_id, self.span = document_id, (start, end)
        self.tag_ids, self.note = tuple(dict.fromkeys(tag_ids)), note
        self.label = "Tag passage"
        self.annotation: Annotation | None = None  # as it is now that the command ran
        self.created = False  # a new annotation (else tags went onto an existing one)
        self._before: Annotation | None = None  # the existing annotation before the change

    @property
    def annotation_id(self) -> int | None:
        return self.annotation.id if self.annotation is not None else None

    @property
    def changed(self) -> bool:
        """Whether the command did anything (tagging a span with tags it has does nothing)."""
        return self.created or self._before != self.annotation

    def redo(self) -> Changes:
        if self.annotation is None:
            return self._first()
        if self.created:
            return self.lib.annotations.restore(self.annotation).changes
        return self._write(self.annotation.tag_ids, self.annotation.note)

    def undo(self) -> Changes:
        assert self.annotation is not None
        if self.created:
            deleted = self.lib.annotations.delete(self.annotation.id)
            self.annotation = deleted.value
            return deleted.changes
        assert self._before is not None
        return self._write(self._before.tag_ids, self._before.note)

    def remap(self, document_id: int, text: str, map_offset: OffsetFunction) -> bool:
        if document_id != self.document_id:
            return True
        old_start, old_end = self.span
        start, end = map_offset(old_start), map_offset(old_end)
        if self.annotation is not None:
            moved = remapped(self.annotation, document_id, text, map_offset)
            if moved is None:
                return False
            self.annotation = moved
        if self._before is not None:
            before = remapped(self._before, document_id, text, map_offset)
            if before is None:
                return False
            self._before = before
        self.span = (start, end)
        return True

    def _first(self) -> Changes:
        start, end = self.span
        existing = exact_match(self.lib.annotations.for_document(self.document_id), start, end)
        if existing is None:
            created = self.lib.annotations.create(
                self.document_id, start, end, tag_ids=self.tag_ids, note=self.note
            )
            self.annotation, self.created = created.value, True
            self.label = "Highlight passage"
            return created.changes
        self._before = existing
        self.label = "Tag highlight"
        tags = tuple(dict.fromkeys((*existing.tag_ids, *self.tag_ids)))
        changes = self._write(tags, _appended(existing.note, self.note))
        self.annotation = self.lib.annotations.get(existing.id)
        return changes

    def _write(self, tag_ids: tuple[int, ...], note: str) -> Changes:
        assert self._before is not None
        annotation_id = self._before.id
        changes = Changes()
        with self.lib.atomic():
            current = self.lib.annotations.get(annotation_id)
            if current.tag_ids != tag_ids:
                changes.merge(self.lib.annotations.set_tags(annotation_id, tag_ids).changes)
            if current.note != note:
                changes.merge(self.lib.annotations.set_note(annotation_id, note).changes)
        return changes


def tag_span(
    library: Library,
    document_id: int,
    start: int,
    end: int,
    tag_ids: Iterable[int] = (),
    note: str = "",
) -> TagSpan:
    """Tag the span now (the command line); the done command says what it did."""
    command = TagSpan(library, document_id, start, end, tag_ids, note)
    command.redo()
    return command


def _appended(current: str, new: str) -> str:
    """``current`` with ``new`` after a blank line (nothing added when it is there already)."""
    new = new.strip()
    if not new or new in current:
        return current
    return f"{current.rstrip()}\n\n{new}" if current.strip() else new
