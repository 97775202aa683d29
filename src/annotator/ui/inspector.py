"""The inspector: the highlight under the cursor, with its tags, note, anchor status and delete.

``show_annotation(id | None)`` shows one highlight; ``show_candidates(ids)`` takes every
highlight under the cursor and, when several overlap, lists them to pick from. Every change
(remove or add a tag, type a note, accept a moved anchor, delete) is one undoable command.
Signal ``annotation_deleted(int)`` follows the "Delete highlight" button.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.core.metadata import page_span
from annotator.core.models import AnchorStatus, Annotation, Changes
from annotator.services import commands as cmd
from annotator.store.errors import NotFound
from annotator.ui.chips import FlowLayout, TagChip
from annotator.ui.controller import ProjectController
from annotator.ui.note_editor import NoteEditor
from annotator.ui.quick_tag import QuickTagBox
from annotator.ui.theme import REVIEW_COLOR, swatch_icon

QUOTE_CHARS = 280  # longer quotes are cut in the middle of the panel, never the whole text


def elide(text: str, limit: int = QUOTE_CHARS) -> str:
    """``text`` on one paragraph, cut at a word boundary near ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > limit // 2 else limit].rstrip(" ,;:.") + "…"


def status_message(annotation: Annotation) -> str:
    """What the anchor status means for the reader, or "" when there is nothing to check."""
    if annotation.status is AnchorStatus.ORPHAN:
        return (
            "Orphaned: this passage was not found in the current text. Its quote and note "
            "are kept; select the right text to re-attach it, or delete it."
        )
    if annotation.reviewed:
        return ""
    if annotation.status is AnchorStatus.MOVED:
        return "Moved: the file changed and this passage was found elsewhere. Check it."
    if annotation.status is AnchorStatus.EDITED:
        return "Edited: the file changed and words inside this passage differ. Check it."
    return ""


class Inspector(QWidget):
    """Details and editing of the highlight under the cursor."""

    annotation_deleted = Signal(int)

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._annotation: Annotation | None = None
        self._candidates: list[int] = []
        self._gone: int | None = None  # shown, then deleted: an undo brings it back here
        self._build()
        controller.changed.connect(self._on_changed)
        self.show_annotation(None)

    # Layout -------------------------------------------------------------------------------

    def _build(self) -> None:
        self.empty = QLabel(
            "No highlight here.\n\nPut the cursor in a highlighted passage to see its tags "
            "and note, or select text and press a tag's digit key (or Ctrl+T) to highlight it."
        )
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setContentsMargins(8, 8, 8, 8)

        self.candidates = QListWidget()
        self.candidates.setMaximumHeight(96)
        self.candidates.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.candidates.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.candidates.setToolTip("Several highlights overlap here: pick one")
        self.candidates.currentItemChanged.connect(self._candidate_picked)
        self.candidates_label = QLabel("Overlapping highlights:")

        self.quote = QLabel()
        self.quote.setWordWrap(True)
        self.quote.setTextFormat(Qt.TextFormat.PlainText)
        self.quote.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.quote.font()
        font.setItalic(True)
        self.quote.setFont(font)
        self.location = QLabel()
        self.location.setTextFormat(Qt.TextFormat.PlainText)
        self.location.setWordWrap(True)
        self.location.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # follows the theme

        self.status_frame = QFrame()
        self.status_frame.setFrameShape(QFrame.Shape.StyledPanel)
        tint = REVIEW_COLOR.lighter(170).name()
        self.status_frame.setStyleSheet(
            f"QFrame {{ background: {tint}; border-radius: 4px; }} QLabel {{ color: #1b1f24; }}"
        )
        self.status_label = QLabel()
        self.status_label.setWordWrap(True)
        self.accept_button = QPushButton("Accept")
        self.accept_button.setToolTip("The passage is right where it is now: stop flagging it")
        self.accept_button.clicked.connect(self.accept_anchor)
        status_layout = QHBoxLayout(self.status_frame)
        status_layout.setContentsMargins(6, 4, 6, 4)
        status_layout.addWidget(self.status_label, 1)
        status_layout.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)

        self.chips_box = QWidget()
        self.chips = FlowLayout(self.chips_box)
        self.no_tags = QLabel("No tags yet")
        self.no_tags.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.tag_box = QuickTagBox(self.controller)
        self.tag_box.tag_chosen.connect(self.add_tag)

        self.note = NoteEditor(self.controller)
        self.note.setMinimumHeight(80)
        self.delete_button = QPushButton("Delete highlight")
        self.delete_button.setToolTip("Remove this highlight with its tags and note (undoable)")
        self.delete_button.clicked.connect(self.delete_annotation)

        details = _Details()
        layout = QVBoxLayout(details)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.candidates_label)
        layout.addWidget(self.candidates)
        layout.addWidget(self.quote)
        layout.addWidget(self.location)
        layout.addWidget(self.status_frame)
        layout.addWidget(_heading("Tags"))
        layout.addWidget(self.chips_box)
        layout.addWidget(self.no_tags)
        layout.addWidget(self.tag_box)
        layout.addWidget(_heading("Note"))
        layout.addWidget(self.note, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        layout.addLayout(buttons)

        # A short pane (the reader dragged the splitter up, or an orphan's message and the
        # overlap list are showing) scrolls instead of piling the widgets on top of each other.
        self.details_scroll = QScrollArea()
        self.details_scroll.setWidget(details)
        self.details_scroll.setWidgetResizable(True)
        self.details_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.details_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.empty)
        self.stack.addWidget(self.details_scroll)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # Public API ---------------------------------------------------------------------------

    def annotation_id(self) -> int | None:
        return self._annotation.id if self._annotation else None

    def show_annotation(self, annotation_id: int | None) -> None:
        """Show one highlight (None: the empty page); the candidate list goes away."""
        self._gone = None
        self._set_candidates([] if annotation_id is None else [annotation_id])
        self._show(annotation_id)

    def show_candidates(self, ids: Iterable[int]) -> None:
        """Show the highlights under the cursor; with several, a list to pick one from."""
        ids = list(dict.fromkeys(int(i) for i in ids))
        self._gone = None
        self._set_candidates(ids)
        current = self.annotation_id()
        self._show(current if current in ids else (ids[0] if ids else None))

    def add_tag(self, tag_id: int) -> None:
        if self._annotation is None or tag_id in self._annotation.tag_ids:
            return
        tags = [*self._annotation.tag_ids, tag_id]
        self.controller.push(cmd.set_annotation_tags(self.controller.library, self._id, tags))

    def remove_tag(self, tag_id: int) -> None:
        if self._annotation is None:
            return
        tags = [t for t in self._annotation.tag_ids if t != tag_id]
        self.controller.push(cmd.set_annotation_tags(self.controller.library, self._id, tags))

    def accept_anchor(self) -> None:
        if self._annotation is not None:
            self.controller.push(cmd.accept_anchor(self.controller.library, self._id))

    def delete_annotation(self) -> None:
        if self._annotation is None:
            return
        annotation_id = self._id
        self.note.flush()
        if self.controller.push(cmd.DeleteAnnotation(self.controller.library, annotation_id)):
            self.annotation_deleted.emit(annotation_id)

    # Internals ----------------------------------------------------------------------------

    @property
    def _id(self) -> int:
        assert self._annotation is not None
        return self._annotation.id

    def _show(self, annotation_id: int | None) -> None:
        annotation = None
        if annotation_id is not None:
            try:
                annotation = self.controller.library.annotations.get(annotation_id)
            except NotFound:
                annotation = None
                self._gone = annotation_id
        if (annotation.id if annotation else None) != self.annotation_id():
            # Half-typed text meant for the last highlight must not tag this one on Enter.
            self.tag_box.clear()
        self._annotation = annotation
        self.note.set_target("annotation", annotation.id if annotation else None)
        self._select_candidate(annotation.id if annotation else None)
        if annotation is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.stack.setCurrentIndex(1)
        self._fill(annotation)

    def _fill(self, annotation: Annotation) -> None:
        lib = self.controller.library
        self.quote.setText(f"“{elide(annotation.exact)}”")
        self.quote.setToolTip(annotation.exact if len(annotation.exact) > QUOTE_CHARS else "")
        try:
            title = lib.documents.get(annotation.document_id).title
        except NotFound:
            title = "(document removed)"
        where = f"characters {annotation.start:,}–{annotation.end:,}"
        try:
            page = page_span(
                lib.documents.pages(annotation.document_id), annotation.start, annotation.end
            )
        except NotFound:
            page = ""
        if page:
            # A PDF's page, as a citation gives it ("p. 12", "pp. 12–13").
            where = f"{'pp.' if '–' in page else 'p.'} {page} · {where}"
        if annotation.is_orphan:
            where = "not found in the current text"
        self.location.setText(f"{title}\n{where}")
        message = status_message(annotation)
        self.status_frame.setVisible(bool(message))
        self.status_label.setText(message)
        self.accept_button.setVisible(bool(message) and not annotation.is_orphan)
        self._fill_chips(annotation)

    def _fill_chips(self, annotation: Annotation) -> None:
        while self.chips.count():
            item = self.chips.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()  # deleteLater runs later; a stale chip must not show meanwhile
                widget.setParent(None)
                widget.deleteLater()
        tags = {t.id: t for t in self.controller.library.tags.list()}
        for tag_id in annotation.tag_ids:
            tag = tags.get(tag_id)
            if tag is None:
                continue
            tip = self.controller.library.tags.path(tag_id, list(tags.values()))
            if tag.description:
                tip += "\n" + tag.description
            chip = TagChip(tag.id, tag.name, tag.color, tip)
            chip.remove_requested.connect(self.remove_tag)
            self.chips.addWidget(chip)
        self.no_tags.setVisible(not annotation.tag_ids)
        self.chips_box.setVisible(bool(annotation.tag_ids))
        self.chips_box.updateGeometry()

    def chip(self, tag_id: int) -> TagChip | None:
        for index in range(self.chips.count()):
            item = self.chips.itemAt(index)
            widget = item.widget() if item is not None else None
            if isinstance(widget, TagChip) and widget.tag_id == tag_id:
                return widget
        return None

    def _set_candidates(self, ids: list[int]) -> None:
        self._candidates = ids
        many = len(ids) > 1
        self.candidates.blockSignals(True)
        self.candidates.clear()
        if many:
            lib = self.controller.library
            tags = {t.id: t for t in lib.tags.list()}
            for annotation in lib.annotations.many(ids):
                first = next((tags[t] for t in annotation.tag_ids if t in tags), None)
                names = ", ".join(tags[t].name for t in annotation.tag_ids if t in tags)
                text = elide(annotation.exact, 60) + (f"  [{names}]" if names else "")
                item = QListWidgetItem(text)
                if first is not None:
                    item.setIcon(swatch_icon(first.color))
                item.setData(Qt.ItemDataRole.UserRole, annotation.id)
                item.setToolTip(elide(annotation.exact, 400))
                self.candidates.addItem(item)
        self.candidates.blockSignals(False)
        self.candidates.setVisible(many)
        self.candidates_label.setVisible(many)

    def _select_candidate(self, annotation_id: int | None) -> None:
        self.candidates.blockSignals(True)
        for row in range(self.candidates.count()):
            item = self.candidates.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == annotation_id:
                self.candidates.setCurrentItem(item)
        self.candidates.blockSignals(False)

    def _candidate_picked(
        self, item: QListWidgetItem | None, _previous: QListWidgetItem | None = None
    ) -> None:
        if item is not None:
            self._show(int(item.data(Qt.ItemDataRole.UserRole)))

    def _on_changed(self, changes: Changes) -> None:
        if self._annotation is None:
            if self._gone is not None and self._gone in changes.annotations:
                self._show(self._gone)
            return
        touched = self._id in changes.annotations
        tags = changes.tag_tree or bool(changes.tags & set(self._annotation.tag_ids))
        if touched and not tags:
            try:
                fresh = self.controller.library.annotations.get(self._id)
            except NotFound:
                fresh = None
            if fresh is not None and _same_but_note(fresh, self._annotation):
                self._annotation = fresh  # typing the note: nothing shown here changed
                return
        if touched or tags or self._annotation.document_id in changes.documents:
            if set(self._candidates) & changes.annotations and len(self._candidates) > 1:
                alive = [a.id for a in self.controller.library.annotations.many(self._candidates)]
                self._set_candidates(alive)
            self._show(self._id)


class _Details(QWidget):
    """The inspector's page: in its scroll area, it fills the pane and scrolls only when even
    its smallest layout (a short note box) does not fit."""

    def heightForWidth(self, width: int) -> int:  # noqa: N802 (Qt override)
        layout = self.layout()
        return layout.minimumHeightForWidth(width) if layout else super().heightForWidth(width)


def _same_but_note(a: Annotation, b: Annotation) -> bool:
    return replace(a, note=b.note, modified=b.modified) == b


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label
