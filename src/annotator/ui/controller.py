"""The GUI's single door to the project: runs undoable commands and announces what changed.

Widgets never touch the store directly to change it: they call ``push`` with a command from
``annotator.services.commands`` (or a convenience method here), and refresh themselves from the
``changed`` signal, which carries the ``Changes`` record of every do, undo and redo (as Anki's
OpChanges). Reading goes through ``library`` (its managers run the queries).

Other programs (the command line) may write to the same project: ``check_outside``, run every
second and before each step, announces their changes through ``changed`` too, and clears the
undo history when they wrote records an undo or redo would write back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from annotator.core.models import Changes
from annotator.services import commands as cmd
from annotator.services.outside import OutsideWatch, OutsideWrites, overlaps
from annotator.services.reload import TextMappings
from annotator.store.errors import StaleValue, StoreError
from annotator.store.library import Library

POLL_MS = 1000  # how often the project is asked whether another program wrote to it


class _QtCommand(QUndoCommand):
    """A services command on the QUndoStack; whether two steps fold is the command's rule."""

    _ids: dict[cmd.MergeKey, int] = {}

    def __init__(self, controller: ProjectController, command: cmd.Command) -> None:
        super().__init__(command.label)
        self.controller = controller
        self.command = command
        self._done = True  # the controller ran it already, to catch errors before pushing
        self._skip_undo = False  # its redo failed: the stack steps back over it without undoing
        self.touched = Changes()  # every record its do, undo and redo wrote

    def id(self) -> int:  # noqa: A003 - Qt's name
        key = self.command.merge_key()
        if key is None:
            return -1
        return self._ids.setdefault(key, len(self._ids) + 1)

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt's name
        if not isinstance(other, _QtCommand) or not self.command.merge_with(other.command):
            return False
        self.touched.merge(other.touched)
        return True

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        if self.controller._run(self, self.command.redo):
            self.controller.stepped.emit(f"Redone: {self.text()}")
        else:
            self._skip_undo = True
            self.controller._failed = (self, "redo")

    def undo(self) -> None:
        if self._skip_undo:
            self._skip_undo = False
            return
        if self.controller._run(self, self.command.undo):
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

    outside_changed = Signal(object)
    """Emitted with the OutsideWrites of another program, after ``changed`` announced them."""

    notice = Signal(str)
    """Emitted with a message for the status bar (another program's changes came in)."""

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.library = library
        # The reloads' offset maps, recorded by the worker before each commit: the window keeps
        # the reader's place through the one from the text it shows to the text stored.
        self.text_mappings = TextMappings()
        self.undo_stack = QUndoStack(self)
        self.undo_stack.setUndoLimit(500)
        self._failed: tuple[_QtCommand, str] | None = None
        self.undo_stack.indexChanged.connect(self._step_back_after_failure)
        self._outside = OutsideWatch(library)
        self._outside_message = ""
        self._stale_history = False
        self.poll_timer = QTimer(self, interval=POLL_MS)
        self.poll_timer.timeout.connect(self.check_outside)
        self.poll_timer.start()

    def push(
        self, command: cmd.Command, *, on_stale: Callable[[StaleValue], None] | None = None
    ) -> bool:
        """Do ``command`` as one undoable step; False (and ``error`` emitted) when it failed.

        ``on_stale``: called instead of ``error`` when the command found a value another
        program changed since it was read (a note edited elsewhere).
        """
        outside = self._take_outside()  # first, so no new step folds into a stale one
        try:
            # Refused whole, before any part of it runs, when the project cannot be written.
            self.library.check_writable()
            changes = command.redo()
        except StaleValue as error:
            if on_stale is None:
                self.error.emit(str(error))
            else:
                on_stale(error)
            return False
        except (StoreError, ValueError, LookupError) as error:
            self.error.emit(str(error))
            return False
        finally:
            if outside is not None:
                self._announce(outside)
        if not changes:
            return True  # it found nothing to do (a tag the passage has): no step to undo
        step = _QtCommand(self, command)
        step.touched.merge(changes)
        self.undo_stack.push(step)
        self.changed.emit(changes)
        return True

    def notify(self, changes: Changes) -> None:
        """Announce changes made outside the undo stack (a reload from disk, an import)."""
        if changes:
            self.changed.emit(changes)

    def check_outside(self) -> bool:
        """Take in what other programs committed; True when there was something."""
        outside = self._take_outside()
        if outside is not None:
            self._announce(outside)
        return outside is not None

    def _take_outside(self, *, stepping: bool = False) -> OutsideWrites | None:
        """Poll for other programs' writes; drop the undo history when they touched its records.

        ``stepping``: called from inside an undo or redo, when the stack cannot be cleared yet.
        """
        try:
            outside = self._outside.poll()
        except StoreError:
            return None  # the project cannot be read now: the next poll tries again
        if outside is None:
            return None
        # A scan or the watcher (this program's worker thread) says what it did itself.
        self._outside_message = (
            "" if outside.ours else "Updated with changes made by another program."
        )
        if overlaps(outside.touched, self.undo_records()):
            who = "Changed files on disk" if outside.ours else "Another program"
            self._outside_message = (
                f"{who} changed what your recent steps changed: "
                "the undo history was cleared, so undo cannot write over those changes."
            )
            if stepping:
                self._stale_history = True
            else:
                self.undo_stack.clear()
        return outside

    def _announce(self, outside: OutsideWrites) -> None:
        self.notify(outside.changes)
        self.outside_changed.emit(outside)
        if self._outside_message:
            self.notice.emit(self._outside_message)

    def undo_records(self) -> Changes:
        """Every record the steps on the undo stack wrote (and would write again)."""
        records = Changes()
        for index in range(self.undo_stack.count()):
            step = self.undo_stack.command(index)
            if isinstance(step, _QtCommand):
                records.merge(step.touched)
        return records

    def _run(self, step: _QtCommand, action: Callable[[], Changes]) -> bool:
        self._stale_history = False
        outside = self._take_outside(stepping=True)
        if outside is not None:
            # Announced once the stack is done stepping (it cannot be cleared from inside).
            QTimer.singleShot(0, self, lambda: self._after_stale_step(outside))
            if self._stale_history:
                self.error.emit(self._outside_message)
                return False
        try:
            changes = action()
        except (StoreError, ValueError, LookupError) as error:
            self.error.emit(str(error))
            return False
        step.touched.merge(changes)
        if changes:
            self.changed.emit(changes)
        return True

    def _after_stale_step(self, outside: OutsideWrites) -> None:
        if self._stale_history:
            self._stale_history = False
            self.undo_stack.clear()
        self._announce(outside)

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
