"""The right-click menu of the reading view: code a selection or a highlight from where it is.

On a selection: the recent tags, "Tag with…", fit the highlight under it, copy, copy the quote
with its citation. On a highlight: the same tags (added to that highlight), its note, copy with
citation, delete. Everything goes through the window's own commands, so undo covers it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMenu

from annotator.services.citing import quote_with_citation
from annotator.store.errors import StoreError
from annotator.ui.theme import swatch_icon

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

RECENT = 5  # tags offered at the top of the menu


class CodingMenus:
    """Builds and shows the reading view's context menu; remembers the tags used last."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.recent: list[int] = []
        self.menu: QMenu | None = None  # the menu shown last (tests drive it)

    def remember(self, tag_id: int) -> None:
        """``tag_id`` was just applied: it heads the recent tags."""
        self.recent = [tag_id, *[t for t in self.recent if t != tag_id]][: RECENT * 2]

    def offered_tags(self) -> list[int]:
        """The recent tags still in the tree, then the tags on keys 1, 2, … (five in all)."""
        library = self.window.library
        alive = {t.id for t in library.tags.list()}
        recent = [t for t in self.recent if t in alive]
        keyed = self.window.parts.tag_panel.first_nine()
        return list(dict.fromkeys([*recent, *keyed]))[:RECENT]

    def show(self, global_pos: QPoint, ids: list[int]) -> QMenu:
        """Build the menu for what is under the pointer (``ids``) and the selection, and pop
        it up at ``global_pos`` (not modal: the window stays live behind it)."""
        if self.menu is not None:
            self.menu.close()
            self.menu.deleteLater()
        menu = self.menu = self.build(ids)
        menu.popup(global_pos)
        return menu

    def build(self, ids: list[int]) -> QMenu:
        w = self.window
        view = w.parts.view
        span = view.tagging_span()
        if span is not None and span[0] == span[1]:
            span = None
        target = self._target(ids, span)
        menu = QMenu(view)
        menu.setObjectName("CodingMenu")
        keys = {t: d for d, t in w.parts.tag_panel.digit_keys().items()}
        what = "selection" if span is not None else "highlight"
        if span is not None or target is not None:
            for tag_id in self.offered_tags():
                tag = w.parts.tag_panel.model.tag(tag_id)
                if tag is None:
                    continue
                text = f"Tag with “{w.parts.tag_panel.model.path(tag_id)}”"
                action = menu.addAction(swatch_icon(tag.color), text)
                if tag_id in keys:
                    action.setShortcut(str(keys[tag_id]))  # shown, not bound: keys do it already
                action.triggered.connect(lambda _c=False, t=tag_id: self._tag(t, target, span))
            menu.addAction("Tag with…", lambda: self._tag_with(target, span)).setShortcut(
                "Ctrl+T"
            )
            menu.addSeparator()
        if target is not None:
            menu.addAction("Note…", lambda: self._note(target)).setShortcut("Ctrl+Shift+N")
        fit = menu.addAction("Fit highlight to selection", lambda: w.fit_to_selection(target))
        fit.setShortcut("Ctrl+Shift+R")
        fit.setEnabled(span is not None and self._overlapping(span) != [])
        menu.addSeparator()
        if span is not None:
            menu.addAction("Copy", view.copy).setShortcut("Ctrl+C")
        quoted = span if span is not None else self._span_of(target)
        copy_cited = menu.addAction(
            "Copy quote with citation", lambda: self._copy_cited(quoted)
        )
        copy_cited.setEnabled(quoted is not None)
        if target is not None:
            menu.addSeparator()
            menu.addAction("Delete highlight", lambda: self._delete(target)).setShortcut("Del")
        if span is None and target is None:
            menu.addAction("Select all", view.selectAll)
        menu.setToolTipsVisible(True)
        menu.setProperty("coding_target", what)
        return menu

    # -- what the entries do -----------------------------------------------------------------

    def _target(self, ids: list[int], span: tuple[int, int] | None) -> int | None:
        """The highlight the menu acts on: the innermost under the pointer, or with a selection
        only the one the selection overlaps (None when several or none do)."""
        w = self.window
        if span is None:
            if not ids:
                return None
            spans = {a.id: a.end - a.start for a in w.library.annotations.many(ids)}
            return min(ids, key=lambda i: (spans.get(i, 0), i))
        overlapping = self._overlapping(span)
        if w.current_annotation() in overlapping:
            return w.current_annotation()
        return overlapping[0] if len(overlapping) == 1 else None

    def _overlapping(self, span: tuple[int, int]) -> list[int]:
        return [
            h.annotation_id
            for h in self.window.parts.view.highlights()
            if h.start < span[1] and span[0] < h.end
        ]

    def _span_of(self, annotation_id: int | None) -> tuple[int, int] | None:
        if annotation_id is None:
            return None
        try:
            a = self.window.library.annotations.get(annotation_id)
        except StoreError:
            return None
        return None if a.is_orphan else (a.start, a.end)

    def _tag(self, tag_id: int, target: int | None, span: tuple[int, int] | None) -> None:
        w = self.window
        if span is None and target is not None:
            w._show_in_inspector(target)  # tagging without a selection tags the current one
        w.apply_tag(tag_id)

    def _tag_with(self, target: int | None, span: tuple[int, int] | None) -> None:
        w = self.window
        if span is not None:
            w.actions_.on_quick_tag()
        elif target is not None:
            w._show_in_inspector(target)
            w.parts.inspector.tag_box.setFocus(Qt.FocusReason.PopupFocusReason)

    def _note(self, target: int) -> None:
        w = self.window
        w._show_in_inspector(target)
        w.parts.inspector.note.setFocus(Qt.FocusReason.PopupFocusReason)

    def _copy_cited(self, span: tuple[int, int] | None) -> None:
        w = self.window
        document_id = w.current_document()
        if span is None or document_id is None:
            return
        try:
            text = quote_with_citation(w.library, document_id, *span)
        except StoreError as error:
            w.show_error(str(error))
            return
        QGuiApplication.clipboard().setText(text)
        w.show_status("Copied the quote with its citation.")

    def _delete(self, target: int) -> None:
        w = self.window
        w._show_in_inspector(target)
        w.delete_current_highlight()
