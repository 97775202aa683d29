"""Bring the watcher's events from its thread to the GUI thread, and apply them to the project."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from annotator.services.live import LiveResult, handle_event
from annotator.ui.controller import ProjectController
from annotator.watch.watcher import SourceEvent, SourceWatcher, WatchError

logger = logging.getLogger("annotator.ui.watch")

_RETRIES = 6  # a half-written or briefly locked file is read again this many times...
_RETRY_MS = 250  # ...this far apart, before its content is taken as it is


class WatchBridge(QObject):
    """Owns the SourceWatcher; results arrive on the GUI thread through a queued signal."""

    _arrived = Signal(object)
    """Internal: a SourceEvent from the watcher thread (queued to the GUI thread)."""

    file_changed = Signal(object)
    """Emitted with a LiveResult after a source file was reloaded, added, renamed or deleted."""

    text_replaced = Signal(int, object)
    """Emitted with a document id and an OffsetMap (old offsets to new) when a reload replaced
    the document's text, just before the change is announced."""

    state_changed = Signal(str)
    """Emitted with a short text for the status bar ("Watching 2 folders", "Not watching: …")."""

    def __init__(self, controller: ProjectController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._watcher = SourceWatcher(self._arrived.emit)
        self._arrived.connect(self._handle, Qt.ConnectionType.QueuedConnection)
        self._timers: set[QTimer] = set()
        self._paused = 0
        self._held: list[tuple[SourceEvent, int]] = []
        self.state = "Not watching"

    def start(self) -> None:
        """Watch every source of the project; a missing folder is reported, the rest watched."""
        problems, count = [], 0
        for source in self.controller.library.sources.list():
            try:
                self._watcher.watch(Path(source.path))
                count += 1
            except WatchError as error:
                problems.append(str(error))
        self._watcher.start()
        noun = "source" if count == 1 else "sources"
        state = f"Watching {count} {noun}"
        if problems:
            state += f" · not watching {len(problems)}: {problems[0]}"
        self._set_state(state)

    def watch(self, path: Path) -> None:
        """Start watching a source added while the app runs."""
        try:
            self._watcher.watch(path)
        except WatchError as error:
            self._set_state(f"Not watching {path.name}: {error}")

    def stop(self) -> None:
        """Stop and join the watcher's threads (call on quit, before the window goes)."""
        for timer in list(self._timers):
            timer.stop()
        self._timers.clear()
        self._watcher.stop()
        self._set_state("Not watching")

    def pause(self) -> None:
        """Hold file events (during a rescan, which works from its own list of documents)."""
        self._paused += 1

    def resume(self) -> None:
        """Apply the events held since ``pause``."""
        self._paused = max(0, self._paused - 1)
        if not self._paused:
            held, self._held = self._held, []
            for event, attempt in held:
                self._handle(event, attempt)

    def _handle(self, event: SourceEvent, attempt: int = 0) -> None:
        if self._paused:
            self._held.append((event, attempt))
            return
        try:
            result = handle_event(self.controller.library, event, final=attempt >= _RETRIES)
        except Exception as error:  # a bad file must never take the app down
            logger.exception("could not apply %s", event)
            self.controller.error.emit(f"{event.path.name}: {error}")
            return
        if result.retry and attempt < _RETRIES:
            self._retry_later(event, attempt + 1)
            return
        self._apply(result)

    def _retry_later(self, event: SourceEvent, attempt: int) -> None:
        timer = QTimer(self)
        timer.setSingleShot(True)
        self._timers.add(timer)

        def fire() -> None:
            self._timers.discard(timer)
            timer.deleteLater()
            self._handle(event, attempt)

        timer.timeout.connect(fire)
        timer.start(_RETRY_MS)

    def _apply(self, result: LiveResult) -> None:
        if result.text_changed:
            # Undo steps hold spans in the old text (a deleted highlight's, too); replaying
            # them on the new one would put highlights on the wrong words.
            self.controller.undo_stack.clear()
        if result.mapping is not None and result.document_id is not None:
            self.text_replaced.emit(result.document_id, result.mapping)
        if result.changes:
            self.controller.notify(result.changes)
        if result.message:
            self.file_changed.emit(result)

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
