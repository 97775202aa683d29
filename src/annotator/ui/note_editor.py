"""Note editors that save as you type: one bound to a project, document, tag or annotation note.

``NoteEditor`` saves through the undoable note commands, 400 ms after the last keystroke, when
it loses focus and before its target changes, so nothing typed is lost. Consecutive saves of one
note fold into one undo step, and Ctrl+Z / Ctrl+Shift+Z in the editor go to the project's undo
stack (the editor keeps no undo history of its own), so undo takes back the whole typed note.
When the note changes elsewhere (an undo), the editor reloads, keeping the cursor where it was.
A save expects the note the editor loaded: when another program changed it meanwhile, the
reader sees both versions and chooses (``NoteConflictDialog``); nothing is overwritten silently.

``NotesPanel`` holds three editors in tabs (Project, Document, Tag) for the main window to dock.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QHideEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTabWidget, QVBoxLayout, QWidget

from annotator.core.models import Changes
from annotator.services import commands as cmd
from annotator.store.errors import NotFound, StaleValue, StoreError
from annotator.ui.controller import ProjectController
from annotator.ui.note_conflict import Choice, NoteConflictDialog

KINDS = ("project", "document", "tag", "annotation")
_PLACEHOLDERS = {
    "project": "Notes on the whole project: questions, plans, conclusions…",
    "document": "Notes on this document…",
    "tag": "Notes on this tag: what it gathers, what stands out…",
    "annotation": "A note on this passage…",
}
_WHOSE = {
    "project": "The project note",
    "document": "This document's note",
    "tag": "This tag's note",
    "annotation": "This highlight's note",
}


class NoteEditor(QPlainTextEdit):
    """A plain-text note bound to one target; see the module docstring for saving and undo."""

    saved = Signal()
    """Emitted after the text was written to the project."""

    RETRY_MS = 10_000

    def __init__(
        self, controller: ProjectController, parent: QWidget | None = None, delay_ms: int = 400
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self._kind: str | None = None
        self._id: int | None = None
        self._loading = False
        self._loaded = ""  # the stored note the text on screen was typed over
        self.conflict: NoteConflictDialog | None = None
        """The open "changed by another program" dialog, if any."""
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(self.flush)
        # A save the project refused (the file locked by another program) is tried again on
        # its own: the typed text must reach the file without the reader typing more.
        self._retry = QTimer(self, singleShot=True, interval=self.RETRY_MS)
        self._retry.timeout.connect(self.flush)
        self.textChanged.connect(self._edited)
        controller.changed.connect(self._on_changed)
        self._load()

    # Target -------------------------------------------------------------------------------

    def target(self) -> tuple[str | None, int | None]:
        return self._kind, self._id

    def set_target(self, kind: str | None, target_id: int | None = None) -> None:
        """Edit the note of ``kind`` ("project", "document", "tag", "annotation") ``target_id``.

        ``kind=None`` (or a missing id for anything but the project) leaves the editor empty
        and read-only. What was typed for the previous target is saved first.
        """
        if kind is not None and kind not in KINDS:
            raise ValueError(f"unknown note kind '{kind}'")
        if kind not in (None, "project") and target_id is None:
            kind = None
        if (kind, target_id) == (self._kind, self._id):
            return
        self.flush()
        self._kind, self._id = kind, target_id if kind != "project" else None
        self._load()

    def pending(self) -> bool:
        """Whether typed text is waiting for the debounce to save it."""
        return self._timer.isActive()

    def flush(self) -> None:
        """Save the typed text now if it differs from the stored note."""
        self._timer.stop()
        self._retry.stop()
        if self._kind is None or self.conflict is not None:
            return
        text = self.toPlainText()
        if text == self._loaded:
            return  # nothing typed (a note changed elsewhere meanwhile is not written over)
        try:
            stored = self._read()
        except StoreError:
            self._retry.start()
            return
        if stored is None:
            return
        if text == stored:
            self._loaded = stored
            return
        target = (self._kind, self._id)
        if self._save(target, text, self._loaded):
            self._loaded = text
            self.saved.emit()
        elif self.conflict is None:
            self._retry.start()

    def _save(self, target: tuple[str, int | None], text: str, expected: str) -> bool:
        """Write ``text`` over ``expected``; another program's note opens the conflict dialog."""
        return self.controller.push(
            self._command(target, text, expected),
            on_stale=lambda error: self._conflicted(target, text, error),
        )

    def _conflicted(self, target: tuple[str, int | None], mine: str, error: StaleValue) -> None:
        dialog = NoteConflictDialog(self.window(), _WHOSE[target[0]], error.current, mine)
        self.conflict = dialog
        dialog.finished.connect(lambda _result: self._resolve(dialog, target, mine, error.current))
        dialog.open()

    def _resolve(
        self, dialog: NoteConflictDialog, target: tuple[str, int | None], mine: str, theirs: str
    ) -> None:
        self.conflict = None
        dialog.deleteLater()
        here = target == (self._kind, self._id)
        if dialog.choice is Choice.KEEP_MINE:
            if self._save(target, mine, theirs) and here:
                self._loaded = mine
                self._replace_text(mine)
                self.saved.emit()
            return
        if dialog.choice is Choice.COPY_MINE:
            QGuiApplication.clipboard().setText(mine)
        if here:
            self._load()  # theirs (or whatever is stored by now)

    # Reading and writing ------------------------------------------------------------------

    def _read(self) -> str | None:
        lib, target_id = self.controller.library, self._id
        if self._kind == "project":
            return lib.project.note
        if target_id is None:
            return None
        try:
            if self._kind == "document":
                return lib.documents.get(target_id).note
            if self._kind == "tag":
                return lib.tags.get(target_id).note
            if self._kind == "annotation":
                return lib.annotations.get(target_id).note
        except NotFound:
            return None
        return None

    def _command(self, target: tuple[str, int | None], text: str, expected: str) -> cmd.Command:
        lib, (kind, target_id) = self.controller.library, target
        if kind == "project":
            return cmd.set_project_note(lib, text, expected)
        assert target_id is not None  # every note but the project's belongs to a record
        if kind == "document":
            return cmd.set_document_note(lib, target_id, text, expected)
        if kind == "tag":
            return cmd.set_tag_note(lib, target_id, text, expected)
        return cmd.set_annotation_note(lib, target_id, text, expected)

    def _load(self) -> None:
        stored = self._read() if self._kind else None
        if self._kind is not None and stored is None:
            self._kind, self._id = None, None  # the target is gone (deleted)
        # A read-only project: the note is shown, but typing would only be refused.
        self.setReadOnly(self._kind is None or self.controller.library.read_only)
        self.setPlaceholderText(_PLACEHOLDERS.get(self._kind or "", "Nothing selected"))
        self._loaded = stored or ""
        self._replace_text(self._loaded)

    def _replace_text(self, text: str) -> None:
        if text == self.toPlainText():
            return
        position = self.textCursor().position()
        scroll = self.verticalScrollBar().value()
        self._loading = True
        try:
            self.setPlainText(text)
        finally:
            self._loading = False
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(text)))
        self.setTextCursor(cursor)
        self.verticalScrollBar().setValue(scroll)

    def _edited(self) -> None:
        if not self._loading and self._kind is not None:
            self._timer.start()

    def _relevant(self, changes: Changes) -> bool:
        if self._kind == "project":
            return changes.project
        if self._kind == "document":
            return self._id in changes.documents
        if self._kind == "tag":
            return self._id in changes.tags
        if self._kind == "annotation":
            return self._id in changes.annotations
        return False

    def _on_changed(self, changes: Changes) -> None:
        # While the user types, their text stays: it is saved within the debounce (and meets
        # the conflict dialog if another program changed the note meanwhile).
        typing = self.pending() or self.toPlainText() != self._loaded or self.conflict is not None
        if self._kind is not None and self._relevant(changes) and not typing:
            self._load()

    # Qt events ----------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (
                event.matches(QKeySequence.StandardKey.Undo)
                or event.matches(QKeySequence.StandardKey.Redo)
            )
        ):
            event.accept()  # handled in keyPressEvent, after saving what was typed
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.matches(QKeySequence.StandardKey.Undo):
            self.flush()
            self.controller.undo_stack.undo()
            return
        if event.matches(QKeySequence.StandardKey.Redo):
            self.flush()
            self.controller.undo_stack.redo()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:  # noqa: N802
        self.flush()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802
        self.flush()
        super().hideEvent(event)


class _NotePage(QWidget):
    """A caption saying whose note it is, above its editor."""

    def __init__(self, controller: ProjectController, kind: str) -> None:
        super().__init__()
        self.caption = QLabel()
        self.caption.setWordWrap(True)  # a long title must not widen the dock
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        font = self.caption.font()
        font.setBold(True)
        self.caption.setFont(font)
        self.editor = NoteEditor(controller)
        self.editor.setObjectName(f"{kind}-note")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(4)
        layout.addWidget(self.caption)
        layout.addWidget(self.editor, 1)


class NotesPanel(QTabWidget):
    """Project, Document and Tag notes in three tabs; each saves as you type."""

    def __init__(self, controller: ProjectController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.pages = {kind: _NotePage(controller, kind) for kind in ("project", "document", "tag")}
        for kind, page in self.pages.items():
            self.addTab(page, kind.capitalize())
        self.project_editor.set_target("project")
        self._document: int | None = None
        self._tag: int | None = None
        controller.changed.connect(self._on_changed)
        self._update_captions()

    @property
    def project_editor(self) -> NoteEditor:
        return self.pages["project"].editor

    @property
    def document_editor(self) -> NoteEditor:
        return self.pages["document"].editor

    @property
    def tag_editor(self) -> NoteEditor:
        return self.pages["tag"].editor

    def set_document(self, document_id: int | None) -> None:
        """Show the note of ``document_id`` in the Document tab (None: nothing)."""
        self._document = document_id
        self.document_editor.set_target("document", document_id)
        self._update_captions()

    def set_tag(self, tag_id: int | None) -> None:
        """Show the note of ``tag_id`` in the Tag tab (None or -1: nothing)."""
        self._tag = tag_id if tag_id is not None and tag_id >= 0 else None
        self.tag_editor.set_target("tag", self._tag)
        self._update_captions()

    def flush(self) -> None:
        """Save whatever is typed in any tab (call before closing the project)."""
        for page in self.pages.values():
            page.editor.flush()

    def _on_changed(self, changes: Changes) -> None:
        if changes.project or changes.documents or changes.tags or changes.tag_tree:
            self._update_captions()

    def _update_captions(self) -> None:
        lib = self.controller.library
        captions = {"project": lib.project.name or "This project", "document": "", "tag": ""}
        kind, doc_id = self.document_editor.target()
        if kind and doc_id is not None:
            try:
                captions["document"] = lib.documents.get(doc_id).title
            except NotFound:
                captions["document"] = ""  # removed: its editor has emptied itself
        kind, tag_id = self.tag_editor.target()
        if kind and tag_id is not None:
            captions["tag"] = lib.tags.path(tag_id)
        for key, page in self.pages.items():
            text = captions[key] or f"No {key} selected"
            page.caption.setText(text)
            page.caption.setEnabled(bool(captions[key]))
            index = self.indexOf(page)
            has_note = bool(page.editor.toPlainText().strip())
            self.setTabText(index, key.capitalize() + (" •" if has_note else ""))
