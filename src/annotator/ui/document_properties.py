"""The Document properties dialog: a source's file facts and its editable citation metadata.

OK applies every changed field as one undoable step (``services.commands.set_document_metadata``,
the same command ``annotator doc`` runs). Each field is checked as it is typed, with the reason
shown under it; OK waits until every field is valid. A field the user set is marked as theirs:
reading the file again does not overwrite it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.metadata import check_field
from annotator.core.models import Document
from annotator.formats.registry import REGISTRY
from annotator.services import commands as cmd
from annotator.store.errors import StoreError
from annotator.ui.controller import ProjectController

_AUTHOR_SEPARATOR = ";"  # "Pham, Luna; Petrov, Ivan": a name may hold a comma, never this
_HINTS = {
    "title": "",
    "authors": "Separate several names with ;",
    "outlet": "Publisher, site or journal",
    "published": "YYYY-MM-DD, YYYY-MM or YYYY",
    "url": "https://… or file://…",
    "citation_note": "Anything a citation should add",
}
_LABELS = {
    "title": "&Title",
    "authors": "&Authors",
    "outlet": "&Outlet",
    "published": "&Published",
    "url": "&URL",
    "citation_note": "Citation &note",
}


class DocumentProperties(QDialog):
    """Format, file, words and pages of a document, and its metadata to edit."""

    def __init__(
        self, controller: ProjectController, document_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("DocumentProperties")
        self.controller = controller
        self.document_id = document_id
        document = controller.library.documents.get(document_id)
        self.setWindowTitle(f"Properties of “{document.title}”")
        self.fields: dict[str, QLineEdit | QPlainTextEdit] = {}
        self.errors: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for label, value in self._facts(document):
            shown = QLabel(value)
            shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            shown.setWordWrap(True)
            form.addRow(label, shown)
        for name in _LABELS:
            editor = self._editor(name, document)
            error = QLabel()
            error.setObjectName(f"{name}_error")
            error.setWordWrap(True)
            palette = error.palette()
            palette.setColor(QPalette.ColorRole.WindowText, Qt.GlobalColor.red)
            error.setPalette(palette)
            error.hide()
            box = QVBoxLayout()
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            mine = " (set by you)" if name in document.user_fields else ""
            caption = QLabel(_LABELS[name] + mine)
            caption.setBuddy(editor)
            form.addRow(caption, box)
            self.fields[name], self.errors[name] = editor, error
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        note = QLabel(
            "Fields you change here are kept when the file is read again; the others follow "
            "the file."
        )
        note.setWordWrap(True)
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)
        self.resize(560, self.sizeHint().height())
        self._check()

    def _facts(self, document: Document) -> list[tuple[str, str]]:
        library = self.controller.library
        fmt = REGISTRY.sources.get(document.format)
        try:
            source = library.sources.get(document.source_id)
            full = Path(source.path) / document.path if source.kind == "folder" else source.path
        except StoreError:
            full = document.path
        facts = [
            ("Format", fmt.label if fmt else document.format or "unknown"),
            ("File", str(full)),
            ("Words", f"{document.word_count:,}"),
        ]
        pages = library.documents.pages(document.id)
        if pages:
            first, last = pages[0][1], pages[-1][1]
            facts.append(("Pages", f"{len(pages)} ({first}–{last})" if first != last else first))
        if document.status.value == "missing":
            facts.append(("Status", "the file is missing from disk"))
        return facts

    def _editor(self, name: str, document: Document) -> QLineEdit | QPlainTextEdit:
        value = getattr(document, name)
        editor: QLineEdit | QPlainTextEdit
        if name == "citation_note":
            editor = QPlainTextEdit(str(value))
            editor.setTabChangesFocus(True)
            editor.setPlaceholderText(_HINTS[name])
            editor.setFixedHeight(editor.fontMetrics().lineSpacing() * 3 + 12)
            editor.textChanged.connect(self._check)
        else:
            shown = f"{_AUTHOR_SEPARATOR} ".join(value) if name == "authors" else str(value)
            editor = QLineEdit(shown)
            editor.setPlaceholderText(_HINTS[name])
            editor.textChanged.connect(self._check)
        editor.setObjectName(name)
        return editor

    def values(self) -> dict[str, object]:
        """What the fields hold now, as the command takes them."""
        out: dict[str, object] = {}
        for name, editor in self.fields.items():
            text = editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()
            out[name] = text.split(_AUTHOR_SEPARATOR) if name == "authors" else text
        return out

    def _check(self) -> bool:
        """Show each field's problem under it; OK only when there is none."""
        valid = True
        for name, value in self.values().items():
            try:
                check_field(name, value)
                problem = ""
            except ValueError as error:
                problem = str(error)
                problem = problem[:1].upper() + problem[1:]
            self.errors[name].setText(problem)
            self.errors[name].setVisible(bool(problem))
            valid = valid and not problem
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(valid)
        return valid

    def accept(self) -> None:
        if not self._check():
            return
        try:
            edit = cmd.set_document_metadata(
                self.controller.library, self.document_id, self.values()
            )
        except (ValueError, StoreError) as error:
            self.controller.error.emit(str(error))
            return
        if edit.steps and not self.controller.push(edit):
            return  # the controller said why (a read-only project, a file gone)
        super().accept()
