"""The GUI's single door to the project: runs undoable commands and announces what changed.

Widgets never touch the store directly to change it: they call ``push`` with a command from
``annotator.services.commands`` (or a convenience method here), and refresh themselves from the
``changed`` signal, which carries the ``Changes`` record of every do, undo and redo (as Anki's
OpChanges). Reading goes through ``library`` (its managers run the queries).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.models import Changes
from annotator.services import commands as cmd
from annotator.store.errors import StoreError
from annotator.store.library import Library


class _QtCommand(QUndoCommand):
    """A services command on the QUndoStack; folds consecutive edits of one note together."""

    _ids: dict[tuple, int] = {}

    def __init__(self, controller: ProjectController, command: cmd.Command) -> None:
        super().__init__(command.label)
        self.controller = controller
        self.command = command
        self._done = True  # the controller ran it already, to catch errors before pushing
        self._skip_undo = False  # its redo failed: the stack steps back over it without undoing

    def id(self) -> int:  # noqa: A003 - Qt's name
        key = self.command.merge_key()
        if key is None:
            return -1
        return self._ids.setdefault(key, len(self._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _QtCommand):
            return False
        if other.command.merge_key() != self.command.merge_key():
            return False
        mine, theirs = self.command, other.command
        if isinstance(mine, cmd.SetValue) and isinstance(theirs, cmd.SetValue):
            mine.new = theirs.new
            return True
        return False

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if self.controller._run(self.command.redo):
            self.controller.stepped.emit(f"Redone: {self.text()}")
        else:
            self._skip_undo = True
            self.controller._failed = (self, "redo")

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        if self.controller._run(self.command.undo):
            self.controller.stepped.emit(f"Undone: {self.text()}")
        else:
            self._done = True
            self.controller._failed = (self, "undo")


class ProjectController(QObject):
    """Owns the open Library and its undo stack."""

    changed = Signal(object)
    """Emitted with a Changes record after every change, undo and redo."""

    stepped = Signal(str)
    """Emitted with "Undone: …" or "Redone: …" after an undo or redo that worked."""

    error = Signal(str)
    """Emitted with a readable message when a change could not be saved (nothing was lost)."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._failed: tuple[_QtCommand, str] | None = None
        self.undo_stack.indexChanged.connect(self._step_back_after_failure)

    def push(self, command: cmd.Command) -> bool:
        """Do ``command`` as one undoable step; False (and ``error`` emitted) when it failed."""
        try:
            # Refused whole, before any part of it runs, when the project cannot be written.
            self.library.check_writable()
            changes = command.redo()
        except (StoreError, ValueError, LookupError) as error:
            self.error.emit(str(error))
            return False
        self.undo_stack.push(_QtCommand(self, command))
        if changes:
            self.changed.emit(changes)
        return True

    def notify(self, changes: Changes) -> None:
        """Announce changes made outside the undo stack (a reload from disk, an import)."""
        if changes:
            self.changed.emit(changes)

    def _run(self, action) -> bool:
        try:
            changes = action()
        except (StoreError, ValueError, LookupError) as error:
            self.error.emit(str(error))
            return False
        if changes:
            self.changed.emit(changes)
        return True

    def _step_back_after_failure(self, _index: int) -> None:
        """An undo or redo that could not be saved must not move the stack.

        QUndoStack moves its index whatever the command did; left there, the next Ctrl+Z
        would silently undo an older, unrelated change while the failed one stays applied.
        The command skips its next step (the change was never made), so moving back runs
        nothing and the reader can simply try again.
        """
        failed, self._failed = self._failed, None
        if failed is None:
            return
        if failed[1] == "undo":
            self.undo_stack.redo()
        else:
            self.undo_stack.undo()
