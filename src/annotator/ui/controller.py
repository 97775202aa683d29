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
        if self.controller._rebuilding:
            return False  # steps put back on a rebuilt stack stay the steps they were
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

    history_dropped = Signal(str)
    """Emitted with a message when undo steps on a passage changed on disk were dropped."""

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
        # The text (content hash) of each document the steps on the stack point into: a
        # reload to another text maps their spans through that reload's offset map.
        self._texts: dict[int, str] = {}
        self._rebuilding = False
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
        self._note_texts(changes)
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
        touched = outside.touched if stepping else self._follow_reloads(outside.touched)
        if overlaps(touched, self.undo_records()):
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

    def _note_texts(self, changes: Changes) -> None:
        """Remember the text each document touched by a new step has now."""
        documents = set(changes.documents)
        if changes.annotations and len(changes.annotations) <= 200:
            found = self.library.annotations.many(sorted(changes.annotations))
            documents |= {a.document_id for a in found}
        for document_id in documents - self._texts.keys():
            try:
                self._texts[document_id] = self.library.documents.get(document_id).content_hash
            except StoreError:
                continue  # removed by this very step

    def _follow_reloads(self, touched: Changes) -> Changes:
        """Map the steps on a reloaded document through the reload's offset map, drop those
        whose passage is gone (only them), and return what else was touched.

        Steps on other documents are kept as they are; records the reload rewrote (the
        document and its annotations) no longer count as written over.
        """
        reloaded: dict[int, str] = {}
        for document_id in touched.documents & self._texts.keys():
            try:
                current = self.library.documents.get(document_id).content_hash
            except StoreError:
                continue  # gone: the rule for records written over applies
            if current != self._texts[document_id]:
                reloaded[document_id] = current
        if not reloaded:
            return touched
        steps = [
            step
            for index in range(self.undo_stack.count())
            if isinstance(step := self.undo_stack.command(index), _QtCommand)
        ]
        rest = Changes().merge(touched)
        dropped: list[_QtCommand] = []
        for document_id, current in reloaded.items():
            mapping = self.text_mappings.find(document_id, self._texts[document_id], current)
            text = self.library.documents.text(document_id)
            ids = {a.id for a in self.library.annotations.for_document(document_id)}
            for step in steps:
                on_it = document_id in step.touched.documents or step.touched.annotations & ids
                if not on_it or step in dropped:
                    continue
                # Without a map (another program wrote the text) no span can be trusted.
                if mapping is None or not step.command.remap(
                    document_id, text, mapping.map_offset
                ):
                    dropped.append(step)
            self._texts[document_id] = current
            rest.documents.discard(document_id)
            rest.annotations -= ids
        if dropped:
            self._drop_steps(dropped)
            n = len(dropped)
            self.history_dropped.emit(
                f"{n} undo step{'s' * (n != 1)} on a passage changed on disk "
                f"{'were' if n != 1 else 'was'} dropped; the rest of the undo history is kept"
            )
        return rest

    def _drop_steps(self, dropped: list[_QtCommand]) -> None:
        """Take ``dropped`` off the undo stack, keeping every other step and where the stack
        stands (a step undone stays undone). QUndoStack cannot remove one step: the stack is
        built again from the same commands, which do not run while it is."""
        stack = self.undo_stack
        index = stack.index()
        kept = [
            (position < index, step.command, step.touched)
            for position in range(stack.count())
            if isinstance(step := stack.command(position), _QtCommand) and step not in dropped
        ]
        self._rebuilding = True
        try:
            stack.clear()
            for _done, command, touched in kept:
                step = _QtCommand(self, command)  # marked done: push does not run it again
                step.touched = touched
                stack.push(step)
            undone = [i for i, (done, _c, _t) in enumerate(kept) if not done]
            for position in undone:
                step = stack.command(position)
                assert isinstance(step, _QtCommand)
                step._skip_undo = True  # stepping back over it undoes nothing: it was undone
            if undone:
                stack.setIndex(undone[0])
        finally:
            self._rebuilding = False

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
        self._note_texts(changes)
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
