"""The desktop application's entry point: open the project, show the main window, run."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from annotator.bundled import resources_dir
from annotator.services.defaults import default_project_path, open_project
from annotator.store.errors import ProjectCorrupt, ProjectLocked, StoreError
from annotator.store.library import Library
from annotator.ui.instance import Claim, ProjectInstance, claim
from annotator.ui.main_thread_gc import install as collect_on_gui_thread
from annotator.ui.window_state import APPLICATION, ORGANISATION

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

QUIT_AFTER_SHOW = "ANNOTATOR_QUIT_AFTER_SHOW"
"""Set to 1: the window closes once its text is painted and the start-up scan is done (smoke
tests, ``benchmarks/launch_time.py``)."""


def application(argv: list[str] | None = None) -> QApplication:
    """The running QApplication (created once), named for QSettings."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("Annotator")
    app.setOrganizationDomain("annotator.invalid")
    app_icon = resources_dir() / "icons" / "annotator.svg"
    if app_icon.is_file():
        app.setWindowIcon(QIcon(str(app_icon)))
    QGuiApplication.setDesktopFileName("annotator")
    collect_on_gui_thread(app)  # Qt objects in reference cycles die on the GUI thread
    # (watchdog's harmless double-registration warning is silenced when watching starts)
    return app


def open_library(path: str | None) -> Library | None:
    """Open ``path`` (None: the default project); on failure tell the user and return None."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        return open_project(Path(path).expanduser() if path else None)
    except (StoreError, OSError) as error:
        refuse(error)
    finally:
        QGuiApplication.restoreOverrideCursor()
    return None


def refuse(error: Exception) -> None:
    """Tell the reader why a project cannot be opened (a dialog: there is no window yet)."""
    if isinstance(error, ProjectLocked):
        _refuse("The project is in use", str(error), "Close the other program and try again.")
    elif isinstance(error, ProjectCorrupt):
        _refuse(
            "The project cannot be opened",
            str(error),
            "The file was left exactly as it was. Restore it from a backup, or open another.",
        )
    else:
        _refuse("The project cannot be opened", str(error), "Nothing was changed.")


def _refuse(title: str, reason: str, advice: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, "Annotator", title)
    box.setInformativeText(f"{reason}\n\n{advice}")
    box.exec()


def run(project_path: str | None = None) -> int:
    """Run the desktop app on ``project_path`` (None: the default project over the seeds)."""
    app = application()
    path = Path(project_path).expanduser() if project_path else default_project_path()
    outcome, instance = take_project(path)
    if outcome is not Claim.OWNED:
        # A second start on an open project did its job by bringing that window forward.
        return 0 if outcome is Claim.HANDED_OVER else 1
    library = open_library(project_path)
    if library is None:
        instance.release()
        return 1
    from annotator.ui.main_window import MainWindow  # after the QApplication exists

    held: dict[Library, ProjectInstance] = {}

    def release(lib: Library) -> None:
        if lib in held:
            held.pop(lib).release()
            lib.close()

    def show(lib: Library, instance: ProjectInstance) -> MainWindow | None:
        try:
            window = MainWindow(lib)
        except StoreError as error:
            # A damaged page may show only when the window reads it: say so, do not crash.
            lib.close()
            instance.release()
            refuse(error)
            return None
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.project_requested.connect(lambda path: switch(window, path))
        window.destroyed.connect(lambda *_: release(lib))
        instance.raise_requested.connect(lambda: bring_forward(window))
        held[lib] = instance
        window.show()
        return window

    def switch(window: MainWindow, path: str) -> None:
        if window.library.path is not None and Path(path).resolve() == window.library.path:
            return
        outcome, instance = take_project(Path(path), window)
        if outcome is not Claim.OWNED:
            return  # the other window came forward, or the user was told; this one stays
        other = open_library(path)
        if other is None:
            instance.release()
            return  # the message was shown; the current project stays open
        if show(other, instance) is None:
            return  # the same: it could not be shown
        window.close()

    first = show(library, instance)
    if first is None:
        return 1
    # Kept here, alive for as long as the app runs (this frame waits in app.exec).
    wakeup = _close_on_signals(app)
    closer = _CloseWhenReady(first) if os.environ.get(QUIT_AFTER_SHOW) == "1" else None
    try:
        return app.exec()
    finally:
        del wakeup, closer
        for lib in list(held):
            release(lib)


def take_project(path: Path, parent: QMainWindow | None = None) -> tuple[Claim, ProjectInstance]:
    """Claim ``path`` for this process; when another Annotator window has it, say what happened."""
    outcome, instance = claim(path)
    name = instance.path.name
    if outcome is Claim.HANDED_OVER:
        message = f"{name} is already open in another Annotator window; switched to that window."
        print(f"annotator: {message}", file=sys.stderr)
        status = getattr(parent, "show_status", None)
        if status is not None:
            status(message)
    elif outcome is Claim.BUSY:
        pid = instance.owner_pid()
        process = f" (process {pid})" if pid else ""
        reason = f"{name} is open in another Annotator window{process}, which does not answer."
        print(f"annotator: {reason}", file=sys.stderr)
        _refuse(
            "The project is already open",
            reason,
            "Switch to that window, or close it, and try again. Two windows on one project "
            "would overwrite each other's work.",
        )
    return outcome, instance


def _close_on_signals(app: QApplication) -> tuple[object, ...]:
    """SIGTERM and SIGINT (logging out, ``kill``, Ctrl+C in a terminal) close the windows as
    File > Quit does: notes are saved and the project is let go for the next window."""
    # Python runs signal handlers only when the interpreter gets control, which it does not
    # while Qt waits for events: the wake-up socket turns a signal into an event Qt sees.
    reader, writer = socket.socketpair()
    reader.setblocking(False)
    writer.setblocking(False)
    signal.set_wakeup_fd(writer.fileno(), warn_on_full_buffer=False)
    notifier = QSocketNotifier(reader.fileno(), QSocketNotifier.Type.Read, app)

    def drain() -> None:
        with contextlib.suppress(OSError):
            reader.recv(64)

    notifier.activated.connect(drain)
    for number in (signal.SIGTERM, signal.SIGINT):
        signal.signal(number, lambda *_: app.closeAllWindows())
    return reader, writer, notifier  # the caller keeps them for the life of the app


def bring_forward(window: QMainWindow) -> None:
    """Show ``window`` on top, restored if minimised (another process asked for its project)."""
    window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class _CloseWhenReady(QObject):
    """Reports the first paint of the window's text, then closes it once the start-up scan
    is done too."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.painted = self.watching = False
        self.watched = window.parts.view.viewport()  # the text: the window is then readable
        self.watched.installEventFilter(self)
        # The watcher starts right after the start-up scan: the window is then fully up.
        window.sources.bridge.state_changed.connect(self._on_watching)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            print(f"annotator: first paint ({QUIT_AFTER_SHOW}=1) {time.time():.3f}", flush=True)
            self._close_if_ready()
        return False

    def _on_watching(self, _state: str) -> None:
        self.watching = True
        self._close_if_ready()

    def _close_if_ready(self) -> None:
        if self.painted and self.watching:
            self.watched.removeEventFilter(self)
            self.window.sources.bridge.state_changed.disconnect(self._on_watching)
            QTimer.singleShot(0, self.window, self.window.close)


def main() -> int:
    """``python -m annotator.ui.app [project]``."""
    return run(sys.argv[1] if len(sys.argv) > 1 else None)


if __name__ == "__main__":
    raise SystemExit(main())
