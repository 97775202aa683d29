"""Add sources: the file choosers, and what adding did (projects: ``project_files``)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from annotator.formats.registry import file_dialog_filter
from annotator.services.sources import AddReport


def choose_folder(parent: QWidget) -> list[str]:
    folder = QFileDialog.getExistingDirectory(parent, "Add a folder of texts")
    return [folder] if folder else []


def choose_files(parent: QWidget) -> list[str]:
    files, _ = QFileDialog.getOpenFileNames(parent, "Add sources", "", file_dialog_filter())
    return list(files)


def describe_added(parent: QWidget, result: AddReport) -> str:
    """A message for the status bar about files added; the ones refused are listed in a box."""
    added = len(result.added)
    message = f"Added {added} document" + "s" * (added != 1) + "."
    if result.already:
        message += f" {len(result.already)} already in the project."
    if result.left_out:
        n = len(result.left_out)
        message += (
            f" {n} file" + "s" * (n != 1) + " removed from the project earlier left out "
            "(add a file by name to bring it back)."
        )
    for path, note in result.warnings[:3]:
        message += f" {Path(path).name}: {note}."
    if len(result.warnings) > 3:
        message += f" ({len(result.warnings) - 3} more notes on the files.)"
    if result.cancelled:
        message += " Stopped before the rest: add the folder again to finish."
    if result.refused:
        reasons = "\n".join(f"{name}: {why}" for name, why in result.refused[:20])
        more = len(result.refused) - 20
        if more > 0:
            reasons += f"\n… and {more} more"
        QMessageBox.warning(parent, "Some files were not added", reasons)
    return message
