"""Merging one tag into another, and undoing it (the tag manager's merge and unmerge)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from annotator.core.models import Changes, Outcome, Tag
from annotator.store.errors import Conflict
from annotator.store.rows import placeholders

if TYPE_CHECKING:
    from annotator.store.library import Library


@dataclass(frozen=True, slots=True)
class MergeRecord:
    """What merging ``source`` into ``target`` changed, enough to undo it."""

    source: Tag
    target_id: int
    moved_children: tuple[int, ...]
    source_links: tuple[int, ...]  # annotations that carried the source tag
    added_links: tuple[int, ...]  # of those, the ones that did not already carry the target
    child_positions: tuple[int, ...] = ()  # each moved child's position under the source


def merge_tags(lib: Library, source_id: int, target_id: int) -> Outcome[MergeRecord]:
    """Fold ``source`` into ``target``: its annotations and children move, then it goes."""
    if source_id == target_id:
        raise Conflict("a tag cannot be merged into itself")
    source = lib.tags.get(source_id)
    target = lib.tags.get(target_id)
    if target_id in lib.tags.descendants(source_id):
        raise Conflict(f"'{source.name}' cannot be merged into its own child '{target.name}'")
    with lib.atomic() as db:
        child_rows = list(
            db.query(
                "SELECT id, position FROM tags WHERE parent_id = ? ORDER BY position, id",
                [source_id],
            )
        )
        children = [r["id"] for r in child_rows]
        for child in children:
            name = lib.tags.get(child).name
            lib.tags.check_unique(name, target_id, exclude=child)
        linked = [
            r["annotation_id"]
            for r in db.query(
                "SELECT annotation_id FROM annotation_tags WHERE tag_id = ?", [source_id]
            )
        ]
        already = {
            r["annotation_id"]
            for r in db.query(
                "SELECT annotation_id FROM annotation_tags WHERE tag_id = ?", [target_id]
            )
        }
        added = [a for a in linked if a not in already]
        db.table("annotation_tags").insert_all(
            [{"annotation_id": a, "tag_id": target_id} for a in added], ignore=True
        )
        db.execute("DELETE FROM annotation_tags WHERE tag_id = ?", [source_id])
        base = lib.tags.next_position(target_id)
        for offset, child in enumerate(children):
            db.execute(
                "UPDATE tags SET parent_id = ?, position = ? WHERE id = ?",
                [target_id, base + offset, child],
            )
        db.execute("DELETE FROM tags WHERE id = ?", [source_id])
    record = MergeRecord(
        source,
        target_id,
        tuple(children),
        tuple(linked),
        tuple(added),
        tuple(r["position"] for r in child_rows),
    )
    changes = Changes(
        tags={source_id, target_id, *children}, annotations=set(linked), tag_tree=True
    )
    return Outcome(record, changes)


def unmerge_tags(lib: Library, record: MergeRecord) -> Outcome[None]:
    """Undo ``merge_tags``: the source tag, its children, annotations and positions come back."""
    from annotator.store.tags import RemovedTags  # tags imports this module

    source = record.source
    with lib.atomic() as db:
        lib.tags.restore(RemovedTags((source,), ()))
        positions = record.child_positions or range(len(record.moved_children))
        for child, position in zip(record.moved_children, positions, strict=False):
            db.execute(
                "UPDATE tags SET parent_id = ?, position = ? WHERE id = ?",
                [source.id, position, child],
            )
        if record.added_links:
            db.execute(
                f"DELETE FROM annotation_tags WHERE tag_id = ? AND annotation_id IN "
                f"({placeholders(record.added_links)})",
                [record.target_id, *record.added_links],
            )
        db.table("annotation_tags").insert_all(
            [{"annotation_id": a, "tag_id": source.id} for a in record.source_links],
            ignore=True,
        )
    changes = Changes(
        tags={source.id, record.target_id, *record.moved_children},
        annotations=set(record.source_links),
        tag_tree=True,
    )
    return Outcome(None, changes)
