"""File > Import annotations and Export annotations: W3C JSON and REFI-QDA from the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.atomic_write import WriteError
from annotator.core.models import ExcerptFilter
from annotator.formats.registry import (
    export_format,
    export_formats,
    import_dialog_filter,
)
from annotator.services.export_target import ExportTargetError, check_export_target
from annotator.services.exporting import export
from annotator.services.importing import import_file
from annotator.store.errors import StoreError
from annotator.ui.file_manager import exported_message
from annotator.ui.window_state import settings, stored_text

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

_ERRORS = (StoreError, WriteError, ValueError, LookupError, OSError)


def import_annotations(window: MainWindow, path: str | None = None) -> str | None:
    """Ask for a file (unless given) and import it; returns the report shown to the user."""
    if path is None:
        folder = stored_text(settings(), "interchange/folder", str(Path.home()))
        path, _ = QFileDialog.getOpenFileName(
            window, "Import annotations", folder, import_dialog_filter()
        )
        if not path:
            return None
    library = window.controller.library
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = import_file(library, Path(path))
    except _ERRORS as error:
        QMessageBox.warning(window, "Nothing was imported", str(error))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    settings().setValue("interchange/folder", str(Path(path).parent))
    # The views refresh from what the import changed (a new folder of texts is watched too).
    window.controller.notify(report.changes)
    QMessageBox.information(window, "Import finished", report.message)
    return report.message


class ExportAnnotationsDialog(QDialog):
    """Choose the format and which annotations to write."""

    def __init__(self, selection: ExcerptFilter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.selection = selection
        self.format = QComboBox()
        for fmt in export_formats("annotations") + export_formats("codebook"):
            self.format.addItem(f"{fmt.label} ({fmt.suffix})", fmt.key)
        self.shown = QRadioButton("What the excerpts list shows now")
        self.everything = QRadioButton("Every annotation in the project")
        (self.everything if selection.is_empty else self.shown).setChecked(True)
        self.shown.setEnabled(not selection.is_empty)
        self.format.currentIndexChanged.connect(self._codebook_takes_everything)
        form = QFormLayout()
        form.addRow("Format", self.format)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.shown)
        layout.addWidget(self.everything)
        layout.addWidget(buttons)

    def chosen(self) -> tuple[str, ExcerptFilter]:
        selection = self.selection if self.shown.isChecked() else ExcerptFilter()
        return self.format.currentData(), selection

    def _codebook_takes_everything(self) -> None:
        codebook = export_format(self.format.currentData()).kind == "codebook"
        self.shown.setEnabled(not codebook and not self.selection.is_empty)
        if codebook:
            self.everything.setChecked(True)


def export_to(window: MainWindow, fmt: str, selection: ExcerptFilter, out: Path) -> str | None:
    """Write the export; a failure is shown and leaves no file behind."""
    try:
        message = export(window.controller.library, fmt, out, selection)
    except _ERRORS as error:
        QMessageBox.warning(window, "Nothing was exported", str(error))
        return None
    window.show_status(message)
    return message


def export_annotations_dialog(window: MainWindow) -> str | None:
    dialog = ExportAnnotationsDialog(window.current_filter(), window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    fmt, selection = dialog.chosen()
    suffix = export_format(fmt).suffix
    folder = stored_text(settings(), "interchange/folder", str(Path.home()))
    name = window.controller.library.project.name
    proposed = str(Path(folder) / f"{name}{suffix}")
    while True:
        path, _ = QFileDialog.getSaveFileName(window, "Export annotations", proposed, f"*{suffix}")
        if not path:
            return None
        out = Path(path) if path.lower().endswith(suffix) else Path(path + suffix)
        try:
            check_export_target(window.controller.library, out)
            break
        except ExportTargetError as error:
            # The project or a source: say why, and let the reader pick again.
            QMessageBox.warning(window, "Choose another file", str(error))
            proposed = str(out.parent / f"{name}{suffix}")
    settings().setValue("interchange/folder", str(out.parent))
    message = export_to(window, fmt, selection, out)
    if message is not None:
        exported_message(window, out, "The annotations")
    return message
