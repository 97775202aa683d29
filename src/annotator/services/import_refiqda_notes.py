"""Parts of a REFI-QDA import: notes written twice, notes merged, and code groups (``<Sets>``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.core.models import Annotation, Changes
from annotator.interchange.refiqda_read import SetItem
from annotator.store.library import Library

if TYPE_CHECKING:
    from annotator.services.import_refiqda import RefiImportReport


def import_groups(
    lib: Library, sets: list[SetItem], tag_ids: dict[str, int], report: RefiImportReport
) -> Changes:
    """ATLAS.ti's code groups become tag groups; what a group cannot hold is named."""
    changes = Changes()
    for item in sets:
        name = " ".join(item.name.split()) or "Unnamed group"
        tags = [tag_ids[ref] for ref in item.code_refs if ref in tag_ids]
        missing = len(item.code_refs) - len(tags)
        if item.source_refs and not item.code_refs:
            report.problems.append(
                f"the document group “{name}” ({len(item.source_refs)} documents) was not "
                "imported: Annotator groups tags, not documents"
            )
            continue
        group = lib.interchange.add_group(name, tags, description=item.description, guid=item.guid)
        changes.merge(group.changes)
        line = f"{name}: {len(tags)} tags"
        if missing:
            line += f" ({missing} members name codes not in the codebook: left out)"
        if item.source_refs:
            line += f" ({len(item.source_refs)} documents in it: left out)"
        report.groups.append(line)
    return changes


def distinct(*parts: str) -> list[str]:
    """The non-empty parts, each once: a note written both as a Description and as a Note."""
    kept: list[str] = []
    for part in (p.strip() for p in parts):
        if part and not any(part in other for other in kept):
            kept = [other for other in kept if other not in part] + [part]
    return kept


def without_repeat(description: str, note: str) -> str:
    """A code's Description without the note it repeats (written there for QualCoder)."""
    description, note = description.strip(), note.strip()
    if note and description.endswith(note):
        return description[: -len(note)].strip()
    return description


def same_annotation(annotation: Annotation, author: str | None, note: str) -> bool:
    """Whether a selection with ``author`` and ``note`` on the span of ``annotation`` is it.

    QualCoder writes one selection per code, all by the same user with at most one memo: those
    are one annotation. Two users, or two different notes, are two annotations that happen to
    cover the same words. A note already contained in the annotation's is a re-import.
    """
    if author is not None and annotation.author != author:
        return False
    note, current = note.strip(), annotation.note.strip()
    return not note or not current or note in current


def merge_note(current: str, new: str) -> str | None:
    """``current`` with ``new`` appended, or None when there is nothing new (a re-import)."""
    new = new.strip()
    if not new or new in current:
        return None
    return f"{current.rstrip()}\n\n{new}" if current.strip() else new
