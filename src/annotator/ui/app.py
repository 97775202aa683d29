"""The desktop application's entry point: open the project, show the main window, run."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from annotator.bundled import resources_dir
from annotator.services.defaults import open_project
from annotator.store.errors import ProjectCorrupt, ProjectLocked, StoreError
from annotator.store.library import Library
from annotator.ui.window_state import APPLICATION, ORGANISATION


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
    library = open_library(project_path)
    if library is None:
        return 1
    from annotator.ui.main_window import MainWindow  # after the QApplication exists

    open_libraries: list[Library] = []

    def release(lib: Library) -> None:
        if lib in open_libraries:
            open_libraries.remove(lib)
            lib.close()

    def show(lib: Library) -> bool:
        try:
            window = MainWindow(lib)
        except StoreError as error:
            # A damaged page may show only when the window reads it: say so, do not crash.
            lib.close()
            refuse(error)
            return False
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.project_requested.connect(lambda path: switch(window, path))
        window.destroyed.connect(lambda *_: release(lib))
        open_libraries.append(lib)
        window.show()
        return True

    def switch(window: MainWindow, path: str) -> None:
        if window.library.path is not None and Path(path).resolve() == window.library.path:
            return
        other = open_library(path)
        if other is None or not show(other):
            return  # the message was shown; the current project stays open
        window.close()

    if not show(library):
        return 1
    try:
        return app.exec()
    finally:
        for lib in list(open_libraries):
            release(lib)


def main() -> int:
    """``python -m annotator.ui.app [project]``."""
    return run(sys.argv[1] if len(sys.argv) > 1 else None)


if __name__ == "__main__":
    raise SystemExit(main())
