"""Keep the reading view's highlights in step with the store: tag colours, incremental updates."""

from __future__ import annotations

import html

from PySide6.QtGui import QPalette

from annotator.core.models import AnchorStatus, Annotation, Changes
from annotator.store.library import Library
from annotator.ui.reading_view import ReadingView
from annotator.ui.segments import Highlight
from annotator.ui.theme import warning_color

NOTE_CHARS = 240
REVIEW_MESSAGES = {
    AnchorStatus.MOVED: "Moved by a change to the file: check and accept it in the inspector",
    AnchorStatus.EDITED: (
        "Edited: words changed inside by a change to the file: check and accept it in the inspector"
    ),
}


def needs_review(a: Annotation) -> bool:
    """Re-anchoring moved or edited ``a`` and the reader has not accepted it yet."""
    return a.status in REVIEW_MESSAGES and not a.reviewed


class HighlightSync:
    """Turns annotations into ``Highlight``s for one view and applies changes to them."""

    def __init__(self, library: Library, view: ReadingView) -> None:
        self.library = library
        self.view = view
        self.tag_colors: dict[int, str] = {}
        self.tag_names: dict[int, str] = {}
        self.load_tags()

    def load_tags(self) -> None:
        tags = self.library.tags.list()
        self.tag_colors = {t.id: t.color for t in tags}
        self.tag_names = {t.id: t.name for t in tags}
        self.view.set_tag_names(self.tag_names)  # the margin strip's labels

    def highlight(self, a: Annotation) -> Highlight:
        tag_ids = tuple(t for t in a.tag_ids if t in self.tag_colors)
        colors = tuple(self.tag_colors[t] for t in tag_ids)
        return Highlight(a.id, a.start, a.end, colors, tag_ids, needs_review(a))

    def highlights(self, annotations: list[Annotation]) -> list[Highlight]:
        """What the view paints: orphans have no place in the text and are left out."""
        return [self.highlight(a) for a in annotations if not a.is_orphan and a.end > a.start]

    def apply(self, changes: Changes, document_id: int) -> None:
        """Follow ``changes`` in the open document: only the touched highlights repaint.

        A tag recoloured, renamed, merged or deleted can show on any highlight, so those
        rebuild the document's highlights (one document, cheap).
        """
        if changes.tag_tree or changes.tags:
            before = self.tag_colors
            self.load_tags()
            # ``tags`` also names tags whose counts moved (a highlight made): only a tag that
            # changed colour or went away makes every highlight stale.
            if changes.tag_tree or any(
                before.get(t) != self.tag_colors.get(t) for t in changes.tags
            ):
                self.view.set_highlights(
                    self.highlights(self.library.annotations.for_document(document_id))
                )
                return
        if changes.annotations:
            self.refresh(changes.annotations, document_id)

    def refresh(self, annotation_ids: set[int], document_id: int) -> None:
        """Update only the highlights of ``annotation_ids`` (added, changed or gone)."""
        found = {a.id: a for a in self.library.annotations.many(sorted(annotation_ids))}
        for annotation_id in annotation_ids:
            a = found.get(annotation_id)
            if a is None or a.document_id != document_id or a.is_orphan:
                self.view.remove_highlight(annotation_id)
            else:
                self.view.update_highlight(self.highlight(a))

    def tooltip(self, ids: list[int]) -> str:
        """Rich text over highlights: each one's tags (with their colour), note, and whether it
        waits for the reader to accept where a change to the file put it."""
        parts = []
        review = warning_color(self.view.palette().color(QPalette.ColorRole.ToolTipBase)).name()
        for a in self.library.annotations.many(ids):
            tags = ", ".join(
                f"<span style='color:{self.tag_colors.get(t, '')}'>■</span> "
                f"{html.escape(self.tag_names.get(t, '?'))}"
                for t in a.tag_ids
            )
            note = a.note[:NOTE_CHARS] + ("…" if len(a.note) > NOTE_CHARS else "")
            note = html.escape(note)
            part = (tags or "<i>untagged</i>") + (f"<br>{note}" if note else "")
            if needs_review(a):
                message = html.escape(REVIEW_MESSAGES[a.status])
                part += f"<br><span style='color:{review}'>◆</span> <i>{message}</i>"
            parts.append(part)
        return "<hr>".join(parts)

    def summary(self, ids: list[int]) -> str:
        """One line for the status bar: how many highlights, and their tags."""
        names: list[str] = []
        to_check = 0
        for a in self.library.annotations.many(ids):
            names.extend(self.tag_names[t] for t in a.tag_ids if t in self.tag_names)
            to_check += needs_review(a)
        label = ", ".join(dict.fromkeys(names)) or "untagged"
        check = f" ({to_check} moved or edited: check in the inspector)" if to_check else ""
        return f"{len(ids)} highlight{'s' * (len(ids) != 1)} here: {label}{check}"

    def filter_ids(self, tag_ids: tuple[int, ...]) -> set[int]:
        """The tags a view filter on ``tag_ids`` shows: each with every tag below it."""
        shown: set[int] = set()
        for tag_id in tag_ids:
            shown |= self.library.tags.descendants(tag_id)
        return shown
