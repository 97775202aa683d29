"""Keep the window's texts in step with the files: start-up scan, watching, rescan on demand."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer

from annotator.services.live import LiveResult
from annotator.services.sources import ScanReport, scan
from annotator.store.errors import StoreError
from annotator.ui.progress import file_progress
from annotator.ui.watch_bridge import WatchBridge

if TYPE_CHECKING:
    from pathlib import Path

    from annotator.ui.main_window import MainWindow


RECENT_MS = 8000  # how long a file event's message stays in the status bar
MAX_SHOWN = 3  # file events shown together; older ones are counted


class WindowSources(QObject):
    """The start-up scan (files changed while the app was closed), the watcher and Rescan."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.bridge = WatchBridge(window.controller, self)
        self.bridge.state_changed.connect(window.set_watch_state)
        self.bridge.file_changed.connect(self._on_file_changed)
        self.bridge.text_replaced.connect(window.expect_text_change)
        self.started = False
        # File events come in bursts (a folder synced, two files saved): each message stays
        # on screen with the others instead of replacing them before they can be read.
        self._recent: list[str] = []
        self._recent_timer = QTimer(self)
        self._recent_timer.setSingleShot(True)
        self._recent_timer.setInterval(RECENT_MS)
        self._recent_timer.timeout.connect(self._forget_recent)

    def start(self) -> None:
        """Catch up with changes made while the app was closed, then watch (once)."""
        if self.started:
            return
        self.started = True
        self.rescan(quiet=True)
        self.bridge.start()

    def stop(self) -> None:
        self.bridge.stop()

    def watch(self, paths: list[Path]) -> None:
        """Watch sources added while the app runs."""
        if self.started:
            for path in paths:
                self.bridge.watch(path)

    def rescan(self, *, quiet: bool = False) -> ScanReport | None:
        """Re-read every source with progress; the window keeps painting while files are read."""
        self.bridge.pause()  # file events wait: the scan works from its own list of documents
        try:
            return self._scan(quiet)
        finally:
            self.bridge.resume()

    def _scan(self, quiet: bool) -> ScanReport | None:
        window = self.window
        progress, report = file_progress(window, "Checking the source files…", "Checking")
        try:
            result = scan(window.controller.library, report)
        except (StoreError, OSError) as error:
            window.controller.error.emit(f"The sources could not be checked: {error}")
            return None
        finally:
            progress.close()
        if result.changed:
            # Undo steps hold spans in the old texts (a deleted highlight's, too).
            window.controller.undo_stack.clear()
        for reloaded in result.changed:
            window.expect_text_change(reloaded.document_id, reloaded.mapping)
        window.controller.notify(result.changes)
        message = _describe(result)
        if message or not quiet:
            window.show_status(message or "Every source is up to date.")
        return result

    def _on_file_changed(self, result: LiveResult) -> None:
        self._recent = [m for m in self._recent if m != result.message] + [result.message]
        shown = self._recent[-MAX_SHOWN:]
        hidden = len(self._recent) - len(shown)
        text = " · ".join(shown) + (f" (and {hidden} more)" if hidden else "")
        self.window.statusBar().showMessage(text, RECENT_MS)
        self._recent_timer.start()

    def _forget_recent(self) -> None:
        self._recent = []


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
    return ("Sources: " + ", ".join(parts) + ".") if parts else ""
