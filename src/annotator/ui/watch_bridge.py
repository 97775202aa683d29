"""Bring the watcher's events from its thread to the GUI thread, and have them applied in batches.

Events are applied on the worker thread (``Background``); those that arrive while it works (a
folder of 5,000 files dropped in) wait and go together in the next batch. The views refresh
once per batch from the ``Changes`` the worker committed; the event loop never waits on a file.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal

from annotator.ui.background import Background, Job
from annotator.ui.controller import ProjectController

_RETRIES = 6  # a half-written or briefly locked file is read again this many times...
_RETRY_MS = 250  # ...this far apart, before its content is taken as it is
# Events are applied as soon as the worker is free; those arriving while it works wait and go
# together in the next batch, of at most this many (the views refresh between batches).
_BATCH = 200


if TYPE_CHECKING:
    from annotator.services.live import SourceEvent, SourceWatcher


class WatchBridge(QObject):
    """Owns the SourceWatcher; its events are applied on the worker thread in batches."""

    _arrived = Signal(object)
    """Internal: a SourceEvent from the watcher thread (queued to the GUI thread)."""

    file_changed = Signal(object)
    """Emitted with a LiveResult after a source file was reloaded, added, renamed or deleted."""

    state_changed = Signal(str)
    """Emitted with a short text for the status bar ("Watching 2 folders", "Not watching: …")."""

    def __init__(
        self,
        controller: ProjectController,
        background: Background,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.background = background
        # Made in ``start``: it loads the format registry (what to watch), which the first
        # paint of the window does not need.
        self._watcher: SourceWatcher | None = None
        self._arrived.connect(self._handle, Qt.ConnectionType.QueuedConnection)
        self._timers: set[QTimer] = set()
        self._paused = 0
        self._pending: list[tuple[SourceEvent, int]] = []
        self._job: Job | None = None
        self._batch: list[tuple[SourceEvent, int]] = []
        self._collect = QTimer(self, singleShot=True, interval=0)  # the events queued with it
        self._collect.timeout.connect(self._dispatch)
        background.finished.connect(self._on_finished)
        self.state = "Not watching"
        self._watching = False  # between ``start`` and ``stop``

    def start(self) -> None:
        """Watch every source of the project; a missing folder is reported, the rest watched."""
        problems, count = [], 0
        # Imported here, when watching starts (watchdog and the readers: not needed to show
        # the window).
        from annotator.services.live import WatchError, ignore_double_registration, source_watcher

        if self._watcher is None:
            ignore_double_registration()  # watchdog's harmless warning would alarm on stderr
            self._watcher = source_watcher(self._arrived.emit)
        for source in self.controller.library.sources.list():
            try:
                self._watcher.watch(Path(source.path))
                count += 1
            except WatchError as error:
                problems.append(str(error))
        self._watcher.start()
        self._watching = True
        self._say_watching(count, problems)

    def _say_watching(self, count: int, problems: list[str]) -> None:
        noun = "source" if count == 1 else "sources"
        state = f"Watching {count} {noun}"
        if problems:
            state += f" · not watching {len(problems)}: {problems[0]}"
        self._set_state(state)

    def watch(self, path: Path) -> None:
        """Start watching a source added while the app runs."""
        if self._watcher is None:
            return  # not started: ``start`` watches every source
        from annotator.services.live import WatchError

        try:
            self._watcher.watch(path)
        except WatchError as error:
            self._set_state(f"Not watching {path.name}: {error}")

    def follow_sources(self) -> None:
        """Watch the project's sources as they are now (one added, removed, put back by an
        undo, or its file renamed), and say at once how many."""
        watcher = self._watcher
        if watcher is None or not self._watching:
            return  # not started (``start`` watches every source), or stopped
        from annotator.services.live import WatchError

        wanted = {source.path for source in self.controller.library.sources.list()}
        for root in watcher.roots:
            if str(root) not in wanted:
                watcher.unwatch(root)
        watched = {str(root) for root in watcher.roots}
        problems = []
        for path in sorted(wanted - watched):
            try:
                watcher.watch(Path(path))
            except WatchError as error:
                problems.append(str(error))
        self._say_watching(len(wanted) - len(problems), problems)

    def stop(self) -> None:
        """Stop and join the watcher's threads (call on quit, before the window goes)."""
        for timer in list(self._timers):
            timer.stop()
        self._timers.clear()
        self._collect.stop()
        self._pending.clear()
        if self._watcher is not None:
            self._watcher.stop()
        self._watching = False
        self._set_state("Not watching")

    def pause(self) -> None:
        """Hold file events (during a rescan, which works from its own list of documents)."""
        self._paused += 1

    def resume(self) -> None:
        """Apply the events held since ``pause``."""
        self._paused = max(0, self._paused - 1)
        if not self._paused:
            self._dispatch()

    def busy(self) -> bool:
        """Whether events are waiting or being applied."""
        return bool(self._pending or self._job or self._timers)

    def _handle(self, event: SourceEvent, attempt: int = 0) -> None:
        self._pending.append((event, attempt))
        if not self._collect.isActive():
            self._collect.start()

    def _dispatch(self) -> None:
        if self._paused or self._job is not None or not self._pending:
            return
        batch, self._pending = self._pending[:_BATCH], self._pending[_BATCH:]
        items = [(event, attempt >= _RETRIES) for event, attempt in batch]
        self._batch = batch
        maps = self.controller.text_mappings
        from annotator.services.live import handle_events  # loaded with the watcher already

        self._job = self.background.submit(
            lambda library, progress: handle_events(library, items, progress, maps),
            "watch",
        )

    def _on_finished(self, job: Job) -> None:
        if job is not self._job:
            return
        batch, self._batch, self._job = self._batch, [], None
        if job.error:
            self.controller.error.emit(job.error)
        else:
            # What the worker committed, now (its poll would find it within a second). The
            # reloads' maps were recorded before the commit: either way the reader keeps place.
            self.controller.check_outside()
            results = job.result
            assert isinstance(results, list)  # what handle_events returns
            for (event, attempt), result in zip(batch, results, strict=False):
                if result.error:
                    self.controller.error.emit(result.error)
                elif result.retry and attempt < _RETRIES:
                    self._retry_later(event, attempt + 1)
                elif result.message:
                    self.file_changed.emit(result)
            # Events of a stopped batch (the window closing) are not applied.
        self._dispatch()

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

    def _set_state(self, state: str) -> None:
        self.state = state
        self.state_changed.emit(state)
