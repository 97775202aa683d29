"""The orphans and review list: passages re-anchoring lost, moved or edited, to settle."""

from __future__ import annotations

import html

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSize, Qt, Signal, SignalInstance
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QApplication,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.core.models import AnchorStatus, Annotation, Changes, ExcerptFilter
from annotator.core.wording import word_diff
from annotator.services import commands as cmd
from annotator.ui.controller import ProjectController
from annotator.ui.theme import is_dark

_LABELS = {
    AnchorStatus.ORPHAN: "Orphan: its text is gone",
    AnchorStatus.MOVED: "Moved: found elsewhere in the new text",
    AnchorStatus.EDITED: "Edited: words changed inside",
    # An imported passage whose file's way of counting positions could not be checked.
    AnchorStatus.EXACT: "Not verified: imported where the file puts it",
}
_ROLE_ID = Qt.ItemDataRole.UserRole
_ROLE_HTML = Qt.ItemDataRole.UserRole + 1
_PAD = 6


def _label(annotation: Annotation) -> str:
    if annotation.status is AnchorStatus.EXACT and annotation.review_reason:
        return f"Not verified: {annotation.review_reason}"
    return _LABELS[annotation.status]


def _item_html(label_text: str, quote: str, details: list[str], change: str = "") -> str:
    label, _, explanation = label_text.partition(": ")
    rest = "".join(f"<br><small>{html.escape(line)}</small>" for line in details)
    shown = change or html.escape(quote)
    return (
        f"<b>{html.escape(label)}</b> <small>· {html.escape(explanation)}</small>"
        f"<br><i>“{shown}”</i>{rest}"
    )


def change_html(old: str, new: str, palette: QPalette) -> str:
    """The edit from ``old`` to ``new`` wording: deleted words struck through in red, inserted
    ones underlined in green (colours that read on the palette's background)."""
    dark = is_dark(palette)
    deleted = "#ff8a80" if dark else "#b3261e"
    inserted = "#8be28b" if dark else "#1b7f3b"
    parts = []
    pieces = word_diff(" ".join(old.split()), " ".join(new.split()))
    for at, (kind, text) in enumerate(pieces):
        words = html.escape(text)
        if kind == "deleted":
            parts.append(f'<s style="color:{deleted}">{words}</s>')
            if at + 1 < len(pieces) and pieces[at + 1][0] == "inserted":
                parts.append(" ")  # "price cost", not "pricecost": two words to compare
        elif kind == "inserted":
            parts.append(f'<u style="color:{inserted}">{words}</u>')
        else:
            parts.append(words)
    return "".join(parts)


_Index = QModelIndex | QPersistentModelIndex


class _RichItemDelegate(QStyledItemDelegate):
    """Draws each entry as a small formatted card: status in bold, the quote in italics."""

    def _document(self, option: QStyleOptionViewItem, index: _Index) -> QTextDocument:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setHtml(index.data(_ROLE_HTML) or "")
        document.setTextWidth(max(80, option.rect.width() - 2 * _PAD))
        return document

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget)
        document = self._document(option, index)
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(role))
        painter.save()
        painter.translate(opt.rect.left() + _PAD, opt.rect.top() + _PAD)
        document.documentLayout().draw(painter, context)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _Index) -> QSize:  # noqa: N802
        view = option.widget
        width = view.viewport().width() - 8 if isinstance(view, QAbstractScrollArea) else 300
        opt = QStyleOptionViewItem(option)
        opt.rect.setWidth(width)
        document = self._document(opt, index)
        return QSize(width, int(document.size().height()) + 2 * _PAD)


class ReviewPanel(QWidget):
    """Lists orphans and unreviewed moved/edited annotations of one document or the project."""

    jump_requested = Signal(int)
    """Emitted with an annotation id when the user wants to see it in its document."""

    reattach_requested = Signal(int)
    """Emitted with an orphan's id: attach it to the current selection in the reading view."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._document_id: int | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.whole_project = QCheckBox("Whole project")
        self.whole_project.toggled.connect(self.refresh)
        self.items = QListWidget()
        self.items.setWordWrap(True)
        self.items.setItemDelegate(_RichItemDelegate(self.items))
        self.items.setSpacing(2)
        self.items.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.items.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the cards on resize
        self.items.setAlternatingRowColors(True)
        self.items.itemDoubleClicked.connect(
            lambda item: self.jump_requested.emit(item.data(_ROLE_ID))
        )
        self.items.currentItemChanged.connect(self._update_buttons)
        self.show_button = QPushButton("Show")
        self.accept_button = QPushButton("Accept")
        self.accept_button.setToolTip("The new place is right: stop flagging it")
        self.reattach_button = QPushButton("Attach to selection")
        self.reattach_button.setToolTip(
            "Select the passage in the text first, then attach the orphan to it"
        )
        self.delete_button = QPushButton("Delete")
        self.show_button.clicked.connect(lambda: self._emit(self.jump_requested))
        self.reattach_button.clicked.connect(lambda: self._emit(self.reattach_requested))
        self.accept_button.clicked.connect(self._accept)
        self.delete_button.clicked.connect(self._delete)
        buttons = QHBoxLayout()
        for button in (
            self.show_button,
            self.accept_button,
            self.reattach_button,
            self.delete_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.whole_project)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addLayout(top)
        layout.addWidget(self.items, 1)
        layout.addLayout(buttons)
        self._shown_documents: set[int] = set()
        controller.changed.connect(self._on_changed)
        self.refresh()

    def set_document(self, document_id: int | None) -> None:
        self._document_id = document_id
        self.refresh()

    def current_id(self) -> int | None:
        item = self.items.currentItem()
        return item.data(_ROLE_ID) if item else None

    def pending(self) -> list[Annotation]:
        """Orphans, and moved or edited annotations not yet accepted, in document order."""
        whole = self.whole_project.isChecked() or self._document_id is None
        documents = () if whole or self._document_id is None else (self._document_id,)
        found = self.controller.library.annotations.query(
            ExcerptFilter(
                document_ids=documents,
                statuses=(AnchorStatus.ORPHAN, AnchorStatus.MOVED, AnchorStatus.EDITED),
            )
        )
        pending = [a for a in found if a.status is AnchorStatus.ORPHAN or not a.reviewed]
        unverified = self.controller.library.annotations.unverified(documents)
        if not unverified:
            return pending
        return sorted(pending + unverified, key=lambda a: (a.document_id, a.start, a.id))

    def refresh(self) -> None:
        keep = self.current_id()
        library = self.controller.library
        pending = self.pending()
        self._shown_documents = {a.document_id for a in pending}
        shown = library.documents.titles(self._shown_documents)
        titles = {doc_id: title for doc_id, _source, _path, title in shown}
        edited = [a.id for a in pending if a.status is AnchorStatus.EDITED]
        earlier = library.annotations.previous_wording(edited) if edited else {}
        self.items.clear()
        for annotation in pending:
            quote = " ".join(annotation.exact.split())
            if len(quote) > 160:
                quote = quote[:159] + "…"
            lines = [
                f"“{quote}”",
                titles.get(annotation.document_id, ""),
            ]
            if annotation.note:
                lines.append(f"Note: {annotation.note[:120]}")
            change = ""
            old = earlier.get(annotation.id)
            if old is not None and annotation.status is AnchorStatus.EDITED:
                # Old and new wording in one line, the change marked; plain text says both.
                change = change_html(old, annotation.exact, self.palette())
                lines[0] = f"Was: “{' '.join(old.split())}” Now: “{quote}”"
            label = _label(annotation)
            item = QListWidgetItem("\n".join([label, *lines]))
            item.setData(_ROLE_ID, annotation.id)
            item.setData(_ROLE_HTML, _item_html(label, quote, lines[1:], change))
            item.setToolTip(lines[0])
            self.items.addItem(item)
            if annotation.id == keep:
                self.items.setCurrentItem(item)
        orphans = sum(a.status is AnchorStatus.ORPHAN for a in pending)
        moved = len(pending) - orphans
        where = (
            "this project"
            if self.whole_project.isChecked() or self._document_id is None
            else "this document"
        )
        if pending:
            self.heading.setText(f"In {where}: {orphans} orphaned, {moved} to review")
        else:
            self.heading.setText(f"Nothing to review in {where}: every passage is in place.")
        self._update_buttons()

    def _update_buttons(self, *_: object) -> None:
        annotation_id = self.current_id()
        status = None
        reviewed = True
        if annotation_id is not None:
            annotation = self.controller.library.annotations.get(annotation_id)
            status, reviewed = annotation.status, annotation.reviewed
        self.show_button.setEnabled(annotation_id is not None and status is not AnchorStatus.ORPHAN)
        self.accept_button.setEnabled(
            status in (AnchorStatus.MOVED, AnchorStatus.EDITED)
            or (status is AnchorStatus.EXACT and not reviewed)
        )
        self.reattach_button.setEnabled(status is AnchorStatus.ORPHAN)
        self.delete_button.setEnabled(annotation_id is not None)

    def _emit(self, signal: SignalInstance) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            signal.emit(annotation_id)

    def _accept(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is not None:
            self.controller.push(cmd.accept_anchor(self.controller.library, annotation_id))

    def _delete(self) -> None:
        annotation_id = self.current_id()
        if annotation_id is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete highlight",
            "Delete this highlight with its tags and note? (Edit ▸ Undo brings it back.)",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.push(cmd.DeleteAnnotation(self.controller.library, annotation_id))

    def _on_changed(self, changes: Changes) -> None:
        # Documents alone (files added, renamed) matter only for the titles shown here.
        if changes.annotations or changes.documents & self._shown_documents:
            self.refresh()
