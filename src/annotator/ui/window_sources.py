"""Keep the window's texts in step with the files: start-up scan, watching, rescan, adding.

The scans and additions run on the worker thread (``Background``) with their progress and a
Cancel button in the status bar; the window stays usable meanwhile, and the views refresh from
the ``Changes`` the worker committed (the controller's poll announces them).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.core.models import Changes
from annotator.services.batches import index_for_search
from annotator.services.sources import AddReport, ScanReport, add_paths, scan
from annotator.ui import source_dialogs
from annotator.ui.background import Background, Job
from annotator.ui.progress import StatusProgress
from annotator.ui.watch_bridge import WatchBridge

if TYPE_CHECKING:
    from annotator.services.live import LiveResult
    from annotator.ui.main_window import MainWindow


RECENT_MS = 8000  # how long a file event's message stays in the status bar
MAX_SHOWN = 3  # file events shown together; older ones are counted
# How long the worker must have been free before the search index catches up.
_INDEX_AFTER_MS = 1000

_LABELS = {
    "scan": "Checking the source files",
    "add": "Adding sources",
    "index": "Indexing the texts for search",
}


class WindowSources(QObject):
    """The start-up scan (files changed while the app was closed), the watcher and Rescan."""

    scan_finished = Signal(object)
    """Emitted with the ScanReport when a scan ended (``cancelled`` set if stopped), or None
    when it failed (the error was shown)."""

    sources_added = Signal(object)
    """Emitted with the AddReport when adding files or folders ended (None: it failed)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.background = Background(window.controller.library, self)
        self.background.progressed.connect(self._on_progress)
        self.background.finished.connect(self._on_finished)
        self.progress = StatusProgress()
        window.statusBar().addPermanentWidget(self.progress)
        self.bridge = WatchBridge(window.controller, self.background, self)
        self.bridge.state_changed.connect(self._on_watch_state)
        self._watch_state = ""
        self.bridge.file_changed.connect(self._on_file_changed)
        # Shown with the reload that caused it, not replaced by its message.
        window.controller.history_dropped.connect(self._show_recent)
        window.controller.changed.connect(self._on_changed)
        self.started = False
        self._stopped = False
        self._scans: dict[Job, bool] = {}  # running or waiting scans -> quiet
        self._adding: set[Job] = set()
        self._indexing: Job | None = None  # catching up the search index after the others
        # The index catches up once the worker has been free for a moment: files dropped by
        # the thousand come in batches with short gaps, and each slice of indexing started in
        # a gap held up the next batch.
        self._index_timer = QTimer(self)
        self._index_timer.setSingleShot(True)
        self._index_timer.setInterval(_INDEX_AFTER_MS)
        self._index_timer.timeout.connect(self._start_indexing)
        # File events come in bursts (a folder synced, two files saved): each message stays
        # on screen with the others instead of replacing them before they can be read.
        self._recent: list[str] = []
        self._hidden = 0
        self._recent_timer = QTimer(self)
        self._recent_timer.setSingleShot(True)
        self._recent_timer.setInterval(RECENT_MS)
        self._recent_timer.timeout.connect(self._forget_recent)

    def start(self) -> None:
        """Catch up with changes made while the app was closed, then watch (once)."""
        if self.started or self._stopped:
            return  # once only, and never after the window closed (before its first paint)
        self.started = True
        if self.window.library.read_only:
            # Nothing read from the files could be saved: show the project as it is.
            self.window.set_watch_state("Not watching the sources: the project is read-only")
            return
        self.rescan(quiet=True)  # then the search index catches up (a queue left by a kill too)
        # Watching starts now (no change slips between the scan and the watcher), but events
        # wait for the scan, and the status bar says "Watching" once the texts are caught up.
        self.bridge.start()

    def stop(self) -> None:
        self._stopped = True  # a job's end signalled before the stop starts no indexing after it
        self.bridge.stop()
        self.background.stop()

    def busy(self) -> bool:
        """Whether a scan, an addition or file events are still being worked on."""
        return self.background.busy() or self.bridge.busy()

    def follow_sources(self) -> None:
        """Watch the sources added, removed or moved while the app runs; the status bar's
        count follows at once."""
        if self.started:
            self.bridge.follow_sources()

    def rescan(self, *, quiet: bool = False) -> Job | None:
        """Re-read every source on the worker thread, after any scan already running."""
        if self.window.library.read_only:
            self.window.show_status("The project is read-only: the sources are not re-read.")
            return None
        waiting = [job for job in self._scans if job is not self.progress.job]
        if len(self._scans) > 1 and waiting:
            return waiting[-1]  # that one will see whatever changed by now
        self.bridge.pause()  # file events wait: the scan works from its own list of documents
        maps = self.window.controller.text_mappings
        job = self.background.submit(lambda lib, progress: scan(lib, progress, maps), "scan")
        self._scans[job] = quiet
        if len(self._scans) == 1:
            self.progress.start(job, _LABELS["scan"] + "…")
        return job

    def add(self, paths: list[str]) -> Job:
        """Add files or folders on the worker thread; they are watched once added."""
        job = self.background.submit(lambda lib, progress: add_paths(lib, paths, progress), "add")
        self._adding.add(job)
        self.progress.start(job, _LABELS["add"] + "…")
        return job

    def _on_watch_state(self, state: str) -> None:
        self._watch_state = state
        if not self._scans:
            self.window.set_watch_state(state)

    def _on_progress(self, job: Job, done: int, total: int, _name: str) -> None:
        if self.progress.job is not job:
            self.progress.start(job, _LABELS.get(job.label, "Reading new and changed files") + "…")
        self.progress.show_progress(job, done, total)

    def _on_finished(self, job: Job) -> None:
        self.progress.finish(job)
        if job is self._indexing:
            # Done, or stopped: by the user (Cancel), or by another job, whose end starts the
            # indexing again.
            self._indexing = None
            return
        if job in self._scans:
            self._scan_done(job, self._scans.pop(job))
        elif job in self._adding:
            self._adding.discard(job)
            self._added(job)
        self._index_when_idle()

    def _index_when_idle(self) -> None:
        """Scans, additions and arriving files leave their texts queued for the search index
        (searches find them meanwhile): index them on the worker once nothing else has waited
        for a moment, in short slices that any other job stops."""
        self._index_timer.start()  # again: the moment starts over after every job

    def _start_indexing(self) -> None:
        if self._indexing is None and not self._stopped and not self.background.busy():
            if not self.window.library.read_only and not self.bridge.busy():
                self._indexing = self.background.submit(index_for_search, "index", idle=True)

    def _scan_done(self, job: Job, quiet: bool) -> None:
        window = self.window
        window.controller.check_outside()  # the views follow what the scan changed
        self.bridge.resume()
        if not self._scans and self._watch_state:
            window.set_watch_state(self._watch_state)
        if job.error:
            window.controller.error.emit(f"The sources could not be checked: {job.error}")
            self.scan_finished.emit(None)
            return
        report = job.result
        assert isinstance(report, ScanReport)  # what scan() returns
        message = _describe(report)
        if report.cancelled:
            window.show_status(
                "Checking the sources was stopped"
                + (f" ({message[len('Sources: ') :].rstrip('.')} so far)." if message else ".")
                + " Rescan (F5) to finish."
            )
        elif message or not quiet:
            window.show_status(message or "Every source is up to date.")
        self.scan_finished.emit(report)

    def _added(self, job: Job) -> None:
        window = self.window
        window.controller.check_outside()
        if job.error:
            window.controller.error.emit(job.error)
            self.sources_added.emit(None)
            return
        report = job.result
        assert isinstance(report, AddReport)  # what add_paths() returns
        self.follow_sources()
        message = source_dialogs.describe_added(window, report)
        if message:
            window.show_status(message)
        self.sources_added.emit(report)

    def _on_changed(self, changes: Changes) -> None:
        """Follow the sources added, removed (or put back by an undo) and moved while the
        window is open: by the user, an import, the worker, or another program."""
        if changes.sources:
            self.follow_sources()

    def _on_file_changed(self, result: LiveResult) -> None:
        self._show_recent(result.message)

    def _show_recent(self, message: str) -> None:
        if message in self._recent:
            self._recent.remove(message)
        self._recent.append(message)
        if len(self._recent) > MAX_SHOWN:
            # Only the last few are shown; the rest are counted (5,000 files dropped in).
            self._hidden += len(self._recent) - MAX_SHOWN
            del self._recent[:-MAX_SHOWN]
        more = f" (and {self._hidden:,} more)" if self._hidden else ""
        self.window.statusBar().showMessage(" · ".join(self._recent) + more, RECENT_MS)
        self._recent_timer.start()

    def _forget_recent(self) -> None:
        self._recent = []
        self._hidden = 0


def _describe(report: ScanReport) -> str:
    parts = []
    if report.changed:
        moved = sum(
            r.counts.get(s, 0) for r in report.changed for s in r.counts if s.value != "exact"
        )
        parts.append(
            f"{len(report.changed)} changed"
            + (f" ({moved} passages re-anchored or orphaned)" if moved else "")
        )
    for items, word in (
        (report.new, "new"),
        (report.renamed, "renamed"),
        (report.missing, "missing"),
        (report.restored, "back"),
    ):
        if items:
            parts.append(f"{len(items)} {word}")
    if report.refused:
        parts.append(f"{len(report.refused)} unreadable")
    if len(report.warnings) == 1:
        path, note = report.warnings[0]
        parts.append(f"{Path(path).name}: {note}")
    elif report.warnings:
        parts.append(f"notes on {len(report.warnings)} files")
    return ("Sources: " + ", ".join(parts) + ".") if parts else ""
