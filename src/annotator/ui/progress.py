"""A progress dialog for work done on the GUI thread that keeps the window painting meanwhile."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget


def file_progress(
    parent: QWidget, title: str, verb: str, *, delay_ms: int = 300
) -> tuple[QProgressDialog, Callable[[int, int, str], None]]:
    """A window-modal dialog (shown only after ``delay_ms``) and the ``report(done, total, name)``
    callback the services call per file; the caller closes the dialog when done."""
    dialog = QProgressDialog(title, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(delay_ms)

    def report(done: int, total: int, name: str) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)
        dialog.setLabelText(f"{verb} {name}…")
        # Keep the window painting while files are read, but hold the reader's clicks and keys
        # until the work is done: an undo in the middle of a scan would act on half a state.
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

    return dialog, report
