"""Applying a tag from the app: to the selected passage, or to the current highlight."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.models import Annotation
from annotator.services import commands as cmd
from annotator.services.tagging import TagSpan
from annotator.ui.controller import ProjectController


@dataclass(frozen=True, slots=True)
class TagResult:
    """What applying a tag did, for the status bar and for making the annotation current."""

    annotation_id: int | None
    message: str
    created: bool = False


def apply_tag(
    controller: ProjectController,
    tag_id: int,
    *,
    document_id: int | None,
    span: tuple[int, int] | None,
    current_annotation: int | None,
) -> TagResult:
    """Tag the selected passage or, with nothing selected, the current annotation.

    The selection is tagged by the services' one use case (``TagSpan``): a selection that
    matches an existing highlight exactly adds the tag to it, any other becomes a new highlight
    carrying the tag. One undo step either way.
    """
    library = controller.library
    try:
        tag = library.tags.get(tag_id)
    except LookupError:
        return TagResult(None, "That tag no longer exists.")
    if document_id is not None and span is not None and span[0] < span[1]:
        command = TagSpan(library, document_id, *span, tag_ids=(tag_id,))
        if not controller.push(command):
            return TagResult(None, "The passage could not be highlighted.")
        if command.created:
            return TagResult(command.annotation_id, f"Highlighted as “{tag.name}”.", created=True)
        if not command.changed:
            return TagResult(command.annotation_id, f"Already tagged “{tag.name}”.")
        return TagResult(command.annotation_id, f"Added “{tag.name}”.")
    if current_annotation is not None:
        try:
            annotation = library.annotations.get(current_annotation)
        except LookupError:
            return TagResult(None, "Select a passage to tag first.")
        return _add_to(controller, annotation, tag_id, tag.name)
    return TagResult(None, "Select a passage to tag first.")


def _add_to(
    controller: ProjectController, annotation: Annotation, tag_id: int, name: str
) -> TagResult:
    if tag_id in annotation.tag_ids:
        return TagResult(annotation.id, f"Already tagged “{name}”.")
    tags = (*annotation.tag_ids, tag_id)
    if not controller.push(cmd.set_annotation_tags(controller.library, annotation.id, tags)):
        return TagResult(None, "The tag could not be added.")
    return TagResult(annotation.id, f"Added “{name}”.")


def reattach(controller: ProjectController, annotation_id: int, start: int, end: int) -> bool:
    """Move an annotation (an orphan, or a moved passage) onto ``[start, end)`` of the text."""
    return controller.push(cmd.SetAnnotationSpan(controller.library, annotation_id, start, end))
