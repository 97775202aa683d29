"""The main window's annotating behaviour: tag, fit, re-attach, delete, pick among overlaps.

A mixin of ``MainWindow`` (kept apart to keep each module to one job); what it needs of the
window is declared at the top of the class.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from annotator.store.errors import StoreError
from annotator.ui import annotate
from annotator.ui.window_layout import STATUS_TIMEOUT_MS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStatusBar

    from annotator.store.library import Library
    from annotator.ui.coding_menu import CodingMenus
    from annotator.ui.controller import ProjectController
    from annotator.ui.highlight_sync import HighlightSync
    from annotator.ui.window_layout import WindowParts


class AnnotatingMixin:
    """Turns the reader's selections, clicks, keys and drops into annotation commands."""

    # What the window provides (MainWindow sets them in __init__, or defines them).
    parts: WindowParts
    controller: ProjectController
    library: Library
    sync: HighlightSync
    coding: CodingMenus
    _document_id: int | None
    _current_annotation: int | None
    _last_inspected: int | None
    _caret_ids: list[int]
    show_status: Callable[[str], None]
    show_error: Callable[[str], None]
    open_document: Callable[..., bool]
    statusBar: Callable[[], QStatusBar]  # noqa: N815 (Qt's name)

    def apply_tag(self, tag_id: int) -> int | None:
        """Tag the selection (or the current highlight); returns the annotation tagged."""
        result = annotate.apply_tag(
            self.controller,
            tag_id,
            document_id=self._document_id,
            span=self.parts.view.tagging_span(),
            current_annotation=self._current_annotation,
        )
        self.show_status(result.message)
        if result.annotation_id is not None:
            self.coding.remember(tag_id)
            self._current_annotation = result.annotation_id
            self._show_in_inspector(result.annotation_id)
        return result.annotation_id

    def _on_tag_dropped(self, tag_id: int, under: list[int]) -> None:
        """A tag dragged onto the text tags the selection, or else the highlight it landed on."""
        if self.parts.view.selected_span() is None:
            if not under:
                self.show_status("Select a passage first, or drop the tag on a highlight.")
                return
            self._current_annotation = under[0]
        self.apply_tag(tag_id)

    def apply_digit(self, digit: int) -> bool:
        keys = self.parts.tag_panel.digit_keys()
        if digit not in keys:
            self.show_status(
                f"No tag on key {digit}: right-click a tag in the tree to pin it to a key."
            )
            return False
        return self.apply_tag(keys[digit]) is not None

    def delete_current_highlight(self) -> None:
        if self._current_annotation is None:
            self.show_status("Click a highlight to delete it.")
            return
        if self.parts.inspector.annotation_id() != self._current_annotation:
            self.parts.inspector.show_annotation(self._current_annotation)
        self.parts.inspector.delete_annotation()  # saves a note being typed first

    def fit_to_selection(self, annotation_id: int | None = None) -> None:
        """Widen or narrow a highlight to the passage selected in the text.

        Without an id: the highlight the selection overlaps (the last inspected one when
        several do), so "select the wider passage, press Ctrl+Shift+R" just works.
        """
        span = self.parts.view.tagging_span()
        if span is None or span[0] == span[1]:
            self.show_status("Select the passage the highlight should cover, then fit it again.")
            return
        if annotation_id is None:
            overlapping = [
                h.annotation_id
                for h in self.parts.view.highlights()
                if h.start < span[1] and span[0] < h.end
            ]
            if self._last_inspected in overlapping:
                annotation_id = self._last_inspected
            elif len(overlapping) == 1:
                annotation_id = overlapping[0]
            else:
                self.show_status(
                    "Select a passage that overlaps the highlight to fit"
                    if not overlapping
                    else "Several highlights overlap the selection: click the one to fit first."
                )
                return
        if annotate.reattach(self.controller, annotation_id, *span):
            self.parts.view.select_span(span[1], span[1], scroll=False)
            self._current_annotation = annotation_id
            self._show_in_inspector(annotation_id)
            self.show_status("The highlight now covers the selected passage.")

    def reattach_annotation(self, annotation_id: int) -> None:
        """Attach an orphaned or moved annotation to the passage selected in the view."""
        span = self.parts.view.tagging_span()
        if span is None or span[0] == span[1]:
            self.show_status("Select the passage to attach it to, then choose Re-attach again.")
            return
        if annotate.reattach(self.controller, annotation_id, *span):
            self._show_in_inspector(annotation_id)  # where its tags and note can be checked
            self.show_status("The highlight now covers the selected passage.")

    def _on_annotation_clicked(self, ids: list[int]) -> None:
        self._caret_ids = ids
        if not ids:
            self._current_annotation = None
            self.parts.inspector.show_annotation(None)
            self.parts.excerpts.clear_selection()
            return
        # Overlapping highlights: the inspector lists them, starting from the innermost.
        spans = {a.id: a.end - a.start for a in self.library.annotations.many(ids)}
        ordered = sorted(ids, key=lambda i: (spans.get(i, 0), i))
        self.parts.inspector.show_candidates(ordered)
        self._current_annotation = self.parts.inspector.annotation_id()
        if self._current_annotation is not None:
            self._last_inspected = self._current_annotation
            if not self.parts.excerpts.select_annotation(self._current_annotation, quiet=True):
                self.parts.excerpts.clear_selection()

    def _on_selection_changed(self, start: int, end: int) -> None:
        if start != end:
            self._current_annotation = None
            return
        # The caret (moved by keys or a click) makes the highlights under it current.
        ids = self.parts.view.annotations_at(start)
        if not ids:
            if self._current_annotation is not None:
                self._current_annotation = None
                self.parts.inspector.show_annotation(None)
                self.parts.excerpts.clear_selection()
            return
        if set(ids) != set(self._caret_ids):
            self._on_annotation_clicked(ids)
        self._caret_ids = ids

    def _on_hovered(self, ids: list[int]) -> None:
        if ids:
            self.statusBar().showMessage(self.sync.summary(ids), STATUS_TIMEOUT_MS)
        else:
            self.statusBar().clearMessage()

    def _on_annotation_deleted(self, annotation_id: int) -> None:
        if self._current_annotation == annotation_id:
            self._current_annotation = None
        self.show_status("Highlight deleted (Undo brings it back).")

    def _on_inspector_candidate(self) -> None:
        shown = self.parts.inspector.annotation_id()
        if shown is not None:
            # The picked one is what tagging, Del and "fit to selection" act on now.
            self._current_annotation = shown
            self._last_inspected = shown
            self.parts.excerpts.select_annotation(shown, quiet=True)

    def _show_in_inspector(self, annotation_id: int) -> None:
        self._current_annotation = annotation_id
        self._last_inspected = annotation_id
        self.parts.inspector.show_annotation(annotation_id)
        # The excerpts list marks the same highlight the inspector shows (or none).
        if not self.parts.excerpts.select_annotation(annotation_id, quiet=True):
            self.parts.excerpts.clear_selection()

    def open_hit(self, document_id: int, start: int, end: int) -> None:
        """Open a document at one search hit, selected (the search list keeps the focus, so
        the reader can step through the hits with the arrow keys)."""
        if not self.open_document(document_id, restore_scroll=False):
            return
        n = len(self.parts.view.text())
        end = min(end, n)
        self.parts.view.select_span(min(start, end), end)

    def jump_to_annotation(self, annotation_id: int) -> None:
        """Open the annotation's document, select its passage and show it in the inspector."""
        try:
            a = self.library.annotations.get(annotation_id)
        except StoreError as error:
            self.show_error(str(error))
            return
        if not self.open_document(a.document_id, restore_scroll=False):
            return
        if a.is_orphan:
            self.show_status("This passage was not found in the current text (orphaned).")
        else:
            end = min(a.end, len(self.parts.view.text()))
            self.parts.view.select_span(min(a.start, end), end)
        self._show_in_inspector(annotation_id)
        self.parts.excerpts.select_annotation(annotation_id)
        self.parts.view.setFocus()
