"""Undoable changes: each command does and undoes one user action on the store.

The GUI wraps these in QUndoCommands; they hold no Qt, so undo and redo, and the rule that folds
consecutive steps into one (``merge_with``), are tested headless. Every ``redo``/``undo`` returns
the ``Changes`` the store reported, for the views to refresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, replace

from annotator.core.metadata import check_field
from annotator.core.metadata import label as metadata_label
from annotator.core.models import Annotation, Changes, Outcome
from annotator.store.library import Library
from annotator.store.source_rows import RemovedSource
from annotator.store.tags import MergeRecord, RemovedTags

MergeKey = tuple[Hashable, ...]
OffsetFunction = Callable[[int], int]


def remapped(
    annotation: Annotation, document_id: int, text: str, map_offset: OffsetFunction
) -> Annotation | None:
    """``annotation`` moved onto a reloaded ``text`` (None: its quote is not at the mapped
    span). Other documents' annotations and orphans (placed by quote when restored) stay."""
    if annotation.document_id != document_id or annotation.is_orphan:
        return annotation
    start, end = map_offset(annotation.start), map_offset(annotation.end)
    if text[start:end] != annotation.exact:
        return None
    return replace(annotation, start=start, end=end)


class Command:
    """One user action. ``redo`` is called first to do it."""

    label = ""

    def redo(self) -> Changes:
        raise NotImplementedError

    def undo(self) -> Changes:
        raise NotImplementedError

    def merge_key(self) -> MergeKey | None:
        """Commands that may fold together share a key (``None``: this one never folds)."""
        return None

    def merge_with(self, later: Command) -> bool:
        """Fold ``later``, done right after this one, into this undo step; False when it
        stays a step of its own. Only edits of one value fold (typing a note)."""
        return False

    def remap(self, document_id: int, text: str, map_offset: OffsetFunction) -> bool:
        """The document's text was reloaded: move the spans this step holds onto ``text``
        through ``map_offset`` (old offset -> new). False when a span no longer holds the
        same quote: the step cannot be undone or redone faithfully. Steps that name their
        records by id only hold no span and stay as they are."""
        return True


class DeleteAnnotation(Command):
    def __init__(self, library: Library, annotation_id: int) -> None:
        self.lib, self.annotation_id = library, annotation_id
        self.snapshot: Annotation | None = None
        self.label = "Delete highlight"

    def redo(self) -> Changes:
        deleted = self.lib.annotations.delete(self.annotation_id)
        self.snapshot = deleted.value
        return deleted.changes

    def undo(self) -> Changes:
        assert self.snapshot is not None
        return self.lib.annotations.restore(self.snapshot).changes

    def remap(self, document_id: int, text: str, map_offset: OffsetFunction) -> bool:
        if self.snapshot is None:
            return True
        moved = remapped(self.snapshot, document_id, text, map_offset)
        self.snapshot = moved or self.snapshot
        return moved is not None


class SetAnnotationSpan(Command):
    """Widen, narrow or re-attach an annotation."""

    def __init__(self, library: Library, annotation_id: int, start: int, end: int) -> None:
        self.lib, self.annotation_id, self.span = library, annotation_id, (start, end)
        self.before: Annotation | None = None
        self.label = "Change highlight span"

    def redo(self) -> Changes:
        self.before = self.lib.annotations.get(self.annotation_id)
        return self.lib.annotations.set_span(self.annotation_id, *self.span).changes

    def undo(self) -> Changes:
        assert self.before is not None
        return self.lib.annotations.replace_all([self.before]).changes

    def remap(self, document_id: int, text: str, map_offset: OffsetFunction) -> bool:
        if self.before is None or self.before.document_id != document_id:
            return True
        before = remapped(self.before, document_id, text, map_offset)
        start, end = (map_offset(offset) for offset in self.span)
        if before is None:
            return False
        # The new span's words must be the ones chosen: its ends move with the text.
        self.before, self.span = before, (start, end)
        return True


@dataclass
class _Value:
    """How to read and write one value (a note, a name, a colour ...)."""

    get: Callable[[], object]
    set: Callable[[object], Outcome[None]]
    checked_set: Callable[[object, object], Outcome[None]] | None = None
    """(new, expected): write only if the stored value is still ``expected`` (else StaleValue)."""


class SetValue(Command):
    """Set one value; undo puts the old one back. Consecutive edits of one note fold together.

    A checked value (a note) is written only over what this command expects to find: the value
    the editor loaded (``old``) when done or redone, its own ``new`` when undone. A note another
    program changed meanwhile raises StaleValue instead of being overwritten.
    """

    def __init__(
        self,
        label: str,
        value: _Value,
        new: object,
        key: MergeKey | None = None,
        old: object | None = None,
    ) -> None:
        self.label, self.value, self.new, self.key = label, value, new, key
        self.old = value.get() if old is None else old

    def redo(self) -> Changes:
        return self._write(self.new, self.old)

    def undo(self) -> Changes:
        return self._write(self.old, self.new)

    def _write(self, value: object, expected: object) -> Changes:
        if self.value.checked_set is not None:
            return self.value.checked_set(value, expected).changes
        return self.value.set(value).changes

    def merge_key(self) -> MergeKey | None:
        return self.key

    def merge_with(self, later: Command) -> bool:
        """Another edit of the same value (the next keystrokes of a note) joins this step:
        undo then goes back past both, to the value before the first."""
        if self.key is None or not isinstance(later, SetValue) or later.key != self.key:
            return False
        self.new = later.new
        return True


def set_annotation_note(
    lib: Library, annotation_id: int, note: str, expected: str | None = None
) -> SetValue:
    """``expected``: the note as the editor loaded it (default: as stored now)."""
    value = _Value(
        lambda: lib.annotations.get(annotation_id).note,
        lambda v: lib.annotations.set_note(annotation_id, str(v)),
        lambda v, old: lib.annotations.set_note(annotation_id, str(v), expected=str(old)),
    )
    key = ("annotation-note", annotation_id)
    return SetValue("Edit note", value, note, key=key, old=expected)


def set_annotation_tags(lib: Library, annotation_id: int, tag_ids: Iterable[int]) -> SetValue:
    def write(tags: object) -> Outcome[None]:
        assert isinstance(tags, tuple)
        return lib.annotations.set_tags(annotation_id, tags)

    value = _Value(lambda: lib.annotations.get(annotation_id).tag_ids, write)
    return SetValue("Change tags", value, tuple(tag_ids))


def accept_anchor(lib: Library, annotation_id: int) -> SetValue:
    def write(reviewed: object) -> Outcome[None]:
        if reviewed:
            return lib.annotations.accept(annotation_id)
        current = lib.annotations.get(annotation_id)
        return lib.annotations.replace_all([replace(current, reviewed=False)])

    value = _Value(lambda: lib.annotations.get(annotation_id).reviewed, write)
    return SetValue("Accept moved passage", value, True)


def set_document_note(
    lib: Library, document_id: int, note: str, expected: str | None = None
) -> SetValue:
    """``expected``: the note as the editor loaded it (default: as stored now)."""
    value = _Value(
        lambda: lib.documents.get(document_id).note,
        lambda v: lib.documents.set_note(document_id, str(v)),
        lambda v, old: lib.documents.set_note(document_id, str(v), expected=str(old)),
    )
    key = ("document-note", document_id)
    return SetValue("Edit document note", value, note, key=key, old=expected)


def set_document_title(lib: Library, document_id: int, title: str) -> SetValue:
    return set_document_field(lib, document_id, "title", title)


def set_document_field(lib: Library, document_id: int, name: str, value: object) -> SetValue:
    """Set one metadata field (``core.metadata.FIELDS``) as the user's; undo puts back the old
    value and whose it was (a field handed back to the file follows the file again).

    The value is checked here, before the command is pushed: a bad date or URL raises
    ValueError and leaves no step on the undo stack.
    """
    new = check_field(name, value)

    def read() -> tuple[object, bool]:
        document = lib.documents.get(document_id)
        return getattr(document, name), name in document.user_fields

    def write(state: object) -> Outcome[None]:
        assert isinstance(state, tuple)
        stored, by_user = state
        return lib.documents.set_field(document_id, name, stored, by_user=by_user)

    label = "Rename document" if name == "title" else f"Change {metadata_label(name)}"
    return SetValue(label, _Value(read, write), (new, True))


def set_document_metadata(
    lib: Library, document_id: int, values: dict[str, object]
) -> MetadataEdit:
    """Several fields in one undo step (the properties dialog's OK, ``annotator doc``)."""
    return MetadataEdit(lib, document_id, values)


class MetadataEdit(Command):
    """Set several metadata fields of one document; one undo step. Fields whose value does not
    change are left alone (and stay the file's). Every value is checked before anything is
    written: one bad value raises ValueError and nothing changes."""

    def __init__(self, library: Library, document_id: int, values: dict[str, object]) -> None:
        self.lib = library
        document = library.documents.get(document_id)
        self.steps = [
            set_document_field(library, document_id, name, value)
            for name, value in values.items()
            if check_field(name, value) != getattr(document, name)
        ]
        self.label = self.steps[0].label if len(self.steps) == 1 else "Edit document properties"

    def redo(self) -> Changes:
        changes = Changes()
        with self.lib.atomic():
            for step in self.steps:
                changes.merge(step.redo())
        return changes

    def undo(self) -> Changes:
        changes = Changes()
        with self.lib.atomic():
            for step in reversed(self.steps):
                changes.merge(step.undo())
        return changes


def set_project_note(lib: Library, note: str, expected: str | None = None) -> SetValue:
    """``expected``: the note as the editor loaded it (default: as stored now)."""
    value = _Value(
        lambda: lib.project.note,
        lambda v: lib.project.set_note(str(v)),
        lambda v, old: lib.project.set_note(str(v), expected=str(old)),
    )
    return SetValue("Edit project note", value, note, key=("project-note",), old=expected)


def set_project_settings(lib: Library, values: dict[str, str]) -> SetValue:
    """Title, subtitle, author and summary heading as one undoable step."""
    value = _Value(
        lambda: dict(lib.project.settings),
        lambda v: lib.project.set_settings(dict(v)),  # type: ignore[call-overload]
    )
    return SetValue("Change project settings", value, {**lib.project.settings, **values})


def set_tag_note(lib: Library, tag_id: int, note: str, expected: str | None = None) -> SetValue:
    """``expected``: the note as the editor loaded it (default: as stored now)."""
    value = _Value(
        lambda: lib.tags.get(tag_id).note,
        lambda v: lib.tags.set_note(tag_id, str(v)),
        lambda v, old: lib.tags.set_note(tag_id, str(v), expected=str(old)),
    )
    return SetValue("Edit tag note", value, note, key=("tag-note", tag_id), old=expected)


def rename_tag(lib: Library, tag_id: int, name: str) -> SetValue:
    value = _Value(lambda: lib.tags.get(tag_id).name, lambda v: lib.tags.rename(tag_id, str(v)))
    return SetValue("Rename tag", value, name)


def recolor_tag(lib: Library, tag_id: int, color: str) -> SetValue:
    value = _Value(lambda: lib.tags.get(tag_id).color, lambda v: lib.tags.recolor(tag_id, str(v)))
    return SetValue("Change tag colour", value, color)


def describe_tag(lib: Library, tag_id: int, description: str) -> SetValue:
    value = _Value(
        lambda: lib.tags.get(tag_id).description, lambda v: lib.tags.describe(tag_id, str(v))
    )
    return SetValue("Describe tag", value, description, key=("tag-description", tag_id))


def pin_digit_key(lib: Library, digit: int, tag_id: int | None) -> SetValue:
    """Pin key ``digit`` (1-9) to ``tag_id`` (None: unpin it); a tag keeps at most one key."""
    pins = {d: t for d, t in lib.tag_keys.pinned().items() if d != digit and t != tag_id}
    if tag_id is not None:
        pins[digit] = tag_id

    def write(value: object) -> Outcome[None]:
        assert isinstance(value, dict)
        return lib.tag_keys.set_pinned(value)

    value = _Value(lambda: lib.tag_keys.pinned(), write)
    label = f"Pin key {digit}" if tag_id is not None else f"Unpin key {digit}"
    return SetValue(label, value, pins)


class CreateTag(Command):
    def __init__(
        self,
        library: Library,
        name: str,
        parent_id: int | None = None,
        color: str = "",
        description: str = "",
    ) -> None:
        self.lib, self.args = library, (name, parent_id, color, description)
        self.removed: RemovedTags | None = None
        self.tag_id: int | None = None
        self.label = f"New tag '{name}'"

    def redo(self) -> Changes:
        if self.removed is not None:
            return self.lib.tags.restore(self.removed).changes
        name, parent_id, color, description = self.args
        created = self.lib.tags.create(
            name, parent_id=parent_id, color=color, description=description
        )
        self.tag_id = created.value.id
        return created.changes

    def undo(self) -> Changes:
        assert self.tag_id is not None
        deleted = self.lib.tags.delete(self.tag_id)
        self.removed = deleted.value
        return deleted.changes


class MoveTag(Command):
    def __init__(
        self, library: Library, tag_id: int, parent_id: int | None, position: int | None
    ) -> None:
        self.lib, self.tag_id, self.target = library, tag_id, (parent_id, position)
        tag = library.tags.get(tag_id)
        siblings = [t.id for t in library.tags.list() if t.parent_id == tag.parent_id]
        self.origin = (tag.parent_id, siblings.index(tag_id))
        self.label = "Move tag"

    def redo(self) -> Changes:
        return self.lib.tags.move(self.tag_id, *self.target).changes

    def undo(self) -> Changes:
        return self.lib.tags.move(self.tag_id, *self.origin).changes


class MergeTags(Command):
    def __init__(self, library: Library, source_id: int, target_id: int) -> None:
        self.lib, self.ids = library, (source_id, target_id)
        self.record: MergeRecord | None = None
        self.label = "Merge tags"

    def redo(self) -> Changes:
        merged = self.lib.tags.merge(*self.ids)
        self.record = merged.value
        return merged.changes

    def undo(self) -> Changes:
        assert self.record is not None
        return self.lib.tags.unmerge(self.record).changes


class DeleteTag(Command):
    def __init__(self, library: Library, tag_id: int) -> None:
        self.lib, self.tag_id = library, tag_id
        self.removed: RemovedTags | None = None
        self.label = "Delete tag"

    def redo(self) -> Changes:
        deleted = self.lib.tags.delete(self.tag_id)
        self.removed = deleted.value
        return deleted.changes

    def undo(self) -> Changes:
        assert self.removed is not None
        return self.lib.tags.restore(self.removed).changes


class RemoveSource(Command):
    """Take a source (a file, or a folder with every document in it) out of the project; undo
    brings back its documents, their texts, annotations and tag links as they were."""

    def __init__(self, library: Library, source_id: int, label: str = "Remove source") -> None:
        self.lib, self.source_id = library, source_id
        self.removed: RemovedSource | None = None
        self.label = label

    def redo(self) -> Changes:
        removed = self.lib.sources.remove(self.source_id)
        self.removed = removed.value
        return removed.changes

    def undo(self) -> Changes:
        assert self.removed is not None
        return self.lib.sources.restore(self.removed).changes
